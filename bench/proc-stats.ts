import { readFileSync, writeFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function statusMB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/** Peak resident memory of a process in MB (since it started, or since `resetPeakRss`), from /proc. */
export function peakRssMB(pid: number): number {
  return statusMB(pid, 'VmHWM');
}

/** Resident memory of a process now, in MB. */
export function rssMB(pid: number): number {
  return statusMB(pid, 'VmRSS');
}

/**
 * Starts a process's peak resident memory afresh from what it holds now (Linux's
 * `clear_refs` 5), so that a peak read later is the peak of what happened in between.
 */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
