import type { WatchedServiceState } from '@vigie/contract';

/** `Onnet32` → `Onnet32.service`; a name with a unit suffix is kept. */
export function unitName(service: string): string {
  return /\.(service|socket|target|timer|mount|path)$/.test(service) ? service : `${service}.service`;
}

/** The arguments of `systemctl show` for the properties the agent reads (pure: unit-tested). */
export function systemctlShowArgs(service: string): string[] {
  return [
    'show',
    unitName(service),
    '--property=LoadState',
    '--property=ActiveState',
    '--property=SubState',
    '--property=Result',
    '--no-pager',
  ];
}

export function systemctlRestartArgs(service: string): string[] {
  return ['restart', unitName(service), '--no-pager'];
}

/** Reads `systemctl show` output (`Key=value` lines) into a state and a detail. */
export function parseSystemctlShow(output: string): { state: WatchedServiceState; detail: string } {
  const props = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) props.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const load = props.get('LoadState');
  const active = props.get('ActiveState');
  const sub = props.get('SubState') ?? '';
  const result = props.get('Result');
  if (load === 'not-found') return { state: 'missing', detail: 'systemd: unit not found' };
  if (!active)
    return { state: 'unknown', detail: `systemctl show gave no ActiveState: ${output.trim().slice(0, 200)}` };
  const detail = `${active} (${sub}${result && result !== 'success' ? `, result ${result}` : ''})`;
  switch (active) {
    case 'active':
    case 'reloading':
      return { state: 'running', detail };
    case 'activating':
      return { state: 'starting', detail };
    case 'deactivating':
      return { state: 'stopping', detail };
    case 'inactive':
    case 'failed':
      return { state: 'stopped', detail };
    default:
      return { state: 'unknown', detail };
  }
}
