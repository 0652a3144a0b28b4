import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Signal } from '@vigie/core';
import { openDatabase, type DatabaseHandle } from '../connect';
import { migrateToLatest } from '../migrate';
import { signalRepository } from '../repositories/detection';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../testing/test-databases';
import { migrationProvider } from './index';

describe.each(DIALECTS)('migration 009 on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('keys the live signals written before it: found by their source, refreshed by a repeat', async () => {
    database = await createTestDatabase(dialect);
    handle = openDatabase(database.url);
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    expect((await migrator.migrateTo('008-live-signals-of-incident')).error).toBeUndefined();
    const row = (id: string, source: string, threat: string, live: number) => ({
      id,
      source,
      threat_id: threat,
      asset_id: null,
      state: 'down',
      message: `${source} ${threat}`,
      first_at: 1_000,
      last_at: 1_000,
      status: live ? 'attached' : 'recovered',
      live,
      incident_id: null,
      recovered_at: live ? null : 2_000,
      data: '{}',
    });
    await handle.db
      .insertInto('signals')
      .values([
        row('alert-live', 'alert:bcd47ec2534e75bc', 'espace-hmp', 1),
        row('sql-live-1', 'check:sql-connexion', 'arret-service', 1),
        row('sql-live-2', 'check:sql-connexion', 'acces-serveurs', 1),
        row('crm-over', 'check:crm-web', 'deconnexion-crm', 0),
      ])
      .execute();

    expect(await migrateToLatest(handle)).toContain('009-live-signal-keys');
    const signals = signalRepository(handle.db, dialect);

    const found = await signals.liveFromSources(['check:sql-connexion', 'alert:bcd47ec2534e75bc', 'check:crm-web']);
    expect(found.map((s) => s.id).sort()).toEqual(['alert-live', 'sql-live-1', 'sql-live-2']);

    const fresh = (id: string, source: Signal['source'], threatId: string, at: number): Signal => ({
      id,
      source,
      threatId,
      assetId: null,
      state: 'down',
      message: 'again',
      firstAt: at,
      lastAt: at,
      status: 'pending',
      incidentId: null,
      recoveredAt: null,
      data: {},
    });
    // A repeat of a signal written before the migration refreshes it; a source whose signal
    // is over starts a new one.
    const inserted = await signals.recordLive([
      fresh('alert-again', 'alert:bcd47ec2534e75bc', 'espace-hmp', 120_000),
      fresh('crm-again', 'check:crm-web', 'deconnexion-crm', 120_000),
    ]);
    expect([...inserted]).toEqual(['crm-again']);
    const rows = await handle.db.selectFrom('signals').select(['id', 'last_at', 'live']).orderBy('id').execute();
    expect(rows.map((r) => ({ ...r, last_at: Number(r.last_at) }))).toEqual([
      { id: 'alert-live', last_at: 120_000, live: 1 },
      { id: 'crm-again', last_at: 120_000, live: 1 },
      { id: 'crm-over', last_at: 1_000, live: 0 },
      { id: 'sql-live-1', last_at: 1_000, live: 1 },
      { id: 'sql-live-2', last_at: 1_000, live: 1 },
    ]);
  });
});
