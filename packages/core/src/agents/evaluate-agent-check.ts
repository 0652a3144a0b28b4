import {
  AGENT_SILENT_INTERVALS,
  AgentCheckOptionsSchema,
  type AgentCheckOptions,
  type AgentReport,
  type DiskReport,
  type Language,
  type WatchedServiceState,
} from '@vigie/contract';
import { everyFr } from '../checks/french-durations';
import { decimal, formatAge, type AgentCheckResult, type Finding, type Wording } from './agent-findings';
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

const SAY: Wording<{
  gigabytes: (bytes: number) => string;
  diskNotReported: (disk: string) => string;
  diskUnreadable: (path: string, error: string) => string;
  /** `amounts` already in the language's words; `bound`: the threshold the free space is under, if any. */
  disk: (path: string, free: number, amounts: string, bound?: { percent: number; warning: boolean }) => string;
  amounts: (free: string, total: string) => string;
  serviceNotWatched: (name: string) => string;
  service: (name: string, state: WatchedServiceState, detail: string) => string;
  usbNotReported: string;
  usbUnreadable: (evidence: string) => string;
  usbWrong: (state: UsbState, host: string, expected: UsbState, evidence: string) => string;
  usb: (state: UsbState, host: string, evidence: string) => string;
  memory: (used: number, max: number | undefined) => string;
  cpu: (used: number, max: number | undefined) => string;
  neverReported: (agent: string) => string;
  silent: (agent: string, age: number, intervalMs: number) => string;
  noAgent: string;
  allUp: (count: number, names: string) => string;
  agentSaid: (agent: string, message: string) => string;
  /** Between the findings of one agent, or the results of several. */
  separator: string;
  wrongOptions: (problems: string) => string;
}> = {
  en: {
    gigabytes: (bytes) => `${(bytes / 1e9).toFixed(1)} GB`,
    diskNotReported: (disk) => `disk ${disk} is not reported by the agent: add it under disks in its configuration`,
    diskUnreadable: (path, error) => `cannot read disk ${path}: ${error}`,
    disk: (path, free, amounts, bound) =>
      `disk ${path}: ${free} % free (${amounts})` +
      (bound ? `, under the ${bound.percent} % ${bound.warning ? 'warning' : 'threshold'}` : ''),
    amounts: (free, total) => `${free} of ${total}`,
    serviceNotWatched: (name) =>
      `service ${name} is not watched by the agent: add it under services in its configuration`,
    service: (name, state, detail) =>
      state === 'running'
        ? `service ${name} is running`
        : `service ${name} ${state === 'missing' ? 'is not installed' : `is ${state}`}${detail ? ` (${detail})` : ''}`,
    usbNotReported: 'the USB mass-storage policy is not reported (usbStorage: false in the agent configuration)',
    usbUnreadable: (evidence) => `the USB mass-storage policy could not be read: ${evidence}`,
    usbWrong: (state, host, expected, evidence) =>
      `USB mass storage is ${state} on ${host}, ${expected} expected: ${evidence}`,
    usb: (state, host, evidence) => `USB mass storage is ${state} on ${host} (${evidence})`,
    memory: (used, max) => `memory ${used} % used${max !== undefined ? `, over ${max} %` : ''}`,
    cpu: (used, max) => `CPU ${used} % used${max !== undefined ? `, over ${max} %` : ''}`,
    neverReported: (agent) => `agent ${agent} has never reported`,
    silent: (agent, age, intervalMs) =>
      `agent ${agent} silent: no report for ${formatAge(age)} (expected every ${formatAge(intervalMs)})`,
    noAgent: 'no agent serves this check’s target',
    allUp: (count, names) => `${count} agents, all up: ${names}`,
    agentSaid: (agent, message) => `${agent}: ${message}`,
    separator: '; ',
    wrongOptions: (problems) => `the check's options are wrong: ${problems}`,
  },
  fr: {
    gigabytes: (bytes) => `${decimal((bytes / 1e9).toFixed(1), 'fr')} Go`,
    diskNotReported: (disk) =>
      `disque ${disk} absent des rapports de l’agent : ajoutez-le sous disks dans sa configuration`,
    diskUnreadable: (path, error) => `impossible de lire le disque ${path} : ${error}`,
    disk: (path, free, amounts, bound) =>
      `disque ${path} : ${decimal(free, 'fr')} % libre (${amounts})` +
      (bound ? `, sous le seuil ${bound.warning ? 'd’alerte ' : ''}de ${decimal(bound.percent, 'fr')} %` : ''),
    amounts: (free, total) => `${free} sur ${total}`,
    serviceNotWatched: (name) =>
      `service ${name} non surveillé par l’agent : ajoutez-le sous services dans sa configuration`,
    service: (name, state, detail) => `service ${name} ${SERVICE_STATE_FR[state]}${detail ? ` (${detail})` : ''}`,
    usbNotReported:
      'politique de stockage de masse USB non signalée (usbStorage: false dans la configuration de l’agent)',
    usbUnreadable: (evidence) => `impossible de lire la politique de stockage de masse USB : ${evidence}`,
    usbWrong: (state, host, expected, evidence) =>
      `stockage de masse USB ${USB_STATE_FR[state]} sur ${host}, ${USB_STATE_FR[expected]} attendu : ${evidence}`,
    usb: (state, host, evidence) => `stockage de masse USB ${USB_STATE_FR[state]} sur ${host} (${evidence})`,
    memory: (used, max) =>
      `mémoire utilisée à ${used} %${max !== undefined ? `, au-dessus de ${decimal(max, 'fr')} %` : ''}`,
    cpu: (used, max) => `CPU utilisé à ${used} %${max !== undefined ? `, au-dessus de ${decimal(max, 'fr')} %` : ''}`,
    neverReported: (agent) => `agent ${agent} : aucun rapport reçu à ce jour`,
    silent: (agent, age, intervalMs) =>
      `agent ${agent} muet : aucun rapport depuis ${formatAge(age, 'fr')} (attendu ${everyFr(intervalMs)})`,
    noAgent: 'aucun agent ne couvre la cible de cette vérification',
    allUp: (count, names) => `${count} agents, tous en service : ${names}`,
    agentSaid: (agent, message) => `${agent} : ${message}`,
    separator: ' ; ',
    wrongOptions: (problems) => `options de la vérification incorrectes : ${problems}`,
  },
};

