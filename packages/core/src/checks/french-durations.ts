import { formatDuration } from '@vigie/contract';

const FRENCH_UNITS: Record<string, (count: number) => string> = {
  y: (n) => (n > 1 ? 'ans' : 'an'),
  d: () => 'j',
  h: () => 'h',
  m: () => 'min',
  s: () => 's',
  ms: () => 'ms',
};

/** A duration as `formatDuration` writes it (`1h30m`), in French words: `1 h 30 min`, `2 j`, `1 an`. */
export function formatDurationFr(ms: number): string {
  const text = formatDuration(ms);
  const sign = text.startsWith('-') ? '-' : '';
  const parts = [...text.matchAll(/(\d+)(ms|[ydhms])/g)].map(([, count, unit]) => {
    const n = Number(count);
    return `${n} ${FRENCH_UNITS[unit!]!(n)}`;
  });
  return sign + parts.join(' ');
}

/** Once in each of these units, said in a word: `toutes les heures` rather than `toutes les 1 h`. */
const FRENCH_EACH: Record<number, string> = {
  1_000: 'toutes les secondes',
  60_000: 'toutes les minutes',
  3_600_000: 'toutes les heures',
  86_400_000: 'tous les jours',
  [7 * 86_400_000]: 'toutes les semaines',
};

/** How often, in French: `toutes les heures`, `toutes les 30 min`, `tous les 2 j`. */
export function everyFr(ms: number): string {
  const each = FRENCH_EACH[ms];
  if (each) return each;
  const duration = formatDurationFr(ms);
  // Days and years (jours, ans) are masculine; hours, minutes and seconds feminine.
  return `${/^\d+ (j|ans?)\b/.test(duration) ? 'tous' : 'toutes'} les ${duration}`;
}
