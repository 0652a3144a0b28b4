import {
  AGENT_SILENT_INTERVALS,
  AgentCheckOptionsSchema,
  type AgentCheckOptions,
  type AgentReport,
  type DiskReport,
} from '@vigie/contract';
import { formatAge, type AgentCheckResult, type Finding } from './agent-findings';
import { judgeBackup } from './judge-backup';

export type { AgentCheckResult } from './agent-findings';

/** What is known of one agent when one of its checks is judged. */
export interface AgentObservation {
  agentId: string;
  agentName: string;
  /** The latest report, if the agent ever reported. */
  report: AgentReport | undefined;
  /** When the server received it (the agent's clock may drift; silence is judged on this). */
  receivedAt: number | null;
}

/** Check messages are stored up to this length. */
const MESSAGE_LIMIT = 2_000;

function bounded(message: string): string {
  return message.length <= MESSAGE_LIMIT ? message : `${message.slice(0, MESSAGE_LIMIT - 1)}…`;
}

const SEVERITY = { up: 0, degraded: 1, down: 2 } as const;

function worst(statuses: AgentCheckResult['status'][]): AgentCheckResult['status'] {
  return statuses.reduce<AgentCheckResult['status']>((w, s) => (SEVERITY[s] > SEVERITY[w] ? s : w), 'up');
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** `C:`, `c:\` and `C:/` name the same Windows drive; Linux paths compare as written, less a trailing slash. */
function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    const drive = /^([a-z]):[\\/]?$/i.exec(p);
    if (drive) return `${drive[1]!.toUpperCase()}:`;
    return p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
  };
  return norm(a) === norm(b);
}

function judgeDisk(report: AgentReport, options: AgentCheckOptions & { disk: string }): Finding {
  const disk: DiskReport | undefined = report.disks.find((d) => samePath(d.path, options.disk));
  if (!disk) {
    return {
      status: 'down',
      message: `disk ${options.disk} is not reported by the agent: add it under disks in its configuration`,
      values: {},
    };
  }
  if ('error' in disk) return { status: 'down', message: `cannot read disk ${disk.path}: ${disk.error}`, values: {} };
  const free = Math.round(disk.freePercent * 10) / 10;
  const amounts = `${gigabytes(disk.freeBytes)} of ${gigabytes(disk.totalBytes)}`;
  const values = { freePercent: free, freeBytes: disk.freeBytes, totalBytes: disk.totalBytes };
  if (options.minFreePercent !== undefined && disk.freePercent < options.minFreePercent) {
    return {
      status: 'down',
      message: `disk ${disk.path}: ${free} % free (${amounts}), under the ${options.minFreePercent} % threshold`,
      values,
    };
  }
  if (options.warnFreePercent !== undefined && disk.freePercent < options.warnFreePercent) {
    return {
      status: 'degraded',
      message: `disk ${disk.path}: ${free} % free (${amounts}), under the ${options.warnFreePercent} % warning`,
      values,
    };
  }
  return { status: 'up', message: `disk ${disk.path}: ${free} % free (${amounts})`, values };
}

function judgeService(report: AgentReport, name: string): Finding {
  const service = report.services.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!service) {
    return {
      status: 'down',
      message: `service ${name} is not watched by the agent: add it under services in its configuration`,
      values: {},
    };
  }
  const detail = service.detail ? ` (${service.detail})` : '';
  const values = { serviceState: service.state };
  if (service.state === 'running') return { status: 'up', message: `service ${service.name} is running`, values };
  const how = service.state === 'missing' ? 'is not installed' : `is ${service.state}`;
  return { status: 'down', message: `service ${service.name} ${how}${detail}`, values };
}

function judgeUsb(report: AgentReport, expected: 'disabled' | 'enabled'): Finding {
  const usb = report.usbStorage;
  if (!usb) {
    return {
      status: 'down',
      message: 'the USB mass-storage policy is not reported (usbStorage: false in the agent configuration)',
      values: {},
    };
  }
  const values = { usbStorage: usb.state };
  if (usb.state === 'unknown') {
    return { status: 'degraded', message: `the USB mass-storage policy could not be read: ${usb.evidence}`, values };
  }
  if (usb.state !== expected) {
    return {
      status: 'down',
      message: `USB mass storage is ${usb.state} on ${report.hostname}, ${expected} expected: ${usb.evidence}`,
      values,
    };
  }
  return { status: 'up', message: `USB mass storage is ${usb.state} on ${report.hostname} (${usb.evidence})`, values };
}

function judgeLoad(report: AgentReport, options: AgentCheckOptions): Finding[] {
  const findings: Finding[] = [];
  if (options.maxMemoryPercent !== undefined) {
    const used = Math.round(report.memory.usedPercent);
    findings.push({
      status: report.memory.usedPercent > options.maxMemoryPercent ? 'degraded' : 'up',
      message: `memory ${used} % used${report.memory.usedPercent > options.maxMemoryPercent ? `, over ${options.maxMemoryPercent} %` : ''}`,
      values: { memoryUsedPercent: used },
    });
  }
  if (options.maxCpuPercent !== undefined && report.cpu.usedPercent !== null) {
    const used = Math.round(report.cpu.usedPercent);
    findings.push({
      status: report.cpu.usedPercent > options.maxCpuPercent ? 'degraded' : 'up',
      message: `CPU ${used} % used${report.cpu.usedPercent > options.maxCpuPercent ? `, over ${options.maxCpuPercent} %` : ''}`,
      values: { cpuUsedPercent: used },
    });
  }
  return findings;
}

/** Reads a check's options; a plan written by hand may carry anything. */
export function parseAgentCheckOptions(
  options: Record<string, unknown>,
): { ok: true; options: AgentCheckOptions } | { ok: false; message: string } {
  const parsed = AgentCheckOptionsSchema.safeParse(options);
  if (parsed.success) return { ok: true, options: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
}

/**
 * Judges one agent's latest report against a check's options: a disk under `minFreePercent`,
 * a service not running, a USB policy other than expected, a backup missing, too old or too
 * small give `down`. An agent silent for `AGENT_SILENT_INTERVALS` report intervals gives `down`
 * ("agent silent"), whatever it said last.
 */
export function evaluateAgentCheck(
  options: AgentCheckOptions,
  observation: AgentObservation,
  now: number,
): AgentCheckResult {
  const { report, receivedAt, agentName } = observation;
  if (!report || receivedAt === null) {
    return { status: 'down', latencyMs: 0, message: `agent ${agentName} has never reported`, values: {} };
  }
  const age = now - receivedAt;
  if (age > AGENT_SILENT_INTERVALS * report.intervalMs) {
    return {
      status: 'down',
      latencyMs: 0,
      message: `agent ${agentName} silent: no report for ${formatAge(age)} (expected every ${formatAge(report.intervalMs)})`,
      values: { reportAgeMs: age },
    };
  }
  const findings: Finding[] = [];
  if (options.disk !== undefined) findings.push(judgeDisk(report, { ...options, disk: options.disk }));
  if (options.service !== undefined) findings.push(judgeService(report, options.service));
  if (options.usbStorage !== undefined) findings.push(judgeUsb(report, options.usbStorage));
  if (options.backup !== undefined) findings.push(judgeBackup(report, { ...options, backup: options.backup }, age));
  findings.push(...judgeLoad(report, options));
  const status = worst(findings.map((f) => f.status));
  // When something fails, say that first; otherwise say everything that was judged.
  const told = status === 'up' ? findings : findings.filter((f) => f.status !== 'up');
  return {
    status,
    latencyMs: 0,
    message: bounded(told.map((f) => f.message).join('; ')),
    values: Object.assign(
      { reportAgeMs: Math.max(0, age) },
      ...findings.map((f) => f.values),
    ) as AgentCheckResult['values'],
  };
}

/**
 * Judges a check read from several agents (e.g. every agent workstation for the USB control):
 * the worst of them, naming the agents at fault; one agent's result is returned as it is.
 */
export function combineAgentResults(results: { agentName: string; result: AgentCheckResult }[]): AgentCheckResult {
  if (results.length === 0) {
    return { status: 'down', latencyMs: 0, message: 'no agent serves this check’s target', values: {} };
  }
  if (results.length === 1) return results[0]!.result;
  const status = worst(results.map((r) => r.result.status));
  const failing = results.filter((r) => r.result.status !== 'up');
  const message =
    status === 'up'
      ? `${results.length} agents, all up: ${results.map((r) => r.agentName).join(', ')}`
      : failing.map((r) => `${r.agentName}: ${r.result.message}`).join('; ');
  return {
    status,
    latencyMs: 0,
    message: bounded(message),
    values: { agents: results.length, agentsFailing: failing.length },
  };
}