type UsbState = 'disabled' | 'enabled';

const SERVICE_STATE_FR: Record<WatchedServiceState, string> = {
  running: 'en marche',
  stopped: 'arrêté',
  starting: 'en cours de démarrage',
  stopping: 'en cours d’arrêt',
  paused: 'en pause',
  missing: 'non installé',
  unknown: 'dans un état inconnu',
};

const USB_STATE_FR: Record<UsbState, string> = { disabled: 'désactivé', enabled: 'activé' };

/** `C:`, `c:\` and `C:/` name the same Windows drive; Linux paths compare as written, less a trailing slash. */
function samePath(a: string, b: string): boolean {
  const norm = (p: string) => {
    const drive = /^([a-z]):[\\/]?$/i.exec(p);
    if (drive) return `${drive[1]!.toUpperCase()}:`;
    return p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
  };
  return norm(a) === norm(b);
}

function judgeDisk(report: AgentReport, options: AgentCheckOptions & { disk: string }, language: Language): Finding {
  const say = SAY[language];
  const disk: DiskReport | undefined = report.disks.find((d) => samePath(d.path, options.disk));
  if (!disk) return { status: 'down', message: say.diskNotReported(options.disk), values: {} };
  if ('error' in disk) return { status: 'down', message: say.diskUnreadable(disk.path, disk.error), values: {} };
  const free = Math.round(disk.freePercent * 10) / 10;
  const amounts = say.amounts(say.gigabytes(disk.freeBytes), say.gigabytes(disk.totalBytes));
  const values = { freePercent: free, freeBytes: disk.freeBytes, totalBytes: disk.totalBytes };
  if (options.minFreePercent !== undefined && disk.freePercent < options.minFreePercent) {
    return {
      status: 'down',
      message: say.disk(disk.path, free, amounts, { percent: options.minFreePercent, warning: false }),
      values,
    };
  }
  if (options.warnFreePercent !== undefined && disk.freePercent < options.warnFreePercent) {
    return {
      status: 'degraded',
      message: say.disk(disk.path, free, amounts, { percent: options.warnFreePercent, warning: true }),
      values,
    };
  }
  return { status: 'up', message: say.disk(disk.path, free, amounts), values };
}

