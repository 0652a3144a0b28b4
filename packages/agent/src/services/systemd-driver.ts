import { runFile } from '../exec/run-file';
import type { RestartOutcome, ServiceDriver } from './driver';
import { parseSystemctlShow, systemctlRestartArgs, systemctlShowArgs } from './systemd-units';

/** A systemd unit, through `systemctl show` and `systemctl restart`. */
export function systemdServiceDriver(name: string): ServiceDriver {
  const read = async () => {
    const run = await runFile('systemctl', systemctlShowArgs(name), { timeoutMs: 15_000 });
    if (run.error) return { state: 'unknown' as const, detail: run.error };
    return parseSystemctlShow(run.output);
  };
  return {
    name,
    kind: 'systemd',
    async state() {
      return { name, driver: 'systemd', ...(await read()) };
    },
    async restart(timeoutMs): Promise<RestartOutcome> {
      const run = await runFile('systemctl', systemctlRestartArgs(name), { timeoutMs });
      const after = await read();
      const ok = run.exitCode === 0 && after.state === 'running';
      return {
        ok,
        message: ok
          ? `service ${name} restarted`
          : `service ${name} did not restart: ${run.error ?? `systemctl exit code ${run.exitCode}`}, now ${after.detail}`,
        output: run.output,
        exitCode: run.exitCode,
      };
    },
  };
}
