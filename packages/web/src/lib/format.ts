import type { Language } from '../i18n/i18n';

/** The contact centre's time zone when the plan names none. */
export const DEFAULT_TIME_ZONE = 'Africa/Douala';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A date and time in the plan's time zone, in the interface language. */
export function formatDateTime(ms: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

const UNITS = [
  { unit: 'day', ms: 86_400_000, from: 2 * 86_400_000 },
  { unit: 'hour', ms: 3_600_000, from: 2 * 3_600_000 },
  { unit: 'minute', ms: 60_000, from: 60_000 },
  { unit: 'second', ms: 1_000, from: 0 },
] as const;

/** A duration as people say it ("60 min", "6 h", "7 j"): the largest unit that divides it evenly. */
export function formatDurationForHumans(ms: number, language: Language): string {
  const choice = UNITS.find((u) => ms >= u.from && ms % u.ms === 0) ?? UNITS[UNITS.length - 1];
  if (!choice) return String(ms);
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: choice.unit,
    unitDisplay: choice.unit === 'day' ? 'long' : 'short',
  }).format(ms / choice.ms);
}

/** How often, as people say it: "toutes les minutes", "toutes les 5 s", "every minute", "every 30 s". */
export function formatEvery(ms: number, language: Language): string {
  if (ms === 60_000) return EVERY_ONE[language].minute;
  if (ms === 1_000) return EVERY_ONE[language].second;
  return `${EVERY[language]} ${formatDurationForHumans(ms, language)}`;
}

const EVERY: Record<Language, string> = { fr: 'toutes les', en: 'every' };
const EVERY_ONE: Record<Language, { minute: string; second: string }> = {
  fr: { minute: 'toutes les minutes', second: 'toutes les secondes' },
  en: { minute: 'every minute', second: 'every second' },
};

const DAY_LETTER: Record<Language, string> = { fr: 'j', en: 'd' };

/**
 * A running duration for clocks and countdowns: "2 h 05 min", "12 min 30 s", "1 j 4 h".
 * Seconds show only under an hour, where they matter.
 */
export function formatClock(ms: number, language: Language): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days} ${DAY_LETTER[language]} ${hours} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(seconds)} s`;
  return `${seconds} s`;
}

/** A time of day in the plan's time zone ("14:05"), for timelines. */
export function formatTime(ms: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'short', timeZone }).format(ms);
}

/** The wall-clock reading ("2026-01-05T10:00") of an instant in a time zone, for datetime inputs. */
export function toZonedInputValue(ms: number, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

/**
 * The instant a wall-clock reading ("2026-01-05T10:00") names in a time zone — the plan's,
 * not the browser's, so a technician abroad and one in Douala mean the same time.
 */
export function fromZonedInputValue(value: string, timeZone = DEFAULT_TIME_ZONE): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that instant, found by reading the guess back; twice covers DST edges.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const read = fromParts(toZonedInputValue(guess, timeZone));
    guess += asUtc - read;
  }
  return guess;
}

function fromParts(value: string): number {
  const [date = '', time = ''] = value.split('T');
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** A count as people read it: `9 990` in French, `9,990` in English. */
export function formatCount(count: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 }).format(count);
}

/** A probe's latency as people read it: `0,4 ms`, `12 ms`, `1,5 s`. */
export function formatLatency(ms: number, language: Language): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(value);
  if (ms < 10) return `${number(ms, 1)} ms`;
  if (ms < 10_000) return `${number(Math.round(ms), 0)} ms`;
  return `${number(ms / 1000, 1)} s`;
}

/** A share as a percentage to the hundredth: `99,95 %`. */
export function formatPercent(ratio: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 2 }).format(ratio);
}
