import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from '../transport/backoff';
import type { RestartOutcome, ServiceDriver } from './driver';

/** Time a process has to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 5_000;
/** A started process that is still alive after this is taken as started. */
const SETTLE_MS = 500;

/** Whether a process id names a live process (not a zombie, on Linux). */
async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Field 3 is the state: Z is a zombie, X is dead.
  const state = stat?.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/**
 * A "service" that is a plain local process the agent starts from a command of its
 * configuration and tracks by a pid file in its state folder. It runs on any system; the
 * tests use it to stop and restart a real process without touching the machine's services.
 */
export function processServiceDriver(
  service: { name: string; command: string; args: string[]; cwd?: string | undefined },
  stateDir: string,
): ServiceDriver {
  const folder = join(stateDir, 'processes');
  const pidFile = join(folder, `${service.name}.pid`);

  const readPid = async (): Promise<number | undefined> => {
    const text = await readFile(pidFile, 'utf8').catch(() => undefined);
    const pid = text === undefined ? NaN : Number.parseInt(text.trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };

  const stop = async (pid: number): Promise<void> => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let waited = 0; waited < STOP_GRACE_MS && (await alive(pid)); waited += 100) await sleep(100);
    if (!(await alive(pid))) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      // It exited between the look and the kill: stopped all the same.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };

  const start = (): Promise<{ pid: number } | { error: string }> =>
    new Promise((resolve) => {
      const child = spawn(service.command, service.args, {
        cwd: service.cwd,
        detached: true,
        stdio: 'ignore',
        windowsHide: true,
        shell: false,
      });
      child.once('error', (error) => resolve({ error: `cannot start ${service.command}: ${error.message}` }));
      child.once('spawn', () => {
        child.unref();
        resolve({ pid: child.pid! });
      });
    });

  return {
    name: service.name,
    kind: 'process',
    async state() {
      const pid = await readPid();
      if (pid !== undefined && (await alive(pid))) {
        return { name: service.name, driver: 'process', state: 'running', detail: `pid ${pid}` };
      }
      const detail = pid === undefined ? 'not started by the agent' : `pid ${pid} has exited`;
      return { name: service.name, driver: 'process', state: 'stopped', detail };
    },
    async restart(timeoutMs): Promise<RestartOutcome> {
      const before = await readPid();
      if (before !== undefined && (await alive(before))) await stop(before);
      const started = await start();
      if ('error' in started) return { ok: false, message: started.error, output: '', exitCode: null };
      await mkdir(folder, { recursive: true });
      await writeFile(`${pidFile}.tmp`, String(started.pid));
      await rename(`${pidFile}.tmp`, pidFile);
      await sleep(Math.min(SETTLE_MS, timeoutMs));
      if (!(await alive(started.pid))) {
        await rm(pidFile, { force: true });
        return { ok: false, message: `${service.name} exited at once after starting`, output: '', exitCode: null };
      }
      const was = before === undefined ? '' : ` (was pid ${before})`;
      return { ok: true, message: `${service.name} restarted: pid ${started.pid}${was}`, output: '', exitCode: 0 };
    },
  };
}
