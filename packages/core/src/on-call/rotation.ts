import type { OnCallSchedule } from '@vigie/contract';
import { addZonedDays } from './zoned-days';

const DAY_MS = 86_400_000;

/** A turn of a rotation: `personId` is on call from `from` to `to` (excluded). */
export interface Turn {
  personId: string;
  from: number;
  to: number;
}

/** A replacement: `personId` holds the duty instead, from `from` to `to` (excluded). */
export interface Replacement {
  id: string;
  personId: string;
  from: number;
  to: number;
  reason: string | null;
  createdAt: number;
}

/** A stretch of time with one person on call, from the rotation or from a replacement. */
export interface Shift extends Turn {
  override: Replacement | null;
}

type Rotation = Pick<OnCallSchedule, 'people' | 'every' | 'from'>;

/** Where the `index`-th turn begins (negative: before the first one). */
function turnStart(rotation: Rotation, index: number, timeZone: string): number {
  const first = Date.parse(rotation.from);
  // Whole days hand over at the same local time, whatever summer time does.
  return rotation.every % DAY_MS === 0
    ? addZonedDays(first, index * (rotation.every / DAY_MS), timeZone)
    : first + index * rotation.every;
}

function turnOf(rotation: Rotation, index: number, timeZone: string): Turn {
  const count = rotation.people.length;
  return {
    personId: rotation.people[((index % count) + count) % count]!,
    from: turnStart(rotation, index, timeZone),
    to: turnStart(rotation, index + 1, timeZone),
  };
}

/** The index of the turn under way at `at`; the rotation runs backwards before its start too. */
function turnIndexAt(rotation: Rotation, at: number, timeZone: string): number {
  let index = Math.floor((at - Date.parse(rotation.from)) / rotation.every);
  // A change of summer time moves a local hand-over by an hour: one step at most.
  while (turnStart(rotation, index, timeZone) > at) index--;
  while (turnStart(rotation, index + 1, timeZone) <= at) index++;
  return index;
}

/** The rotation's own turns that overlap `[from, to)`, in order. */
export function turnsBetween(rotation: Rotation, from: number, to: number, timeZone: string): Turn[] {
  const turns: Turn[] = [];
  for (let index = turnIndexAt(rotation, from, timeZone); ; index++) {
    const turn = turnOf(rotation, index, timeZone);
    if (turn.from >= to) break;
    turns.push(turn);
  }
  return turns;
}

/**
 * Who is on call over `[from, to)`: the rotation's turns, with replacements laid over them —
 * where two replacements overlap, the one made last holds. Shifts in order, cut at the
 * period's bounds; consecutive stretches of the same person and origin are joined.
 */
export function shiftsBetween(
  rotation: Rotation,
  replacements: readonly Replacement[],
  from: number,
  to: number,
  timeZone: string,
): Shift[] {
  if (to <= from) return [];
  const relevant = replacements.filter((r) => r.from < to && r.to > from);
  const cuts = new Set<number>([from, to]);
  for (const turn of turnsBetween(rotation, from, to, timeZone)) cuts.add(Math.max(turn.from, from));
  for (const r of relevant) {
    if (r.from > from) cuts.add(r.from);
    if (r.to < to) cuts.add(r.to);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const latestFirst = [...relevant].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    const override = latestFirst.find((r) => r.from <= start && r.to >= end) ?? null;
    const personId = override?.personId ?? turnOf(rotation, turnIndexAt(rotation, start, timeZone), timeZone).personId;
    const last = shifts.at(-1);
    if (last && last.personId === personId && last.override?.id === override?.id) last.to = end;
    else shifts.push({ personId, from: start, to: end, override });
  }
  return shifts;
}

/** The shift under way at `at`, from when it began to when it really ends (a turn's end, or a replacement's). */
export function shiftAt(rotation: Rotation, replacements: readonly Replacement[], at: number, timeZone: string): Shift {
  const turn = turnOf(rotation, turnIndexAt(rotation, at, timeZone), timeZone);
  const covering = replacements.filter((r) => r.from <= at && r.to > at);
  const start = Math.min(turn.from, ...covering.map((r) => r.from));
  const end = Math.max(turn.to, ...covering.map((r) => r.to));
  return shiftsBetween(rotation, replacements, start, end, timeZone).find((s) => s.from <= at && s.to > at)!;
}
