import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import {
  isLive,
  LAST_REPORT_RESOLUTION_MS,
  type MaintenanceRepository,
  type Signal,
  type SignalPage,
  type SignalRepository,
  type UnmatchedAlertRepository,
  type SignalSource,
  type SignalStatus,
} from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database, SignalsTable } from '../schema';
import { BatchStatement } from './batch-statement';
import { readJson } from './json';
import { liveSignalKey, liveSignalKeys } from './live-signal-key';

function toSignal(row: Selectable<SignalsTable>): Signal {
  return {
    id: row.id,
    source: row.source as SignalSource,
    threatId: row.threat_id,
    assetId: row.asset_id,
    state: row.state,
    message: row.message,
    firstAt: row.first_at,
    lastAt: row.last_at,
    status: row.status as SignalStatus,
    incidentId: row.incident_id,
    recoveredAt: row.recovered_at,
    data: readJson<Record<string, unknown>>(row.data),
  };
}

function toRow(signal: Signal): Selectable<SignalsTable> {
  return {
    id: signal.id,
    source: signal.source,
    threat_id: signal.threatId,
    asset_id: signal.assetId,
    state: signal.state,
    message: signal.message,
    first_at: signal.firstAt,
    last_at: signal.lastAt,
    status: signal.status,
    live: isLive(signal) ? 1 : 0,
    incident_id: signal.incidentId,
    recovered_at: signal.recoveredAt,
    data: JSON.stringify(signal.data),
    live_key: liveSignalKey(signal.source, signal.threatId),
  };
}

/** Rows per statement: well under SQLite's limit on bound parameters. */
const CHUNK = 500;

/** Signals recovered per statement: three parameters each. */
const RECOVERIES_PER_STATEMENT = 250;

const SIGNAL_COLUMNS = [
  'id',
  'source',
  'threat_id',
  'asset_id',
  'state',
  'message',
  'first_at',
  'last_at',
  'status',
  'live',
  'incident_id',
  'recovered_at',
  'data',
  'live_key',
] as const satisfies readonly (keyof SignalsTable)[];

/**
 * Inserts rows unless their source has a live signal for their threat (the partial unique
 * index of their keys), moving that one's last time instead when it is a minute later or
 * more (a repeat sooner writes nothing: no page of the table changes); returns the ids of
 * the rows touched.
 */
const RECORD_LIVE = new BatchStatement({
  into: `insert into signals (${SIGNAL_COLUMNS.join(', ')})`,
  columns: SIGNAL_COLUMNS.length,
  tail:
    'on conflict (live_key) where live = 1 do update set last_at = excluded.last_at' +
    ` where excluded.last_at >= signals.last_at + ${LAST_REPORT_RESOLUTION_MS} returning id`,
  sizes: [256, 64, 16, 4, 1],
});

/** Lists the threats of these signals among those that ever had one (see `liveFromSources`). */
async function recordThreats(db: Kysely<Database>, signals: readonly Signal[]): Promise<void> {
  const threats = [...new Set(signals.map((s) => s.threatId))];
  if (!threats.length) return;
  await db
    .insertInto('signal_threats')
    .values(threats.map((threat_id) => ({ threat_id })))
    .onConflict((oc) => oc.column('threat_id').doNothing())
    .execute();
}

/** A page of signals, oldest first (then by id, so that pages neither overlap nor skip). */
function oldestFirst(
  query: SelectQueryBuilder<Database, 'signals', Selectable<SignalsTable>>,
  { limit, offset }: SignalPage,
) {
  return query.orderBy('first_at').orderBy('id').limit(limit).offset(offset);
}

