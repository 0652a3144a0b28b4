import type { Plan } from '@vigie/contract';
import type { Clock, Randomness, Store } from '../ports';

/** Where verbs find the active plan. */
export interface PlanSource {
  active(): Promise<{ plan: Plan; version: { number: number } } | undefined>;
}

/** What the incident engine's verbs need from the outside world. */
export interface EngineContext {
  store: Store;
  clock: Clock;
  random: Randomness;
  plans: PlanSource;
  /** The web app's address, for links in messages; null when unknown. */
  publicUrl: string | null;
}
