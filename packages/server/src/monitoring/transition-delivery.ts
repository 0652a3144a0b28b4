import type { Logger } from 'pino';
import type { CheckTransition, CheckTransitionRecord } from '@vigie/core';

/** Called with each change of a check's state; may be async. */
export type TransitionHandler = (transition: CheckTransition) => void | Promise<void>;

/**
 * Hands stored transitions to their consumer one at a time, in order, and remembers which
 * were taken so that the next write marks them delivered. A transition whose consumer
 * failed, or whose node died before handing it over, stays undelivered in the database
 * and is handed over again later: delivery is at least once.
 */
export class TransitionDelivery {
  private chain: Promise<void> = Promise.resolve();
  /** Queued or being handed over. */
  private readonly pending = new Set<string>();
  /** Handed over, not yet marked in the database. */
  private delivered: string[] = [];
  private readonly unmarked = new Set<string>();

  constructor(
    private readonly handler: TransitionHandler,
    private readonly logger?: Logger,
  ) {}

  /** Queues transitions for their consumer; returns when they have been handed over. */
  deliver(records: readonly CheckTransitionRecord[]): Promise<void> {
    const fresh = records.filter((r) => !this.pending.has(r.id) && !this.unmarked.has(r.id));
    for (const r of fresh) this.pending.add(r.id);
    if (fresh.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      for (const record of fresh) await this.handOver(record);
    });
    return this.chain;
  }

  private async handOver(record: CheckTransitionRecord): Promise<void> {
    try {
      const { id: _id, shard: _shard, deliveredAt: _deliveredAt, ...transition } = record;
      await this.handler(transition);
      this.delivered.push(record.id);
      this.unmarked.add(record.id);
    } catch (error) {
      this.logger?.warn({ err: error, check: record.checkId }, 'the transition consumer failed; it will be retried');
    } finally {
      this.pending.delete(record.id);
    }
  }

  /** The ids handed over since the last call, for the next write to mark. */
  takeDelivered(): string[] {
    const ids = this.delivered;
    this.delivered = [];
    return ids;
  }

  /** After a write: marked ids are forgotten, unmarked ones wait for the next write. */
  settle(ids: readonly string[], marked: boolean): void {
    if (marked) for (const id of ids) this.unmarked.delete(id);
    else this.delivered.push(...ids);
  }

  /** Resolves when every queued transition has been handed over. */
  idle(): Promise<void> {
    return this.chain;
  }
}
