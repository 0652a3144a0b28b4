import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { CheckResult } from '@vigie/contract';
import {
  heartbeatDeadline,
  nextCheckState,
  silentHeartbeatResult,
  type CheckStateRecord,
  type Clock,
  type PlanSource,
  type Store,
} from '@vigie/core';
import { LatenessHistogram } from './lateness';
import { ConcurrencyLimiter } from './limiter';
import {
  newShardRuntime,
  scheduleAfterResult,
  scheduleCheck,
  scheduleNextRun,
  trackCheck,
  type LiveCheck,
  type ShardRuntime,
} from './live-check';
import { runMonitoringMaintenance, type MaintenanceOptions } from './maintenance';
import { scheduledChecks, type ScheduledCheck } from './plan-checks';
import { syncShards } from './plan-sync';
import { ResultWriter, type WriterStats } from './result-writer';
import { runCheck } from './run-check';
import { ShardLeaser } from './shard-leaser';
import { TransitionDelivery, type TransitionHandler } from './transition-delivery';

/**
 * A probed check whose results keep confirming its state has that state written at most this
 * often (its results are all written): the stored state is what the API shows and what a node
 * taking the check over resumes from, and rewriting 10,000 states every interval costs more
 * than their results. Any other result (a change under way, a transition) is written at once,
 * and a node handing its checks over writes what it knows first.
 */
const STEADY_STATE_WRITE_MS = 60_000;

export interface CheckSchedulerOptions {
  store: Store;
  plans: PlanSource;
  clock: Clock;
  /** Called with every change of a check's state, after it is stored (at least once). */
  onTransition?: TransitionHandler | undefined;
  /** Probe the checks the plan marks `example: true` (off: their addresses are not real). */
  includeExamples?: boolean | undefined;
  /** This node's name in the shard leases; unique per process by default. */
  nodeId?: string | undefined;
  /** Checks running at once, in all (default 256). */
  globalConcurrency?: number | undefined;
  /** Checks running at once against one host (default 8). */
  perTargetConcurrency?: number | undefined;
  /** A node that stops renewing loses its shards within this time (default 30 s). */
  leaseMs?: number | undefined;
  /** Resolution of the timing wheels (default 20 ms). */
  tickMs?: number | undefined;
  /** The longest a result waits to be written (default 1 s). */
  flushMs?: number | undefined;
  /** Results that trigger a write at once (default 2,000). */
  maxBatch?: number | undefined;
  /** How often the active plan is looked at (default 2 s). */
  planPollMs?: number | undefined;
  /** How often results from outside (heartbeats, agents) are taken (default 1 s). */
  inboxPollMs?: number | undefined;
  /** Rollups and pruning, run by the node holding shard 0; null to leave them to another process. */
  maintenance?: (MaintenanceOptions & { everyMs: number }) | null | undefined;
  logger?: Logger | undefined;
}

/** What the scheduler has done, for metrics and benchmarks. */
export interface SchedulerStats {
  nodeId: string;
  shards: number;
  checks: number;
  runs: number;
  /** Runs skipped because the previous run of the same check was still going. */
  overlaps: number;
  running: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  writer: WriterStats;
}

/**
 * Runs the plan's checks. Checks are hashed into shards; this node leases its share of
 * them in the database and keeps a timing wheel per shard it holds. Each check starts at
 * a phase drawn from its id (no thundering herd), runs its probe within its timeout under
 * a global and a per-host limit, and its result goes through the state machine; results,
 * states and transitions are written in batches, then transitions go to `onTransition`.
 * Heartbeat checks are watched for silence; results from outside come through the
 * database inbox (see `recordExternalResult`).
 */
export class CheckScheduler {
  readonly nodeId: string;
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly limiter: ConcurrencyLimiter;
  private readonly lateness = new LatenessHistogram();
  private readonly delivery: TransitionDelivery;
  private readonly writer: ResultWriter;
  private readonly leaser: ShardLeaser;
  private readonly tickMs: number;
  private definitions = new Map<string, ScheduledCheck>();
  private planKey: string | undefined;
  private readonly shards = new Map<number, ShardRuntime>();
  private readonly timers: NodeJS.Timeout[] = [];
  private runs = 0;
  private overlaps = 0;
  private inFlight = 0;
  private busy: Promise<void> = Promise.resolve();
  private started = false;

  constructor(private readonly options: CheckSchedulerOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.logger = options.logger;
    this.nodeId = options.nodeId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.tickMs = options.tickMs ?? 20;
    this.limiter = new ConcurrencyLimiter(options.globalConcurrency ?? 256, options.perTargetConcurrency ?? 8);
    this.delivery = new TransitionDelivery(options.onTransition ?? (() => undefined), this.logger);
    this.writer = new ResultWriter(this.store, this.clock, this.delivery, {
      flushMs: options.flushMs ?? 1_000,
      maxBatch: options.maxBatch ?? 2_000,
      maxBuffered: 200_000,
      logger: this.logger,
    });
    this.leaser = new ShardLeaser(this.store, this.clock, {
      nodeId: this.nodeId,
      leaseMs: options.leaseMs ?? 30_000,
      logger: this.logger,
      onAcquire: (shards) => this.serialized(() => this.acquire(shards)),
      onLose: (shards) => this.serialized(() => this.lose(shards)),
      onRenew: (shards) => this.replayTransitions(shards),
    });
  }

