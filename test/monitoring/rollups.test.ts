import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResultStatus } from '@vigie/contract';
import { readAvailability, readCheckResults, SYSTEM_ACTOR, type CheckResultRecord } from '@vigie/core';
import { runMonitoringMaintenance } from '../../packages/server/src/monitoring/maintenance';
import { ManualClock } from '../../packages/server/src/testing/factories';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { monitoringBed, monitoringPlan, type MonitoringBed } from './support';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const NOW = Date.UTC(2026, 0, 20, 12, 0, 0);
const START = NOW - 10 * DAY;
const RETENTION = { resultsRetentionMs: 7 * DAY, rollupRetentionMs: 9 * DAY };

/**
 * Ten days of known results, generated rather than probed:
 * - crm-web (asset crm, site principal, client ocm): one a minute; down 16:00–18:00 on the first
 *   day (120, pruned from raw later), degraded 30 minutes two days ago;
 * - serveur-ping (asset serveur, site principal, internal): one every 5 minutes; down 3 h to 2 h ago;
 * - autre-web (asset autre-app, site secours, client autre): one every 10 minutes; down the last day.
 */
function knownResults(): CheckResultRecord[] {
  const rows: CheckResultRecord[] = [];
  const add = (checkId: string, at: number, status: CheckResultStatus): void => {
    rows.push({ checkId, at, status, latencyMs: status === 'down' ? 0 : 12.5, message: status, values: {} });
  };
  for (let i = 0; i < 10 * 1440; i++) {
    const status = i >= 960 && i < 1080 ? 'down' : i >= 11_520 && i < 11_550 ? 'degraded' : 'up';
    add('crm-web', START + i * MIN + 7_000, status);
  }
  for (let k = 0; k < 2880; k++) add('serveur-ping', START + k * 5 * MIN, k >= 2844 && k < 2856 ? 'down' : 'up');
  for (let k = 0; k < 1440; k++) add('autre-web', START + k * 10 * MIN + 1, k >= 1296 ? 'down' : 'up');
  return rows;
}

