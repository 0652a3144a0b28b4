import { describe, expect, it } from 'vitest';
import type { Plan, UnmatchedAlert } from '@vigie/contract';
import { groupUnmatchedAlerts, stillUnmatched } from './unmatched-alerts';

describe('unmatched alerts', () => {
  it('groups a batch by alertname and threat label, counting each and keeping the latest labels', () => {
    const groups = groupUnmatchedAlerts([
      { labels: { alertname: 'DiskFull', instance: 'a:9100' }, summary: 'a plein' },
      { labels: { alertname: 'DiskFull', instance: 'b:9100' }, summary: 'b plein' },
      { labels: { alertname: 'DiskFull', threat: 'disque' }, summary: null },
      { labels: { alertname: 'DiskFull', threat: '' }, summary: 'c plein' },
      { labels: { job: 'node' }, summary: null },
    ]);
    expect(groups).toEqual([
      {
        key: expect.stringMatching(/^[0-9a-f]{16}$/),
        alertname: 'DiskFull',
        threatLabel: null,
        reason: 'no-rule',
        count: 3,
        labels: { alertname: 'DiskFull', threat: '' },
        summary: 'c plein',
      },
      {
        key: expect.stringMatching(/^[0-9a-f]{16}$/),
        alertname: 'DiskFull',
        threatLabel: 'disque',
        reason: 'unknown-threat',
        count: 1,
        labels: { alertname: 'DiskFull', threat: 'disque' },
        summary: null,
      },
      {
        key: expect.stringMatching(/^[0-9a-f]{16}$/),
        alertname: '',
        threatLabel: null,
        reason: 'no-rule',
        count: 1,
        labels: { job: 'node' },
        summary: null,
      },
    ]);
    expect(new Set(groups.map((group) => group.key)).size).toBe(3);
  });

  it('leaves out those the plan in force now matches, by a rule or by the threat they name', () => {
    const plan = {
      threats: [
        { id: 'espace-hmp', detect: [{ alert: { alertname: '~Hmp(Disk|Disque)Full' } }] },
        { id: 'energie', detect: [] },
      ],
    } as unknown as Plan;
    const listed = (labels: Record<string, string>): UnmatchedAlert => ({
      key: '0000000000000000',
      alertname: labels['alertname'] ?? '',
      threatLabel: labels['threat'] ?? null,
      reason: 'no-rule',
      count: 1,
      firstAt: 0,
      lastAt: 0,
      labels,
      summary: null,
    });
    const left = stillUnmatched(plan, [
      listed({ alertname: 'HmpDiskFull' }),
      listed({ alertname: 'Autre', threat: 'energie' }),
      listed({ alertname: 'Autre', threat: 'electricite' }),
      listed({ alertname: 'HmpDiskAlmostFull' }),
    ]);
    expect(left.map((alert) => alert.labels)).toEqual([
      { alertname: 'Autre', threat: 'electricite' },
      { alertname: 'HmpDiskAlmostFull' },
    ]);
  });
});
