import type { Clock, Randomness, Store } from '../ports';
import { precondition } from '../errors';
import type { PlanSource } from '../incidents/context';

/** What the monitoring verbs need from the outside world. */
export interface MonitoringContext {
  store: Store;
  clock: Clock;
  plans: PlanSource;
}

/** Monitoring verbs that create tokens also need randomness. */
export interface MonitoringTokenContext extends MonitoringContext {
  random: Randomness;
}

/** The active plan, or an error saying none is loaded. */
export async function monitoredPlan(ctx: MonitoringContext) {
  const active = await ctx.plans.active();
  if (!active) throw precondition('no plan is loaded: load one first');
  return active;
}