  /** Loads the plan, claims this node's shards and starts running their checks. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.serialized(() => this.refreshPlan());
    this.writer.start();
    await this.leaser.start();
    const every = (ms: number, work: () => Promise<void>): void => {
      this.timers.push(setInterval(() => void work().catch((error: unknown) => this.logError(error)), ms));
    };
    this.timers.push(setInterval(() => this.tick(), this.tickMs));
    every(this.options.planPollMs ?? 2_000, () => this.serialized(() => this.refreshPlan()));
    every(this.options.inboxPollMs ?? 1_000, () => this.serialized(() => this.takeInbox()));
    const maintenance = this.options.maintenance;
    if (maintenance) every(maintenance.everyMs, () => this.maintain(maintenance));
  }

  /** Stops probing, waits for the runs under way, writes everything and gives the shards back. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const deadline = Date.now() + 15_000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await this.leaser.stop();
    await this.writer.stop();
  }

  /** The shards this node holds now. */
  get ownedShards(): ReadonlySet<number> {
    return this.leaser.shards;
  }

  stats(): SchedulerStats {
    let checks = 0;
    for (const runtime of this.shards.values()) checks += runtime.checks.size;
    return {
      nodeId: this.nodeId,
      shards: this.shards.size,
      checks,
      runs: this.runs,
      overlaps: this.overlaps,
      running: this.limiter.running,
      latenessP50Ms: this.lateness.percentile(50),
      latenessP99Ms: this.lateness.percentile(99),
      latenessMaxMs: this.lateness.max,
      writer: this.writer.stats,
    };
  }

  /** Forgets the lateness measured so far (a benchmark's warm-up). */
  resetLateness(): void {
    this.lateness.reset();
  }

