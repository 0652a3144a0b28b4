import type { Logger } from 'pino';
import {
  deliverNotification,
  expireAgentTask,
  flushSignals,
  onAgentTaskDone,
  runHandover,
  runTimer,
  scheduleHandovers,
  type EngineContext,
  type Job,
  type NotificationChannels,
} from '@vigie/core';

export interface EngineOptions {
  /** Jobs claimed per round. */
  batchSize?: number;
  /**
   * How long a claimed job stays reserved to this node; renewed while it runs, so that a node
   * that dies frees its jobs to the others (or to itself restarted) this long after.
   */
  leaseMs?: number;
  /** The longest sleep between two looks at the jobs table (other nodes may add work). */
  pollMs?: number;
  /** Deliveries sent in parallel. */
  deliveryConcurrency?: number;
  /** Incidents whose timers run in parallel (one incident's timers always run in order). */
  timerConcurrency?: number;
  logger?: Logger;
}

/** Runs work over items with at most `limit` at once. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Runs the durable jobs: timers of the plan and message deliveries. Every job lives in
 * the database, so a restart resumes where the last run stopped, and late timers fire
 * as soon as the engine is back.
 */
export class Engine {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private idle: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly deliveryConcurrency: number;
  private readonly timerConcurrency: number;
  /** Jobs this node has claimed and not finished: their leases are renewed. */
  private readonly inFlight = new Set<string>();
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly channels: NotificationChannels,
    private readonly options: EngineOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.deliveryConcurrency = options.deliveryConcurrency ?? 8;
    this.timerConcurrency = options.timerConcurrency ?? 8;
  }

  /** Claims the jobs due now and runs them; returns how many ran. */
  async runDue(): Promise<number> {
    const now = this.ctx.clock.now();
    const jobs = await this.ctx.store.transaction((tx) => tx.jobs.claimDue(now, this.batchSize, now + this.leaseMs));
    for (const job of jobs) this.inFlight.add(job.id);
    const timers = jobs.filter((job) => job.kind !== 'notification.deliver');
    const deliveries = jobs.filter((job) => job.kind === 'notification.deliver');
    // One incident's timers run in order (a later one may depend on an earlier one);
    // different incidents' timers run side by side.
    const byIncident = new Map<string, Job[]>();
    for (const job of timers) {
      const key = job.incidentId ?? job.id;
      byIncident.set(key, [...(byIncident.get(key) ?? []), job]);
    }
    await inParallel([...byIncident.values()], this.timerConcurrency, async (group) => {
      for (const job of group) await this.run(job);
    });
    await inParallel(deliveries, this.deliveryConcurrency, (job) => this.run(job));
    return jobs.length;
  }

  /** Runs rounds until nothing is due at the current time. */
  async runUntilIdle(maxRounds = 1_000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runDue();
      total += ran;
      if (ran === 0) break;
    }
    return total;
  }

  private async run(job: Job): Promise<void> {
    try {
      await this.runJob(job);
    } finally {
      this.inFlight.delete(job.id);
    }
  }

  /** Keeps the leases of the jobs still running (a slow SMTP server, a long timer). */
  private async renewLeases(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const until = this.ctx.clock.now() + this.leaseMs;
    try {
      await this.ctx.store.transaction((tx) => tx.jobs.extendClaims([...this.inFlight], until));
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'could not renew the leases of running jobs');
    }
  }

  private async runJob(job: Job): Promise<void> {
    try {
      if (job.kind === 'notification.deliver') await deliverNotification(this.ctx, this.channels, job);
      else if (job.kind === 'detection.flush') await flushSignals(this.ctx, job);
      else if (job.kind === 'agent.task-timeout') await expireAgentTask(this.ctx, job);
      else if (job.kind === 'agent.task-done') await onAgentTaskDone(this.ctx, job);
      else if (job.kind === 'on-call.handover') await runHandover(this.ctx, job);
      else await runTimer(this.ctx, job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger?.error({ err: error, job: job.key }, 'job failed');
      await this.ctx.store.transaction((tx) => tx.jobs.fail(job.id, this.ctx.clock.now(), message));
    }
  }

  /** Starts the loop: runs what is due, then sleeps until the next job or a wake-up. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.idle = this.primeHandovers().then(() => this.loop());
  }

  /** Sets the timers of the on-call hand-overs to come, should none be set (a database from before them). */
  private async primeHandovers(): Promise<void> {
    try {
      const active = await this.ctx.plans.active();
      const now = this.ctx.clock.now();
      if (active)
        await this.ctx.store.transaction((tx) =>
          scheduleHandovers(tx, active.plan, now, now, () => this.ctx.random.id()),
        );
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'could not set the on-call hand-over timers');
    }
  }

  /** Tells the loop new work may be due now (after a person acted). */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.idle;
    clearInterval(this.renewal);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.runUntilIdle(50);
      } catch (error) {
        this.options.logger?.error({ err: error }, 'engine round failed');
      }
      if (!this.running) break;
      const next = await this.ctx.store.transaction((tx) => tx.jobs.nextRunAt()).catch(() => undefined);
      const wait = next === undefined ? this.pollMs : Math.max(0, Math.min(this.pollMs, next - this.ctx.clock.now()));
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, wait);
      });
      clearTimeout(this.timer);
      this.wakeUp = undefined;
    }
  }
}
