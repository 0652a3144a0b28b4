import { parseDuration } from '@vigie/contract';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a date bound of a search: `2024-05-01` (that local day: its start for `from`, its last
 * millisecond for `to`), an ISO date and time, or a duration back from now (`7d`, `12h`).
 * Returns epoch milliseconds, or undefined when the text is none of these.
 */
export function parseDateBound(text: string, bound: 'from' | 'to', now: number): number | undefined {
  const day = DAY.exec(text.trim());
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(year, month, date);
    if (start.getMonth() !== month || start.getDate() !== date) return undefined;
    return bound === 'from' ? start.getTime() : new Date(year, month, date + 1).getTime() - 1;
  }
  const ago = parseDuration(text);
  if (ago !== undefined) return now - ago;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
