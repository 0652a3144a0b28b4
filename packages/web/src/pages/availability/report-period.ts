import { fromZonedInputValue, toZonedInputValue } from '../../lib/format';

/** The periods a report is asked for: rolling ones, calendar months in the plan's time zone, or chosen days. */
export type PeriodChoice = '7d' | '30d' | 'this-month' | 'last-month' | 'days';

export interface Period {
  from: number;
  to: number;
}

const DAY = 86_400_000;

/** The first instant of a month, `shift` months from the one holding `ms`, in a time zone. */
function monthStart(ms: number, timeZone: string, shift: number): number {
  const [year = 0, month = 1] = toZonedInputValue(ms, timeZone).slice(0, 7).split('-').map(Number);
  const index = year * 12 + (month - 1) + shift;
  const text = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01T00:00`;
  return fromZonedInputValue(text, timeZone)!;
}

/**
 * The instants a period covers, `to` excluded: a calendar month from its first midnight to the
 * next one's in the plan's time zone (Douala's, not the browser's), chosen days from the first
 * one's midnight to the midnight after the last. Null when chosen days do not make a period.
 */
export function periodBounds(
  choice: PeriodChoice,
  now: number,
  timeZone: string,
  days?: { first: string; last: string },
): Period | null {
  switch (choice) {
    case '7d':
      return { from: now - 7 * DAY, to: now };
    case '30d':
      return { from: now - 30 * DAY, to: now };
    case 'this-month':
      return { from: monthStart(now, timeZone, 0), to: now };
    case 'last-month':
      return { from: monthStart(now, timeZone, -1), to: monthStart(now, timeZone, 0) };
    case 'days': {
      const from = days && fromZonedInputValue(`${days.first}T00:00`, timeZone);
      const lastMidnight = days && fromZonedInputValue(`${days.last}T00:00`, timeZone);
      if (from == null || lastMidnight == null || lastMidnight < from) return null;
      // The midnight after the last day, read in the zone (a day is not always 24 h long).
      const after = fromZonedInputValue(
        `${toZonedInputValue(lastMidnight + DAY + 12 * 3_600_000, timeZone).slice(0, 10)}T00:00`,
        timeZone,
      )!;
      return { from, to: Math.min(after, now) };
    }
  }
}