export function signalRepository(db: Kysely<Database>, dialect: Dialect): SignalRepository {
  return {
    async recordLive(signals) {
      await recordThreats(db, signals);
      const touched = await RECORD_LIVE.run<Signal, { id: string }>(db, dialect, signals, (signal) => {
        const row = toRow(signal);
        return SIGNAL_COLUMNS.map((column) => row[column]);
      });
      // A repeat answers with the id of the live signal it refreshed, never one of these.
      const inserted = new Set(touched.map(({ id }) => id));
      return new Set(signals.filter((s) => inserted.has(s.id)).map((s) => s.id));
    },
    async liveFromSources(sources) {
      // A source's live signals are under its key for one threat or another.
      const threats = (await db.selectFrom('signal_threats').select('threat_id').execute()).map((r) => r.threat_id);
      const keys = sources.flatMap((source) => liveSignalKeys(source, threats));
      const wanted = new Set<string>(sources);
      const found: Signal[] = [];
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await db
          .selectFrom('signals')
          .selectAll()
          .where('live', '=', 1)
          .where('live_key', 'in', keys.slice(i, i + CHUNK))
          .execute();
        // Two pairs sharing a 64-bit key are as unlikely as two alerts sharing a fingerprint; the texts decide.
        for (const row of rows) if (wanted.has(row.source)) found.push(toSignal(row));
      }
      return found;
    },
    async update(signal) {
      const { id: _id, ...changes } = toRow(signal);
      await db.updateTable('signals').set(changes).where('id', '=', signal.id).execute();
    },
    async raise(ids, status, incidentId) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await db
          .updateTable('signals')
          .set({ status, incident_id: incidentId })
          .where('id', 'in', ids.slice(i, i + CHUNK))
          .execute();
      }
    },
    async recover(recoveries, at) {
      // One statement for many signals, each its own message: `case id when … then … end`.
      for (let i = 0; i < recoveries.length; i += RECOVERIES_PER_STATEMENT) {
        const chunk = recoveries.slice(i, i + RECOVERIES_PER_STATEMENT);
        const messages = sql<string>`case id ${sql.join(
          chunk.map(({ id, message }) => sql`when ${id} then ${message}`),
          sql` `,
        )} end`;
        await db
          .updateTable('signals')
          .set({ status: 'recovered', live: 0, recovered_at: at, message: messages })
          .where(
            'id',
            'in',
            chunk.map(({ id }) => id),
          )
          .execute();
      }
    },
    async anyLiveForIncident(incidentId) {
      const row = await db
        .selectFrom('signals')
        .select('id')
        .where('incident_id', '=', incidentId)
        .where('live', '=', 1)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async live(page) {
      return (await oldestFirst(db.selectFrom('signals').selectAll().where('live', '=', 1), page).execute()).map(
        toSignal,
      );
    },
    async pending({ firstAtUntil, limit, after }) {
      let query = db
        .selectFrom('signals')
        .selectAll()
        // The terms of the partial index `signals_pending`, written out as it writes them.
        .where(sql<boolean>`status = 'pending'`)
        .where('first_at', '<=', firstAtUntil);
      if (after)
        query = query.where((eb) =>
          eb.or([
            eb('first_at', '>', after.firstAt),
            eb.and([eb('first_at', '=', after.firstAt), eb('id', '>', after.id)]),
          ]),
        );
      return (await query.orderBy('first_at').orderBy('id').limit(limit).execute()).map(toSignal);
    },
    async liveAssets() {
      // Signals name one asset each: grouped by the database, however many.
      const grouped = await db
        .selectFrom('signals')
        .select(['asset_id', 'incident_id', (eb) => eb.fn.max('first_at').as('latest')])
        .where('live', '=', 1)
        .groupBy(['asset_id', 'incident_id'])
        .execute();
      // A combination's (`rule:…`) lists the assets of its failing checks in its data: few, read whole.
      const listing = await db
        .selectFrom('signals')
        .select(['asset_id', 'incident_id', 'first_at as latest', 'data'])
        // The terms of the partial index `signals_live_rules`, written out as it writes them.
        .where(sql<boolean>`live = 1 and source >= 'rule:' and source < 'rule;'`)
        .execute();
      return [
        ...grouped.map((row) => ({ ...row, latest: Number(row.latest), data: {} })),
        ...listing.map((row) => ({ ...row, data: readJson<Record<string, unknown>>(row.data) })),
      ]
        .sort((a, b) => a.latest - b.latest)
        .map((row) => ({ assetId: row.asset_id, incidentId: row.incident_id, data: row.data }));
    },
    async forIncident(incidentId, page) {
      return (
        await oldestFirst(db.selectFrom('signals').selectAll().where('incident_id', '=', incidentId), page).execute()
      ).map(toSignal);
    },
  };
}

export function maintenanceRepository(db: Kysely<Database>): MaintenanceRepository {
  const toWindow = (row: Selectable<Database['maintenance_windows']>) => ({
    id: row.id,
    scope: row.scope === 'site' ? ('site' as const) : ('asset' as const),
    targetId: row.target_id,
    from: row.starts_at,
    to: row.ends_at,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  });
  return {
    async insert(window) {
      await db
        .insertInto('maintenance_windows')
        .values({
          id: window.id,
          scope: window.scope,
          target_id: window.targetId,
          starts_at: window.from,
          ends_at: window.to,
          reason: window.reason,
          created_by: window.createdBy,
          created_at: window.createdAt,
        })
        .execute();
    },
    async delete(id) {
      const result = await db.deleteFrom('maintenance_windows').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async overlapping(from, to) {
      return (
        await db
          .selectFrom('maintenance_windows')
          .selectAll()
          .where('starts_at', '<', to)
          .where('ends_at', '>', from)
          .execute()
      ).map(toWindow);
    },
    async list() {
      return (await db.selectFrom('maintenance_windows').selectAll().orderBy('starts_at', 'desc').execute()).map(
        toWindow,
      );
    },
  };
}

export function unmatchedAlertRepository(db: Kysely<Database>): UnmatchedAlertRepository {
  return {
    async record(groups, at, forgetBefore) {
      if (!groups.length) return;
      // Kinds not seen since are forgotten first: one that fires again starts afresh.
      await db.deleteFrom('unmatched_alerts').where('last_at', '<', forgetBefore).execute();
      await db
        .insertInto('unmatched_alerts')
        .values(
          groups.map((group) => ({
            key: group.key,
            alertname: group.alertname,
            threat_label: group.threatLabel,
            reason: group.reason,
            count: group.count,
            first_at: at,
            last_at: at,
            labels: JSON.stringify(group.labels),
            summary: group.summary,
          })),
        )
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            count: sql<number>`${eb.ref('unmatched_alerts.count')} + ${eb.ref('excluded.count')}`,
            last_at: eb.ref('excluded.last_at'),
            reason: eb.ref('excluded.reason'),
            labels: eb.ref('excluded.labels'),
            summary: eb.ref('excluded.summary'),
          })),
        )
        .execute();
    },
    async dismiss(key) {
      const result = await db.deleteFrom('unmatched_alerts').where('key', '=', key).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async seenSince(since, limit) {
      const rows = await db
        .selectFrom('unmatched_alerts')
        .selectAll()
        .where('last_at', '>=', since)
        .orderBy('last_at', 'desc')
        .orderBy('alertname')
        .orderBy('key')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        key: row.key,
        alertname: row.alertname,
        threatLabel: row.threat_label,
        reason: row.reason === 'unknown-threat' ? ('unknown-threat' as const) : ('no-rule' as const),
        count: row.count,
        firstAt: row.first_at,
        lastAt: row.last_at,
        labels: readJson<Record<string, string>>(row.labels),
        summary: row.summary,
      }));
    },
  };
}
