import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { labelFingerprint } from '@vigie/core';
import { openDatabase, type DatabaseHandle } from '../connect';
import { migrateToLatest } from '../migrate';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../testing/test-databases';
import { migrationProvider } from './index';

const LABELS = { alertname: 'HmpDiskFull', instance: 'hmp.principal.mediacontact.example:9182' };
// What the alert was called before: the first 16 hex digits of SHA-256 over "name=value" lines.
const FORMER = 'alert:b74838d3aca514bf';

describe.each(DIALECTS)('migration 007 on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('renames the live signals of alerts known by their labels, and nothing else', async () => {
    database = await createTestDatabase(dialect);
    handle = openDatabase(database.url);
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    expect((await migrator.migrateTo('006-runbooks')).error).toBeUndefined();
    const signal = (id: string, source: string, live: number) => ({
      id,
      source,
      threat_id: 'espace-hmp',
      asset_id: null,
      state: 'down',
      message: 'Disque plein',
      first_at: 1,
      last_at: 1,
      status: live ? 'attached' : 'recovered',
      live,
      incident_id: null,
      recovered_at: live ? null : 2,
      data: JSON.stringify({ labels: LABELS }),
    });
    await handle.db
      .insertInto('signals')
      .values([
        signal('live-by-labels', FORMER, 1),
        signal('live-by-sender-id', 'alert:hmp-disk-1', 1),
        signal('over', FORMER, 0),
      ])
      .execute();

    // From 006: this migration first, then any later one.
    expect((await migrateToLatest(handle)).slice(0, 1)).toEqual(['007-alert-fingerprints']);
    const sources = await handle.db.selectFrom('signals').select(['id', 'source']).orderBy('id').execute();
    expect(sources).toEqual([
      { id: 'live-by-labels', source: `alert:${labelFingerprint(LABELS)}` },
      { id: 'live-by-sender-id', source: 'alert:hmp-disk-1' },
      { id: 'over', source: FORMER },
    ]);
  });
});
