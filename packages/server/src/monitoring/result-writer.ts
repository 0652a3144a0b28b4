import type { Logger } from 'pino';
import type { CheckResultRecord, CheckStateRecord, CheckTransitionRecord, Clock, Store } from '@vigie/core';
import type { TransitionDelivery } from './transition-delivery';

export interface ResultWriterOptions {
  /** The longest a result waits before it is written. */
  flushMs: number;
  /** Results that trigger a write at once. */
  maxBatch: number;
  /** Results kept while the database is away; beyond, the oldest are dropped (and counted). */
  maxBuffered: number;
  logger?: Logger | undefined;
}

const TRANSITION_GATHER_MS = 50;

/** What the writer has done, for metrics and benchmarks. */
export interface WriterStats {
  flushes: number;
  rows: number;
  failures: number;
  dropped: number;
  buffered: number;
}

/**
 * Writes results, states and transitions in batches: one transaction per flush, with one
 * multi-row insert of results, one upsert of the states that changed (the latest per
 * check) and the transitions — then hands the transitions to their consumer.
 */
export class ResultWriter {
  private results: CheckResultRecord[] = [];
  private states = new Map<string, CheckStateRecord>();
  private transitions: CheckTransitionRecord[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private soon = false;
  private readonly counters = { flushes: 0, rows: 0, failures: 0, dropped: 0 };

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly delivery: TransitionDelivery,
    private readonly options: ResultWriterOptions,
  ) {}

  get stats(): WriterStats {
    return { ...this.counters, buffered: this.results.length };
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushMs);
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.delivery.idle();
    // Mark what the last hand-over delivered.
    await this.flush();
  }

  /** Buffers one result with the check's new state (null: unchanged enough to skip) and its transition, if any. */
  add(result: CheckResultRecord, state: CheckStateRecord | null, transition: CheckTransitionRecord | null): void {
    this.results.push(result);
    if (state) this.states.set(state.checkId, state);
    if (transition) this.transitions.push(transition);
    // A transition is written (and handed over) at once; results wait for a full batch.
    if (transition || this.results.length >= this.options.maxBatch) this.flushSoon();
  }

  /** Buffers checks' states alone (a node handing its checks over writes what it knows). */
  addStates(states: readonly CheckStateRecord[]): void {
    for (const state of states) this.states.set(state.checkId, state);
  }

  private flushSoon(): void {
    if (this.soon) return;
    this.soon = true;
    // A short wait gathers the transitions of a burst (a site going dark) into one write.
    setTimeout(() => {
      this.soon = false;
      void this.flush();
    }, TRANSITION_GATHER_MS);
  }

  /** Writes everything buffered; flushes run one after the other. */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.flushOnce());
    return this.chain;
  }

  private async flushOnce(): Promise<void> {
    const results = this.results;
    const states = [...this.states.values()];
    const transitions = this.transitions;
    const delivered = this.delivery.takeDelivered();
    if (!results.length && !states.length && !transitions.length && !delivered.length) return;
    this.results = [];
    this.states = new Map();
    this.transitions = [];
    try {
      const now = this.clock.now();
      await this.store.transaction(async (tx) => {
        if (results.length) await tx.checkResults.insertMany(results);
        if (states.length) await tx.checkStates.upsertMany(states);
        if (transitions.length) await tx.checkTransitions.insertMany(transitions);
        if (delivered.length) await tx.checkTransitions.markDelivered(delivered, now);
      });
      this.counters.flushes++;
      this.counters.rows += results.length;
      this.delivery.settle(delivered, true);
      if (transitions.length) void this.delivery.deliver(transitions);
    } catch (error) {
      this.counters.failures++;
      this.delivery.settle(delivered, false);
      this.restore(results, states, transitions);
      this.options.logger?.error({ err: error, results: results.length }, 'could not write check results; will retry');
    }
  }

  /** Puts back what a failed write held, before anything added since; newer states win. */
  private restore(
    results: CheckResultRecord[],
    states: CheckStateRecord[],
    transitions: CheckTransitionRecord[],
  ): void {
    this.results = [...results, ...this.results];
    const excess = this.results.length - this.options.maxBuffered;
    if (excess > 0) {
      this.results.splice(0, excess);
      this.counters.dropped += excess;
    }
    for (const state of states) if (!this.states.has(state.checkId)) this.states.set(state.checkId, state);
    this.transitions = [...transitions, ...this.transitions];
  }
}
