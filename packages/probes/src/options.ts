import { z } from 'zod';
import { parseDuration } from '@vigie/contract';

// Options come from a plan file (YAML numbers and booleans) or from the command line (strings):
// the schemas below accept both spellings.

const NUMBER_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** A number, written as a number or as numeric text (`"90"`). */
export function numberOption(what: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value),
    z.number({ error: `expected a number (${what})` }),
  );
}

/** A whole number within [min, max], written as a number or as text. */
export function integerOption(what: string, min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value),
    z
      .int({ error: `expected a whole number (${what})` })
      .min(min, { error: `${what} must be at least ${min}` })
      .max(max, { error: `${what} must be at most ${max}` }),
  );
}

/** A boolean, written `true`/`false` (or `yes`/`no`) as a boolean or as text. */
export const BooleanOptionSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === 'yes') return true;
    if (text === 'false' || text === 'no') return false;
    return value;
  },
  z.boolean({ error: 'expected true or false' }),
);

/** Parses `250ms`, `2s`, `1m30s` or a bare number of milliseconds; undefined when malformed. */
export function parseMilliseconds(text: string): number | undefined {
  const trimmed = text.trim();
  const ms = /^(\d+(?:\.\d+)?)ms$/.exec(trimmed);
  if (ms) return Number(ms[1]);
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  return parseDuration(trimmed);
}

/** A duration in milliseconds: a number of milliseconds, or text such as `250ms`, `2s`, `1m`. */
export const DurationOptionSchema = z.union([z.number().min(0), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseMilliseconds(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not a duration such as 500ms, 2s or 1m` });
    return z.NEVER;
  }
  return ms;
});

/** Inclusive ranges of accepted status codes. */
export type StatusRanges = Array<readonly [number, number]>;

/** Formats status ranges back as `200-299,301`. */
export function formatStatusRanges(ranges: StatusRanges): string {
  return ranges.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)).join(',');
}

/** Accepted status codes written `200-299`, `200,204,301-302` or a single number. */
export const StatusRangesSchema = z.union([z.int(), z.string()]).transform((value, ctx) => {
  const ranges: Array<readonly [number, number]> = [];
  for (const part of String(value).split(',')) {
    const match = /^\s*(\d{3})(?:\s*-\s*(\d{3}))?\s*$/.exec(part);
    const low = Number(match?.[1]);
    const high = Number(match?.[2] ?? match?.[1]);
    if (!match || high < low) {
      ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not a list of status codes such as 200-299,301` });
      return z.NEVER;
    }
    ranges.push([low, high]);
  }
  return ranges;
});

/** Whether a status code falls in one of the ranges. */
export function inRanges(code: number, ranges: StatusRanges): boolean {
  return ranges.some(([low, high]) => code >= low && code <= high);
}
