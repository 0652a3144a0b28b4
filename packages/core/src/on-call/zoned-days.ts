const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATS.set(timeZone, format);
  }
  return format;
}

/** How far the time zone's clocks are ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const part = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of formatIn(timeZone).formatToParts(at)) {
    if (type in part) part[type as keyof typeof part] = Number(value);
  }
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant `days` days after `at` at the same wall-clock time in `timeZone`: a turn that
 * hands over at 08:00 still does so after a change to or from summer time. Where that wall
 * time does not exist (skipped by the change) the instant an hour later is given.
 */
export function addZonedDays(at: number, days: number, timeZone: string): number {
  const wall = at + offsetAt(at, timeZone) + days * 86_400_000;
  // The offset at the target is the one at the guess, unless the guess crossed a change.
  const guess = wall - offsetAt(wall - offsetAt(at, timeZone), timeZone);
  const offset = offsetAt(guess, timeZone);
  return wall - offset;
}
