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