function judgeService(report: AgentReport, name: string, language: Language): Finding {
  const say = SAY[language];
  const service = report.services.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!service) return { status: 'down', message: say.serviceNotWatched(name), values: {} };
  const values = { serviceState: service.state };
  const status = service.state === 'running' ? 'up' : 'down';
  // A running service's detail (`RUNNING`) says nothing more.
  const detail = status === 'up' ? '' : (service.detail ?? '');
  return { status, message: say.service(service.name, service.state, detail), values };
}

function judgeUsb(report: AgentReport, expected: UsbState, language: Language): Finding {
  const say = SAY[language];
  const usb = report.usbStorage;
  if (!usb) return { status: 'down', message: say.usbNotReported, values: {} };
  const values = { usbStorage: usb.state };
  if (usb.state === 'unknown') return { status: 'degraded', message: say.usbUnreadable(usb.evidence), values };
  if (usb.state !== expected) {
    return { status: 'down', message: say.usbWrong(usb.state, report.hostname, expected, usb.evidence), values };
  }
  return { status: 'up', message: say.usb(usb.state, report.hostname, usb.evidence), values };
}

function judgeLoad(report: AgentReport, options: AgentCheckOptions, language: Language): Finding[] {
  const say = SAY[language];
  const findings: Finding[] = [];
  if (options.maxMemoryPercent !== undefined) {
    const used = Math.round(report.memory.usedPercent);
    const over = report.memory.usedPercent > options.maxMemoryPercent;
    findings.push({
      status: over ? 'degraded' : 'up',
      message: say.memory(used, over ? options.maxMemoryPercent : undefined),
      values: { memoryUsedPercent: used },
    });
  }
  if (options.maxCpuPercent !== undefined && report.cpu.usedPercent !== null) {
    const used = Math.round(report.cpu.usedPercent);
    const over = report.cpu.usedPercent > options.maxCpuPercent;
    findings.push({
      status: over ? 'degraded' : 'up',
      message: say.cpu(used, over ? options.maxCpuPercent : undefined),
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
 * ("agent silent"), whatever it said last. The message is in `language` (English unless told).
 */
export function evaluateAgentCheck(
  options: AgentCheckOptions,
  observation: AgentObservation,
  now: number,
  language: Language = 'en',
): AgentCheckResult {
  const say = SAY[language];
  const { report, receivedAt, agentName } = observation;
  if (!report || receivedAt === null) {
    return { status: 'down', latencyMs: 0, message: say.neverReported(agentName), values: {} };
  }
  const age = now - receivedAt;
  if (age > AGENT_SILENT_INTERVALS * report.intervalMs) {
    return {
      status: 'down',
      latencyMs: 0,
      message: say.silent(agentName, age, report.intervalMs),
      values: { reportAgeMs: age },
    };
  }
  const findings: Finding[] = [];
  if (options.disk !== undefined) findings.push(judgeDisk(report, { ...options, disk: options.disk }, language));
  if (options.service !== undefined) findings.push(judgeService(report, options.service, language));
  if (options.usbStorage !== undefined) findings.push(judgeUsb(report, options.usbStorage, language));
  if (options.backup !== undefined) {
    findings.push(judgeBackup(report, { ...options, backup: options.backup }, age, language));
  }
  findings.push(...judgeLoad(report, options, language));
  const status = worst(findings.map((f) => f.status));
  // When something fails, say that first; otherwise say everything that was judged.
  const told = status === 'up' ? findings : findings.filter((f) => f.status !== 'up');
  return {
    status,
    latencyMs: 0,
    message: bounded(told.map((f) => f.message).join(say.separator)),
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
export function combineAgentResults(
  results: { agentName: string; result: AgentCheckResult }[],
  language: Language = 'en',
): AgentCheckResult {
  const say = SAY[language];
  if (results.length === 0) return { status: 'down', latencyMs: 0, message: say.noAgent, values: {} };
  if (results.length === 1) return results[0]!.result;
  const status = worst(results.map((r) => r.result.status));
  const failing = results.filter((r) => r.result.status !== 'up');
  const message =
    status === 'up'
      ? say.allUp(results.length, results.map((r) => r.agentName).join(', '))
      : failing.map((r) => say.agentSaid(r.agentName, r.result.message)).join(say.separator);
  return {
    status,
    latencyMs: 0,
    message: bounded(message),
    values: { agents: results.length, agentsFailing: failing.length },
  };
}

/** Why a check's options cannot be read, as its result says it. */
export function wrongOptionsMessage(problems: string, language: Language = 'en'): string {
  return SAY[language].wrongOptions(problems);
}
