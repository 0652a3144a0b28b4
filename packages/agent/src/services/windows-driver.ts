import { runFile } from '../exec/run-file';
import { sleep } from '../transport/backoff';
import type { RestartOutcome, ServiceDriver } from './driver';
import { parseScQuery, scArgs } from './windows-sc';

const SC = 'sc.exe';
const POLL_MS = 500;

/** A Windows service, through `sc.exe` (query, stop, start). Not testable here: its command lines and parsing are. */
export function windowsServiceDriver(name: string): ServiceDriver {
  const query = async (timeoutMs: number) => {
    const run = await runFile(SC, scArgs('query', name), { timeoutMs });
    return { ...parseScQuery(run.output, run.exitCode), output: run.output };
  };
  const waitFor = async (wanted: string, deadline: number) => {
    for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
      const now = await query(Math.max(1_000, deadline - Date.now()));
      if (now.state === wanted) return now;
      await sleep(POLL_MS);
    }
    return query(5_000);
  };
  return {
    name,
    kind: 'windows',
    async state() {
      const now = await query(15_000);
      return { name, driver: 'windows', state: now.state, detail: now.detail };
    },
    async restart(timeoutMs): Promise<RestartOutcome> {
      const deadline = Date.now() + timeoutMs;
      const log: string[] = [];
      const before = await query(timeoutMs);
      if (before.state === 'missing')
        return { ok: false, message: `service ${name} is not installed`, output: before.output, exitCode: null };
      if (before.state !== 'stopped') {
        const stop = await runFile(SC, scArgs('stop', name), { timeoutMs: Math.max(1_000, deadline - Date.now()) });
        log.push(stop.output);
        const stopped = await waitFor('stopped', deadline);
        if (stopped.state !== 'stopped') {
          return {
            ok: false,
            message: `service ${name} did not stop (${stopped.detail})`,
            output: log.join('\n'),
            exitCode: stop.exitCode,
          };
        }
      }
      const start = await runFile(SC, scArgs('start', name), { timeoutMs: Math.max(1_000, deadline - Date.now()) });
      log.push(start.output);
      const after = await waitFor('running', deadline);
      const ok = after.state === 'running';
      return {
        ok,
        message: ok ? `service ${name} restarted` : `service ${name} did not start (${after.detail})`,
        output: log.join('\n'),
        exitCode: start.exitCode,
      };
    },
  };
}
