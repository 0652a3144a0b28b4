import { describe, expect, it } from 'vitest';
import { liveAlertsOf } from './live-alerts';
import type { Signal } from './model';

function signal(source: Signal['source'], threatId: string, firstAt: number, lastAt: number): Signal {
  return {
    id: `${source}/${threatId}`,
    source,
    threatId,
    assetId: null,
    state: 'down',
    message: 'Disque plein',
    firstAt,
    lastAt,
    status: 'opened',
    incidentId: 'i-1',
    recoveredAt: null,
    data: { labels: { alertname: 'HmpDiskFull' } },
  };
}

describe('live alerts', () => {
  it('makes one alert of the signals it raised, with all its threats and its whole span, and leaves checks out', () => {
    expect(
      liveAlertsOf([
        signal('alert:00aa', 'espace-hmp', 2_000, 5_000),
        signal('check:crm-web', 'deconnexion-crm', 1_000, 1_000),
        signal('alert:00aa', 'perte-donnees', 1_000, 9_000),
        signal('alert:00bb', 'espace-hmp', 3_000, 3_000),
      ]),
    ).toEqual([
      {
        fingerprint: '00aa',
        labels: { alertname: 'HmpDiskFull' },
        summary: 'Disque plein',
        threats: ['espace-hmp', 'perte-donnees'],
        startsAt: 1_000,
        updatedAt: 9_000,
      },
      expect.objectContaining({ fingerprint: '00bb', threats: ['espace-hmp'], startsAt: 3_000 }),
    ]);
  });
});
