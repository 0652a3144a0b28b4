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
  private checkedAt = -Infinity;

  /**
   * `freshForMs`: how long a check of the active version is trusted. Timers run by the
   * thousand; a plan loaded on another node is seen within this delay, one loaded
   * through this node at once (`invalidate`).
   */
  constructor(
    private readonly store: Store,
    private readonly freshForMs = 0,
  ) {}

  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  async active(): Promise<ActivePlan | undefined> {
    if (this.cached && performance.now() - this.checkedAt < this.freshForMs) return this.cached;
    const head = await this.store.transaction((tx) => tx.plans.activeHead());
    this.checkedAt = performance.now();
    if (!head) return undefined;
    if (this.cached?.version.contentHash === head.contentHash && this.cached.version.id === head.id) {
      return this.cached;
    }
    const record = await this.store.transaction((tx) => tx.plans.active());
    if (!record) return undefined;
    const loaded = loadPlan(record.fileName, record.source);
    // A stored version was valid when it was activated; failing now means the schema moved on.
    if (!loaded.ok) throw new Error(`stored plan version ${record.number} no longer validates`);
    const { source: _source, ...version } = record;
    this.cached = { version, plan: loaded.plan };
    return this.cached;
  }
}
