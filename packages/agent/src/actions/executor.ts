import { join } from 'node:path';
import type { AgentAction, AgentConfig, AgentTask, AgentTaskResult } from '@vigie/contract';
import { archive } from '../archiver';
import { boundOutput } from '../exec/bounded-output';
import { runFile } from '../exec/run-file';
import type { ServiceDriver } from '../services/driver';
import { rebootCommand } from './reboot-command';

/** Runs tasks, but only actions of the local allow-list; the server names an action, never a command. */
export class ActionExecutor {
  constructor(
    private readonly actions: AgentConfig['actions'],
    private readonly services: Map<string, ServiceDriver>,
    private readonly stateDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** The allow-list's entry of a name; own entries only, so `constructor` or `toString` name nothing. */
  find(name: string): AgentAction | undefined {
    return Object.hasOwn(this.actions, name) ? this.actions[name] : undefined;
  }

  async execute(task: AgentTask): Promise<AgentTaskResult> {
    const startedAt = Date.now();
    const action = this.find(task.action);
    if (!action) {
      const known = Object.keys(this.actions);
      return {
        status: 'refused',
        exitCode: null,
        output: '',
        outputTruncated: false,
        message: `unknown action ${task.action}: not in this agent's allow-list (${known.length ? known.join(', ') : 'empty'})`,
        startedAt,
        finishedAt: Date.now(),
      };
    }
    try {
      return await this.run(action, task.timeoutMs, startedAt);
    } catch (error) {
      return {
        status: 'failed',
        exitCode: null,
        output: '',
        outputTruncated: false,
        message: `${task.action} failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 900)}`,
        startedAt,
        finishedAt: Date.now(),
      };
    }
  }

  private async run(action: AgentAction, timeoutMs: number, startedAt: number): Promise<AgentTaskResult> {
    switch (action.kind) {
      case 'command':
        return this.command(action.path, action.args, action.cwd, timeoutMs);
      case 'reboot': {
        const { path, args } = rebootCommand(this.platform, action.delay);
        return this.command(path, args, undefined, timeoutMs);
      }
      case 'service-restart': {
        const driver = this.services.get(action.service);
        if (!driver) throw new Error(`service ${action.service} has no driver`);
        const outcome = await withTimeout(driver.restart(timeoutMs), timeoutMs);
        if (outcome === 'timeout') return this.timedOut(`restart of ${action.service}`, timeoutMs, startedAt);
        const { output, truncated } = boundOutput(outcome.output);
        return {
          status: outcome.ok ? 'succeeded' : 'failed',
          exitCode: outcome.exitCode,
          output,
          outputTruncated: truncated,
          message: outcome.message,
          startedAt,
          finishedAt: Date.now(),
        };
      }
      case 'archive': {
        const signal = AbortSignal.timeout(timeoutMs);
        const summary = await archive({
          source: action.source,
          destination: action.dest,
          indexFile: action.indexFile ?? join(this.stateDir, 'archive-index.db'),
          olderThanMs: action.olderThan,
          minFreePercent: action.minFreePercent,
          minAgeMs: action.minAge,
          identityFile: action.identityFile,
          hostKey: action.hostKey,
          concurrency: action.concurrency,
          signal,
        });
        const { output, truncated } = boundOutput(JSON.stringify(summary, null, 1));
        const failed = summary.stopped !== undefined || summary.failures.length > 0;
        const message = summary.stopped
          ? `archive stopped after ${summary.archived} recordings: ${summary.stopped.reason}`
          : `${summary.archived} recordings archived, ${summary.failures.length} left at the source`;
        return {
          status: signal.aborted ? 'timeout' : failed ? 'failed' : 'succeeded',
          exitCode: null,
          output,
          outputTruncated: truncated,
          message,
          startedAt,
          finishedAt: Date.now(),
        };
      }
    }
  }

  private async command(
    path: string,
    args: string[],
    cwd: string | undefined,
    timeoutMs: number,
  ): Promise<AgentTaskResult> {
    const run = await runFile(path, args, { timeoutMs, cwd });
    const status = run.timedOut ? 'timeout' : run.exitCode === 0 ? 'succeeded' : 'failed';
    const message =
      run.error ?? (run.exitCode === 0 ? `${path} ended normally` : `${path} ended with exit code ${run.exitCode}`);
    return {
      status,
      exitCode: run.exitCode,
      output: run.output,
      outputTruncated: run.outputTruncated,
      message,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    };
  }

  private timedOut(what: string, timeoutMs: number, startedAt: number): AgentTaskResult {
    return {
      status: 'timeout',
      exitCode: null,
      output: '',
      outputTruncated: false,
      message: `${what} did not end within ${Math.round(timeoutMs / 1000)} s`,
      startedAt,
      finishedAt: Date.now(),
    };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
