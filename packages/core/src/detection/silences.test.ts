import { describe, expect, it } from 'vitest';
import { matcherOf, type LabelMatcher } from '@vigie/contract';
import { DomainError } from '../errors';
import {
  checkMatchers,
  compileMatchers,
  equalityLabels,
  orderSilences,
  SilenceMatcher,
  silenceState,
  type SilenceRecord,
} from './silences';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 8);

function silence(id: string, matchers: LabelMatcher[], startsAt: number, endsAt: number): SilenceRecord {
  return {
    id,
    matchers,
    startsAt,
    endsAt,
    comment: 'travaux',
    createdBy: 'Awa',
    createdAt: startsAt,
    updatedAt: startsAt,
    mutedCount: 0,
    lastMutedAt: null,
  };
}

describe('silence state', () => {
  it.each([
    [NOW - HOUR, NOW + HOUR, 'active'],
    [NOW, NOW + HOUR, 'active'],
    [NOW + 1, NOW + HOUR, 'pending'],
    [NOW - HOUR, NOW, 'expired'],
    [NOW - 2 * HOUR, NOW - HOUR, 'expired'],
  ])('from %d to %d is %s', (startsAt, endsAt, state) => {
    expect(silenceState({ startsAt, endsAt }, NOW)).toBe(state);
  });
});

describe('matchers against labels', () => {
  const labels = { alertname: 'HmpDiskFull', instance: 'hmp.principal:9182', severity: 'critical' };
  it.each([
    [[matcherOf('alertname', '=', 'HmpDiskFull')], true],
    [[matcherOf('alertname', '=', 'hmpdiskfull')], false],
    [[matcherOf('alertname', '!=', 'Other')], true],
    [[matcherOf('instance', '=~', 'hmp\\..*')], true],
    // A regular expression matches the whole value, as in Prometheus.
    [[matcherOf('instance', '=~', 'hmp')], false],
    [[matcherOf('severity', '!~', 'warning|info')], true],
    [[matcherOf('site', '=', '')], true],
    [[matcherOf('site', '!=', '')], false],
    [[matcherOf('site', '=~', 'principal|')], true],
    [[matcherOf('alertname', '=', 'HmpDiskFull'), matcherOf('severity', '=', 'warning')], false],
  ])('%j holds: %s', (matchers, holds) => {
    expect(compileMatchers(matchers)(labels)).toBe(holds);
  });
});

describe('checking matchers', () => {
  it.each([
    [[matcherOf('alertname', '=~', '.*')]],
    [[matcherOf('alertname', '!=', 'x'), matcherOf('site', '=', '')]],
    [[]],
  ])('refuses %j, which would mute every alert', (matchers) => {
    expect(() => checkMatchers(matchers)).toThrow(/at least one matcher/);
  });

  it('refuses a regular expression that does not compile, naming it', () => {
    expect(() => checkMatchers([matcherOf('alertname', '=~', 'a(')])).toThrow(DomainError);
    expect(() => checkMatchers([matcherOf('alertname', '=~', 'a(')])).toThrow(/`a\(` is not a regular expression/);
  });

  it.each(['(a+)+', '(.*x)*', '(hmp|.*)+$'])('refuses %s, whose backtracking could hold the server', (pattern) => {
    expect(() => checkMatchers([matcherOf('instance', '=~', pattern)])).toThrow(/repeats a repetition/);
  });

  it('takes a list with one matcher an empty label fails', () => {
    expect(() => checkMatchers([matcherOf('alertname', '=~', '.+'), matcherOf('site', '=', '')])).not.toThrow();
  });
});

describe('the silences of a batch', () => {
  const disk = silence('disk', [matcherOf('alertname', '=', 'HmpDiskFull')], NOW - HOUR, NOW + HOUR);
  const later = silence('later', [matcherOf('alertname', '=~', '.+')], NOW + HOUR, NOW + 2 * HOUR);
  const over = silence('over', [matcherOf('alertname', '=~', '.+')], NOW - 2 * HOUR, NOW);

  it('names the active silence that mutes an alert, and only an active one', () => {
    const matcher = new SilenceMatcher([later, over, disk], NOW);
    expect(matcher.empty).toBe(false);
    expect(matcher.silencing({ alertname: 'HmpDiskFull' })).toBe('disk');
    expect(matcher.silencing({ alertname: 'SipGatewayDown' })).toBeNull();
    expect(new SilenceMatcher([later, over], NOW).empty).toBe(true);
  });

  it('orders them as people read them: active ending soonest, pending, expired latest first', () => {
    const soon = silence('soon', disk.matchers, NOW - HOUR, NOW + 10 * 60_000);
    const older = silence('older', disk.matchers, NOW - 5 * HOUR, NOW - 4 * HOUR);
    expect(orderSilences([older, over, later, disk, soon], NOW).map((s) => [s.id, s.state])).toEqual([
      ['soon', 'active'],
      ['disk', 'active'],
      ['later', 'pending'],
      ['over', 'expired'],
      ['older', 'expired'],
    ]);
  });

  it('filters silences by the labels their equality matchers name, as Alertmanager does', () => {
    expect(
      equalityLabels([matcherOf('alertname', '=', 'A'), matcherOf('site', '=~', 's.*'), matcherOf('job', '!=', 'x')]),
    ).toEqual({ alertname: 'A' });
  });
});
