import { join } from 'node:path';
import {
  AgentReportSchema,
  AgentTaskResultSchema,
  REPORT_BATCH_MAX,
  type AgentTask,
  type AgentTaskResult,
} from '@vigie/contract';
import { z } from 'zod';
import { ActionExecutor } from './actions/executor';
import { collectReport, defaultUsbReader, type Collectors } from './collect/collect-report';
import { CpuMeter } from './collect/host';
import type { LoadedConfig } from './config/load-config';
import type { AgentLog } from './log';
import { FileQueue } from './outbox/file-queue';
import { Sequence } from './outbox/sequence';
import { serviceDrivers } from './services/service-drivers';
import { backoffDelay, sleep } from './transport/backoff';
import { ServerClient, ServerError } from './transport/server-client';

/** Seconds a long poll waits on the server. */
const POLL_WAIT_S = 25;
/** Tasks run at once; more wait for a free slot. */
const MAX_RUNNING_TASKS = 4;
/** Batches sent in one flush, so that a long outage drains in bounded steps. */
const FLUSH_BATCHES = 50;

const StoredResultSchema = z.object({ taskId: z.string(), result: AgentTaskResultSchema });
type StoredResult = z.infer<typeof StoredResultSchema>;

/** A running agent: `stop` ends its loops and waits for them. */
export interface RunningAgent {
  stop(): Promise<void>;
}

/**
 * Runs the agent: every `reportEvery` it looks at the host and queues the report on disk, then
 * sends what is queued (so reports made while the server is away are delivered when it is back,
 * oldest first, the queue bounded by `bufferLimit`); meanwhile it long-polls the server for tasks,
 * runs those its allow-list names and sends each result (also kept on disk until accepted).
 */
export function runAgent(config: LoadedConfig, log: AgentLog, collectors?: Partial<Collectors>): RunningAgent {
  const stopping = new AbortController();
  const signal = stopping.signal;
  const client = new ServerClient(config);
  const services = collectors?.services ?? serviceDrivers(config.services, config.stateDir);
  const all: Collectors = {
    cpu: collectors?.cpu ?? new CpuMeter(),
    services,
    usb: collectors?.usb ?? defaultUsbReader(),
  };
  const executor = new ActionExecutor(config.actions, services, config.stateDir);
  const reports = new FileQueue(join(config.stateDir, 'outbox'), AgentReportSchema);
  const results = new FileQueue<StoredResult>(join(config.stateDir, 'results'), StoredResultSchema);
  const sequence = new Sequence(config.stateDir);
  let away = false;

  const serverAway = (error: unknown, waiting: number) => {
    const message = error instanceof Error ? error.message : String(error);
    if (!away) log.warn(`server unreachable (${message}); ${waiting} report(s) kept on disk until it is back`);
    away = true;
  };

  const flushResults = async (): Promise<void> => {
    for (let round = 0; round < FLUSH_BATCHES; round++) {
      const { items } = await results.peek(20);
      if (items.length === 0) return;
      for (const { name, item } of items) {
        try {
          await client.postResult(item.taskId, item.result);
        } catch (error) {
          // The server knows this task no more (ended, or unknown): the result cannot be placed.
          if (!(error instanceof ServerError) || (error.status !== 404 && error.status !== 409)) throw error;
          log.warn(`result of task ${item.taskId} refused: ${error.message}`);
        }
        await results.remove([name]);
      }
    }
  };

  const flushReports = async (): Promise<void> => {
    for (let round = 0; round < FLUSH_BATCHES; round++) {
      const { items, dropped } = await reports.peek(REPORT_BATCH_MAX);
      if (dropped) log.warn(`${dropped} unreadable report file(s) dropped from the buffer`);
      if (items.length === 0) break;
      try {
        await client.postReports(items.map((i) => i.item));
      } catch (error) {
        // Refused as malformed or too large: sending it again would block the buffer for ever.
        if (!(error instanceof ServerError) || (error.status !== 400 && error.status !== 413)) throw error;
        log.warn(`${items.length} report(s) refused by the server and dropped: ${error.message}`);
      }
      await reports.remove(items.map((i) => i.name));
      if (items.length < REPORT_BATCH_MAX) break;
    }
    if (away) log.info('server reachable again; buffered reports delivered');
    away = false;
  };

  // One flush at a time: the report loop and finished tasks both ask for one.
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      try {
        await flushResults();
        await flushReports();
      } catch (error) {
        serverAway(error, (await reports.names()).length);
      }
    });
    return flushing;
  };

  const reportLoop = async () => {
    for (let i = 0; !signal.aborted && i < Number.MAX_SAFE_INTEGER; i++) {
      const started = Date.now();
      try {
        const seq = await sequence.next();
        const report = await collectReport(config, all, seq);
        await reports.put(String(seq).padStart(12, '0'), report);
        const dropped = await reports.trim(config.bufferLimit);
        if (dropped) log.warn(`report buffer full (${config.bufferLimit}): the ${dropped} oldest report(s) dropped`);
      } catch (error) {
        log.warn(`report failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await flush();
      await sleep(Math.max(0, config.reportEvery - (Date.now() - started)), signal);
    }
  };

  const running = new Set<Promise<void>>();
  const runTask = async (task: AgentTask) => {
    log.info(`task ${task.id}: ${task.action}`);
    const result: AgentTaskResult = await executor.execute(task);
    log.info(`task ${task.id}: ${task.action} ${result.status}: ${result.message}`);
    await results.put(`${Date.now()}-${task.id}`, { taskId: task.id, result });
    await flush();
  };

  const workLoop = async () => {
    let failures = 0;
    for (let i = 0; !signal.aborted && i < Number.MAX_SAFE_INTEGER; i++) {
      try {
        while (running.size >= MAX_RUNNING_TASKS && !signal.aborted) await Promise.race(running);
        const tasks = await client.pollWork(POLL_WAIT_S, signal);
        failures = 0;
        for (const task of tasks) {
          const job = runTask(task).catch((error: unknown) => log.warn(`task ${task.id}: ${String(error)}`));
          running.add(job);
          void job.finally(() => running.delete(job));
        }
      } catch (error) {
        if (signal.aborted) break;
        const delay = backoffDelay(failures++, { baseMs: 1_000, maxMs: 60_000 });
        if (error instanceof ServerError && error.unauthorised) {
          log.warn(`the server refuses this agent's token (revoked?): ${error.message}`);
        } else if (failures === 1) {
          log.warn(`waiting for work failed (${(error as Error).message}); retrying with backoff`);
        }
        await sleep(delay, signal);
      }
    }
  };

  log.info(`agent ${config.agentId} reporting to ${config.server} every ${config.reportEvery / 1000} s`);
  const loops = Promise.all([reportLoop(), workLoop()]);
  return {
    async stop() {
      stopping.abort();
      await loops;
      await Promise.allSettled([...running]);
      await client.close();
    },
  };
}
