import type { Plan } from '@vigie/contract';
import { loadPlan, type PlanVersionRecord, type Store } from '@vigie/core';

export interface ActivePlan {
  version: Omit<PlanVersionRecord, 'source'>;
  plan: Plan;
}

/**
 * The active plan, parsed once per version. Every read checks which version is active
 * (one small query), so a plan activated by another node is seen at once.
 */
export class PlanCatalog {
  private cached: ActivePlan | undefined;

  constructor(private readonly store: Store) {}

  async active(): Promise<ActivePlan | undefined> {
    const record = await this.store.transaction((tx) => tx.plans.active());
    if (!record) return undefined;
    if (this.cached?.version.contentHash === record.contentHash && this.cached.version.id === record.id) {
      return this.cached;
    }
    const loaded = loadPlan(record.fileName, record.source);
    // A stored version was valid when it was activated; failing now means the schema moved on.
    if (!loaded.ok) throw new Error(`stored plan version ${record.number} no longer validates`);
    const { source: _source, ...version } = record;
    this.cached = { version, plan: loaded.plan };
    return this.cached;
  }
}
