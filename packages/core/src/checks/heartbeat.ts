import {
  formatDuration,
  parseDuration,
  type Check,
  type CheckResult,
  type CheckResultStatus,
  type Language,
} from '@vigie/contract';
import { everyFr, formatDurationFr } from './french-durations';

export { formatDurationFr } from './french-durations';

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

const SAY: Readonly<
  Record<
    Language,
    {
      expected: (everyMs: number, graceMs: number) => string;
      never: (expected: string) => string;
      silent: (silentMs: number, expected: string) => string;
      received: string;
      reported: (status: CheckResultStatus) => string;
    }
  >
> = {
  en: {
    expected: (everyMs, graceMs) => `expected every ${formatDuration(everyMs)}, grace ${formatDuration(graceMs)}`,
    never: (expected) => `No heartbeat received yet (${expected})`,
    silent: (silentMs, expected) => `No heartbeat for ${formatDuration(silentMs)} (${expected})`,
    received: 'Heartbeat received',
    reported: (status) => `The job reported itself ${status}`,
  },
  fr: {
    expected: (everyMs, graceMs) => `attendu ${everyFr(everyMs)}, tolérance ${formatDurationFr(graceMs)}`,
    never: (expected) => `Aucun battement reçu pour l’instant (${expected})`,
    silent: (silentMs, expected) => `Aucun battement depuis ${formatDurationFr(silentMs)} (${expected})`,
    received: 'Battement reçu',
    reported: (status) => `La tâche s’est déclarée ${STATUS_FR[status]}`,
  },
};

const STATUS_FR: Record<CheckResultStatus, string> = { up: 'en service', degraded: 'dégradée', down: 'en panne' };

/** The failure a silent heartbeat counts as, told in `language` (English unless told). */
export function silentHeartbeatResult(
  check: Pick<Check, 'every' | 'options'>,
  lastResultAt: number | null,
  now: number,
  language: Language = 'en',
): CheckResult {
  const say = SAY[language];
  const expected = say.expected(check.every, heartbeatGraceMs(check));
  const message = lastResultAt === null ? say.never(expected) : say.silent(now - lastResultAt, expected);
  return {
    status: 'down',
    latencyMs: 0,
    message,
    values: { silentMs: lastResultAt === null ? 0 : now - lastResultAt },
  };
}

/** What a heartbeat's result says when the job gave no message of its own, in `language`. */
export function heartbeatPingMessage(status: CheckResultStatus, language: Language = 'en'): string {
  return status === 'up' ? SAY[language].received : SAY[language].reported(status);
}
