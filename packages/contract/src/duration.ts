import { z } from 'zod';

const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
} as const;

type Unit = keyof typeof UNIT_MS;

const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?[smhdwy])+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)([smhdwy])/g;

/** Parses `20m`, `4h`, `1h30m`, `1y` into milliseconds; returns undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().replace(/\s+/g, '');
  if (!DURATION_PATTERN.test(compact)) return undefined;
  let total = 0;
  for (const match of compact.matchAll(PART_PATTERN)) {
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  return Math.round(total);
}

/** Formats milliseconds back into the plan's notation (`1h30m`, `45s`, `2d`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const unit of ['y', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  if (parts.length === 0) parts.push(`${rest}ms`);
  return sign + parts.join('');
}

export const DURATION_HINT = 'a duration such as 30s, 20m, 4h, 2d or 1y';

/** A duration written `20m`, `4h`, `1y` in a plan file, parsed to milliseconds. */
export const DurationSchema = z.string({ error: `expected ${DURATION_HINT}` }).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not ${DURATION_HINT}` });
    return z.NEVER;
  }
  return ms;
});