  /** Writes buffered results now (tests and benchmarks read them right after). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  // Plan changes, shard moves and the inbox change the runtimes: one at a time.
  private serialized(work: () => Promise<void>): Promise<void> {
    this.busy = this.busy.then(work, work);
    return this.busy;
  }

  private logError(error: unknown): void {
    this.logger?.error({ err: error }, 'check scheduler round failed');
  }

  private async refreshPlan(): Promise<void> {
    const active = await this.options.plans.active();
    const key = active ? `${active.version.number}` : 'none';
    if (key === this.planKey) return;
    this.planKey = key;
    const { checks, unrunnable } = active
      ? scheduledChecks(active.plan, this.options.includeExamples ?? false)
      : { checks: new Map<string, ScheduledCheck>(), unrunnable: [] };
    for (const { checkId, problems } of unrunnable) {
      this.logger?.warn({ check: checkId, problems }, 'check not run: its probe refuses its options');
    }
    this.definitions = checks;
    const now = this.clock.now();
    const added = syncShards(this.shards, checks, now);
    if (added.length) {
      // Checks new to this node's shards resume from their stored state, if any.
      const states = await this.store.transaction((tx) => tx.checkStates.forChecks(added.map((l) => l.def.id)));
      const stateOf = new Map(states.map((state) => [state.checkId, state]));
      for (const live of added) {
        const state = stateOf.get(live.def.id);
        if (state) {
          live.memory = state.memory;
          live.lastLatencyMs = state.lastLatencyMs;
          live.lastMessage = state.lastMessage;
          live.lastValues = state.lastValues;
        }
        scheduleCheck(this.shards.get(live.def.shard)!, live, now);
      }
    }
    this.logger?.info({ plan: key, checks: checks.size, unrunnable: unrunnable.length }, 'checks scheduled');
  }

  private async acquire(shards: number[]): Promise<void> {
    const states = await this.store.transaction((tx) => tx.checkStates.forShards(shards));
    const stateOf = new Map(states.map((s) => [s.checkId, s]));
    const now = this.clock.now();
    const acquired = new Set(shards);
    for (const shard of shards) this.shards.set(shard, newShardRuntime(this.tickMs, now));
    for (const def of this.definitions.values()) {
      const runtime = acquired.has(def.shard) ? this.shards.get(def.shard) : undefined;
      if (runtime) scheduleCheck(runtime, trackCheck(runtime, def, stateOf.get(def.id), now), now);
    }
  }

  private async lose(shards: number[]): Promise<void> {
    for (const shard of shards) {
      const runtime = this.shards.get(shard);
      if (runtime)
        this.writer.addStates([...runtime.checks.values()].map((live) => stateRecordOf(live, this.clock.now())));
      this.shards.delete(shard);
    }
    // What this node knows of those checks is written before another node reads it.
    await this.writer.flush();
  }

  private tick(): void {
    const now = this.clock.now();
    for (const [shard, runtime] of this.shards) {
      if (!this.leaser.holds(shard, now)) continue;
      for (const live of runtime.wheel.advance(now)) {
        if (live.def.mode === 'probe') this.fire(runtime, live, now);
        else this.checkSilence(runtime, live, now);
      }
    }
  }

  private fire(runtime: ShardRuntime, live: LiveCheck, now: number): void {
    const dueAt = scheduleNextRun(runtime, live, now);
    if (live.running) {
      this.overlaps++;
      return;
    }
    live.running = true;
    this.inFlight++;
    void this.limiter
      .run(live.def.host, async () => {
        const startedAt = this.clock.now();
        this.lateness.record(startedAt - dueAt);
        this.runs++;
        const result = await runCheck(live.def);
        this.apply(live, result, startedAt);
        // Unless the shard or the check went while the probe ran.
        if (this.shards.get(live.def.shard) === runtime && runtime.checks.get(live.def.id) === live)
          scheduleAfterResult(runtime, live, startedAt, this.clock.now());
      })
      .catch((error: unknown) => this.logError(error))
      .finally(() => {
        live.running = false;
        this.inFlight--;
      });
  }

  private checkSilence(runtime: ShardRuntime, live: LiveCheck, now: number): void {
    const deadline = heartbeatDeadline(live.def.check, live.memory.lastAt, live.watchedSince);
    if (now >= deadline)
      this.apply(live, silentHeartbeatResult(live.def.check, live.memory.lastAt, now, live.def.language), now);
    scheduleCheck(runtime, live, now);
  }

  /** Folds a result into its check's state and buffers what is to be written. */
  private apply(live: LiveCheck, result: CheckResult, at: number): void {
    const { id, shard } = live.def;
    // The shard moved while the probe ran: its new holder decides now.
    if (this.shards.get(shard)?.checks.get(id) !== live) return;
    const step = nextCheckState({ checkId: id, memory: live.memory, result, at, policy: live.def.policy });
    const steady =
      live.def.mode === 'probe' &&
      step.transition === null &&
      result.status === live.memory.lastStatus &&
      step.memory.state === result.status &&
      at - live.stateWrittenAt < STEADY_STATE_WRITE_MS;
    live.memory = step.memory;
    live.lastLatencyMs = result.latencyMs;
    live.lastMessage = result.message;
    live.lastValues = result.values;
    if (!steady) live.stateWrittenAt = at;
    this.writer.add(
      // Written out rather than spread: this runs for every result of every check.
      {
        checkId: id,
        at,
        status: result.status,
        latencyMs: result.latencyMs,
        message: result.message,
        values: result.values,
      },
      steady ? null : stateRecordOf(live, at),
      step.transition && { ...step.transition, id: randomUUID(), shard, deliveredAt: null },
    );
  }

  /** Feeds results from outside (heartbeats, agents) queued for this node's shards. */
  private async takeInbox(): Promise<void> {
    const shards = [...this.shards.keys()];
    if (shards.length === 0) return;
    for (let round = 0; round < 20; round++) {
      const records = await this.store.transaction((tx) => tx.checkInbox.take(shards, 500));
      for (const record of records) {
        const runtime = this.shards.get(record.shard);
        const live = runtime?.checks.get(record.checkId);
        if (!runtime || !live || live.def.mode === 'probe') {
          this.logger?.debug({ check: record.checkId }, 'result from outside for a check this node does not watch');
          continue;
        }
        this.apply(live, record.result, record.at);
        if (live.def.mode === 'heartbeat') scheduleCheck(runtime, live, this.clock.now());
      }
      if (records.length < 500) break;
    }
  }

  private async replayTransitions(shards: ReadonlySet<number>): Promise<void> {
    if (shards.size === 0) return;
    // Older than a few seconds: younger ones may still be on their way to the consumer.
    const waiting = await this.store.transaction((tx) =>
      tx.checkTransitions.undelivered([...shards], this.clock.now() - 5_000, 200),
    );
    if (waiting.length) void this.delivery.deliver(waiting);
  }

  private async maintain(options: MaintenanceOptions): Promise<void> {
    if (!this.leaser.holds(0, this.clock.now())) return;
    const report = await runMonitoringMaintenance(this.store, this.clock.now(), options);
    if (report.resultsPruned || report.rollupsPruned) this.logger?.info(report, 'check results rolled up and pruned');
  }
}

/** What is stored of a live check's state. */
function stateRecordOf(live: LiveCheck, at: number): CheckStateRecord {
  return {
    checkId: live.def.id,
    shard: live.def.shard,
    memory: live.memory,
    lastLatencyMs: live.lastLatencyMs,
    lastMessage: live.lastMessage,
    lastValues: live.lastValues,
    updatedAt: at,
  };
}
