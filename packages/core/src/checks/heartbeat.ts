import { formatDuration, parseDuration, type Check, type CheckResult } from '@vigie/contract';

const MIN_GRACE_MS = 1_000;
const MAX_GRACE_MS = 3_600_000;

/**
 * How late a heartbeat may be before its silence counts: the check's `grace` option
 * (`5m`), else a tenth of its interval, between one second and one hour.
 */
export function heartbeatGraceMs(check: Pick<Check, 'every' | 'options'>): number {
  const given = check.options['grace'];
  const parsed = typeof given === 'string' ? parseDuration(given) : undefined;
  if (parsed !== undefined) return parsed;
  return Math.min(MAX_GRACE_MS, Math.max(MIN_GRACE_MS, Math.round(check.every / 10)));
}

/**
 * When a heartbeat check's silence becomes a failure: `every` plus the grace after its
 * last result (a ping, or the previous silence), or after `watchedSince` if it never reported.
 */
export function heartbeatDeadline(
  check: Pick<Check, 'every' | 'options'>,
  lastResultAt: number | null,
  watchedSince: number,
): number {
  return (lastResultAt ?? watchedSince) + check.every + heartbeatGraceMs(check);
}

/** The failure a silent heartbeat counts as. */
export function silentHeartbeatResult(
  check: Pick<Check, 'every' | 'options'>,
  lastResultAt: number | null,
  now: number,
): CheckResult {
  const expected = `expected every ${formatDuration(check.every)}, grace ${formatDuration(heartbeatGraceMs(check))}`;
  const message =
    lastResultAt === null
      ? `No heartbeat received yet (${expected})`
      : `No heartbeat for ${formatDuration(now - lastResultAt)} (${expected})`;
  return {
    status: 'down',
    latencyMs: 0,
    message,
    values: { silentMs: lastResultAt === null ? 0 : now - lastResultAt },
  };
}
