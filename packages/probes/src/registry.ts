import type { ProbeKind } from '@vigie/contract';
import { dnsProbe } from './dns';
import { httpProbe } from './http';
import { modbusProbe } from './modbus';
import { nutProbe } from './nut';
import { pingProbe } from './ping';
import type { Probe } from './probe';
import { sipOptionsProbe } from './sip-options';
import { snmpProbe } from './snmp';
import { sqlProbe } from './sql';
import { sshProbe } from './ssh';
import { tcpProbe } from './tcp';

/** Kinds fed from elsewhere, not probed: the server counts heartbeats, agents report on their own. */
export type PassiveProbeKind = 'heartbeat' | 'agent';

/** The kinds Vigie probes itself. */
export type ActiveProbeKind = Exclude<ProbeKind, PassiveProbeKind>;

/** Every active probe, by kind; the compiler checks that no kind is missing. */
export const PROBES = {
  http: httpProbe,
  tcp: tcpProbe,
  dns: dnsProbe,
  ping: pingProbe,
  'sip-options': sipOptionsProbe,
  sql: sqlProbe,
  nut: nutProbe,
  snmp: snmpProbe,
  modbus: modbusProbe,
  ssh: sshProbe,
} as const satisfies Record<ActiveProbeKind, Probe>;

/** Whether a kind names a probe of the registry (and not `heartbeat` or `agent`). */
export function isActiveProbeKind(kind: string): kind is ActiveProbeKind {
  return Object.hasOwn(PROBES, kind);
}

/** The probe of a kind. */
export function probeFor(kind: ActiveProbeKind): Probe {
  return PROBES[kind];
}
