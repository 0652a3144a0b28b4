import { describe, expect, it } from 'vitest';
import { shiftAt, shiftsBetween, turnsBetween, type Replacement } from './rotation';
import { addZonedDays } from './zoned-days';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const weekly = { people: ['awa', 'bruno', 'chantal'], every: WEEK, from: '2026-01-05T08:00:00+01:00' };
const at = (iso: string) => Date.parse(iso);

function replacement(id: string, personId: string, from: string, to: string, createdAt = 0): Replacement {
  return { id, personId, from: at(from), to: at(to), reason: null, createdAt };
}

describe('turnsBetween', () => {
  it('hands the duty over every week at the first turn’s hour, in the rotation’s order', () => {
    const turns = turnsBetween(
      weekly,
      at('2026-01-05T08:00:00+01:00'),
      at('2026-01-27T00:00:00+01:00'),
      'Africa/Douala',
    );
    expect(turns.map((t) => [t.personId, new Date(t.from).toISOString()])).toEqual([
      ['awa', '2026-01-05T07:00:00.000Z'],
      ['bruno', '2026-01-12T07:00:00.000Z'],
      ['chantal', '2026-01-19T07:00:00.000Z'],
      ['awa', '2026-01-26T07:00:00.000Z'],
    ]);
  });

  it('runs backwards before the first turn', () => {
    const [turn] = turnsBetween(
      weekly,
      at('2026-01-01T12:00:00+01:00'),
      at('2026-01-01T13:00:00+01:00'),
      'Africa/Douala',
    );
    expect(turn).toEqual({
      personId: 'chantal',
      from: at('2025-12-29T08:00:00+01:00'),
      to: at('2026-01-05T08:00:00+01:00'),
    });
  });

  it('keeps the local hand-over hour across a change of summer time', () => {
    const paris = { people: ['awa', 'bruno'], every: DAY, from: '2026-03-27T08:00:00+01:00' };
    const turns = turnsBetween(paris, at('2026-03-27T08:00:00+01:00'), at('2026-03-31T00:00:00+02:00'), 'Europe/Paris');
    expect(turns.map((t) => new Date(t.from).toISOString())).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-28T07:00:00.000Z',
      // Summer time from 29 March: 08:00 in Paris is 06:00 UTC.
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
  });

  it('steps turns shorter than a day by their length', () => {
    const halfDays = { people: ['awa', 'bruno'], every: 12 * HOUR, from: '2026-01-05T08:00:00+01:00' };
    const turns = turnsBetween(
      halfDays,
      at('2026-01-05T07:00:00+01:00'),
      at('2026-01-06T09:00:00+01:00'),
      'Africa/Douala',
    );
    expect(turns.map((t) => [t.personId, t.to - t.from])).toEqual([
      ['bruno', 12 * HOUR],
      ['awa', 12 * HOUR],
      ['bruno', 12 * HOUR],
      ['awa', 12 * HOUR],
    ]);
  });
});

describe('addZonedDays', () => {
  it('gives the hour after a wall time that summer time skips', () => {
    const before = at('2026-03-28T02:30:00+01:00');
    expect(new Date(addZonedDays(before, 1, 'Europe/Paris')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('shiftsBetween', () => {
  const from = at('2026-01-12T08:00:00+01:00');
  const to = at('2026-01-26T08:00:00+01:00');

  it('lays a replacement over the rotation and cuts the turn around it', () => {
    const cover = replacement('r1', 'chantal', '2026-01-14T18:00:00+01:00', '2026-01-16T08:00:00+01:00');
    const shifts = shiftsBetween(weekly, [cover], from, to, 'Africa/Douala');
    expect(shifts.map((s) => [s.personId, new Date(s.from).toISOString(), s.override?.id ?? null])).toEqual([
      ['bruno', '2026-01-12T07:00:00.000Z', null],
      ['chantal', '2026-01-14T17:00:00.000Z', 'r1'],
      ['bruno', '2026-01-16T07:00:00.000Z', null],
      ['chantal', '2026-01-19T07:00:00.000Z', null],
    ]);
    expect(shifts.at(-1)!.to).toBe(to);
  });

  it('lets the replacement made last hold where two overlap', () => {
    const first = replacement('r1', 'awa', '2026-01-13T08:00:00+01:00', '2026-01-15T08:00:00+01:00', 1);
    const later = replacement('r2', 'chantal', '2026-01-14T08:00:00+01:00', '2026-01-14T20:00:00+01:00', 2);
    const shifts = shiftsBetween(weekly, [later, first], from, at('2026-01-16T08:00:00+01:00'), 'Africa/Douala');
    expect(shifts.map((s) => [s.personId, s.override?.id ?? null])).toEqual([
      ['bruno', null],
      ['awa', 'r1'],
      ['chantal', 'r2'],
      ['awa', 'r1'],
      ['bruno', null],
    ]);
  });

  it('cuts shifts at the bounds asked for', () => {
    const shifts = shiftsBetween(
      weekly,
      [],
      at('2026-01-14T00:00:00+01:00'),
      at('2026-01-20T00:00:00+01:00'),
      'Africa/Douala',
    );
    expect(shifts.map((s) => [s.personId, s.to - s.from])).toEqual([
      ['bruno', 5 * DAY + 8 * HOUR],
      ['chantal', 16 * HOUR],
    ]);
  });
});

describe('shiftAt', () => {
  it('tells who is on call and until when', () => {
    const shift = shiftAt(weekly, [], at('2026-01-14T03:00:00+01:00'), 'Africa/Douala');
    expect(shift).toMatchObject({
      personId: 'bruno',
      from: at('2026-01-12T08:00:00+01:00'),
      to: at('2026-01-19T08:00:00+01:00'),
    });
  });

  it('ends the shift where a replacement begins, and gives the replacement’s whole span while it runs', () => {
    const cover = replacement('r1', 'awa', '2026-01-18T12:00:00+01:00', '2026-01-20T12:00:00+01:00');
    expect(shiftAt(weekly, [cover], at('2026-01-14T03:00:00+01:00'), 'Africa/Douala').to).toBe(cover.from);
    expect(shiftAt(weekly, [cover], at('2026-01-19T09:00:00+01:00'), 'Africa/Douala')).toMatchObject({
      personId: 'awa',
      from: cover.from,
      to: cover.to,
      override: cover,
    });
  });
});
