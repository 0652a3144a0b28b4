import type { PlanSource } from '../incidents/context';
import type { AgentWorkSignal, Clock, ExternalCheckFeed, Randomness, Store } from '../ports';

/**
 * What the agents' verbs need. An `EngineContext` fits: without `agentWork`, agents waiting
 * on this node learn of new tasks from the server's short poll instead of at once.
 */
export interface AgentContext {
  store: Store;
  clock: Clock;
  random: Randomness;
  plans: PlanSource;
  agentWork?: AgentWorkSignal | undefined;
  /** Where results of checks fed by reports go; absent, reports are stored and judged on reading only. */
  feedCheck?: ExternalCheckFeed | undefined;
}