describe.each(DIALECTS)('rollups, pruning and availability on %s', (dialect) => {
  let bed: MonitoringBed;
  const clock = new ManualClock(NOW);
  const ctx = () => ({ store: bed.store, clock, plans: bed.catalog });

  beforeAll(async () => {
    bed = await monitoringBed(
      dialect,
      monitoringPlan([
        '{ id: crm-web, asset: crm, probe: http, target: "http://127.0.0.1:9/", every: 1m }',
        '{ id: serveur-ping, asset: serveur, probe: tcp, target: "127.0.0.1:9", every: 5m }',
        '{ id: autre-web, asset: autre-app, probe: http, target: "http://127.0.0.1:9/", every: 10m }',
      ]),
    );
    await bed.store.transaction((tx) => tx.checkResults.insertMany(knownResults()));
    // A node back after ten days catches up over several rounds.
    for (let round = 0; round < 30; round++) {
      const report = await runMonitoringMaintenance(bed.store, NOW, RETENTION);
      if (report.fiveMinutesUntil === NOW - 5 * MIN && report.hoursUntil === NOW - H) break;
    }
  }, 120_000);
  afterAll(() => bed.dispose());

  it('rolls results up per 5 minutes and per hour, and prunes raw results past retention', async () => {
    const hourly = await bed.store.transaction((tx) => tx.checkRollups.list('crm-web', H, START, START + DAY));
    expect(hourly).toHaveLength(24);
    expect(hourly[16]).toMatchObject({ start: START + 16 * H, up: 0, degraded: 0, down: 60 });
    expect(hourly[15]).toMatchObject({ up: 60, down: 0, latencySum: 60 * 12.5, latencyMax: 12.5 });
    expect(await bed.store.transaction((tx) => tx.checkResults.oldest())).toBeGreaterThanOrEqual(NOW - 7 * DAY);
    expect(await bed.store.transaction((tx) => tx.checkResults.prunedBefore())).toBe(NOW - 7 * DAY);
    // 5-minute buckets are kept nine days, hourly ones for good.
    const old5m = await bed.store.transaction((tx) => tx.checkRollups.list('crm-web', 5 * MIN, START, NOW - 9 * DAY));
    expect(old5m).toEqual([]);
    const recent5m = await bed.store.transaction((tx) =>
      tx.checkRollups.list('crm-web', 5 * MIN, NOW - 2 * DAY, NOW - 2 * DAY + H),
    );
    expect(recent5m.map((b) => b.degraded)).toEqual([5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0]);
  });

  it('gives availability per check, asset, site and client over ten days, across rollups and raw results', async () => {
    const over = { from: START, to: NOW };
    const crm = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'check', id: 'crm-web', ...over });
    expect(crm).toMatchObject({ up: 14_250, degraded: 30, down: 120, total: 14_400 });
    expect(crm.availability).toBeCloseTo(14_280 / 14_400, 12);
    expect(crm.upRatio).toBeCloseTo(14_250 / 14_400, 12);

    const serveur = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'asset', id: 'serveur', ...over });
    expect(serveur).toMatchObject({ down: 12, total: 2_880 });
    expect(serveur.availability).toBeCloseTo(2_868 / 2_880, 12);

    const principal = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'site', id: 'principal', ...over });
    expect(principal.checks.map((c) => c.checkId)).toEqual(['crm-web', 'serveur-ping']);
    expect(principal.availability).toBeCloseTo((14_280 / 14_400 + 2_868 / 2_880) / 2, 12);

    const ocm = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'client', id: 'ocm', ...over });
    expect(ocm.checks.map((c) => c.checkId)).toEqual(['crm-web']);
    const autre = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'client', id: 'autre', ...over });
    expect(autre.availability).toBeCloseTo(0.9, 12);
    const secours = await readAvailability(ctx(), SYSTEM_ACTOR, { scope: 'site', id: 'secours', ...over });
    expect(secours).toMatchObject({ down: 144, total: 1_440 });
  });

  it('counts the last hours exactly, rolled-up hours and raw minutes together', async () => {
    const lastHours = await readAvailability(ctx(), SYSTEM_ACTOR, {
      scope: 'check',
      id: 'serveur-ping',
      from: NOW - 3 * H,
      to: NOW,
    });
    expect(lastHours).toMatchObject({ up: 24, down: 12, total: 36 });
    // Ragged edges inside the raw results are exact to the result.
    const ragged = await readAvailability(ctx(), SYSTEM_ACTOR, {
      scope: 'check',
      id: 'crm-web',
      from: NOW - 2 * DAY - 10 * MIN,
      to: NOW - 2 * DAY + 20 * MIN,
    });
    expect(ragged).toMatchObject({ up: 10, degraded: 20, down: 0 });
    // Beyond the raw results kept, an edge counts its whole hour.
    const old = await readAvailability(ctx(), SYSTEM_ACTOR, {
      scope: 'check',
      id: 'crm-web',
      from: NOW - 8 * DAY - 30 * MIN,
      to: NOW - 6 * DAY + 17 * MIN,
    });
    expect(old.total).toBe(60 + 2 * 1440 + 17);
  });

  it('serves results raw over a day, per 5 minutes over a month, per hour beyond', async () => {
    const raw = await readCheckResults(ctx(), SYSTEM_ACTOR, {
      checkId: 'autre-web',
      from: NOW - 2 * H,
      resolution: 'auto',
    });
    expect(raw.resolution).toBe('raw');
    if (raw.resolution !== 'raw') return;
    expect(raw.results).toHaveLength(12);
    expect(raw.results.every((r) => r.status === 'down')).toBe(true);

    const twoDays = await readCheckResults(ctx(), SYSTEM_ACTOR, {
      checkId: 'crm-web',
      from: NOW - 2 * DAY,
      resolution: 'auto',
    });
    expect(twoDays.resolution).toBe('5m');
    if (twoDays.resolution === 'raw') return;
    expect(twoDays.buckets).toHaveLength(576);
    expect(twoDays.buckets.reduce((n, b) => n + b.up + b.degraded + b.down, 0)).toBe(2_880);
    expect(twoDays.buckets[0]).toMatchObject({ degraded: 5, latencyAvgMs: 12.5, latencyMaxMs: 12.5 });

    const longer = await readCheckResults(ctx(), SYSTEM_ACTOR, {
      checkId: 'crm-web',
      from: NOW - 40 * DAY,
      resolution: 'auto',
    });
    expect(longer.resolution).toBe('1h');
    if (longer.resolution === 'raw') return;
    expect(longer.buckets).toHaveLength(240);
    expect(longer.buckets.reduce((n, b) => n + b.down, 0)).toBe(120);
  });

  it('changes nothing when run again', async () => {
    const before = await bed.store.transaction((tx) => tx.checkRollups.count(['crm-web'], H, START, NOW));
    await runMonitoringMaintenance(bed.store, NOW, RETENTION);
    await runMonitoringMaintenance(bed.store, NOW, RETENTION);
    expect(await bed.store.transaction((tx) => tx.checkRollups.count(['crm-web'], H, START, NOW))).toEqual(before);
  });
});
