import type { Kysely, Selectable } from 'kysely';
import type { Job, JobKind, JobRepository } from '@vigie/core';
import type { Dialect } from '../connect';
import type { Database, JobsTable } from '../schema';
import { readJson } from './json';

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind as JobKind,
    incidentId: row.incident_id,
    runAt: row.run_at,
    payload: readJson<Record<string, unknown>>(row.payload),
    status: row.status as Job['status'],
    attempts: row.attempts,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}

export function jobRepository(db: Kysely<Database>, dialect: Dialect): JobRepository {
  return {
    async schedule(job) {
      const result = await db
        .insertInto('jobs')
        .values({
          id: job.id,
          key: job.key,
          kind: job.kind,
          incident_id: job.incidentId,
          run_at: job.runAt,
          payload: JSON.stringify(job.payload),
          status: 'pending',
          attempts: 0,
          locked_until: null,
          last_error: null,
          created_at: job.createdAt,
          done_at: null,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async cancelPending(incidentId, kinds, at) {
      if (!kinds.length) return 0;
      const result = await db
        .updateTable('jobs')
        .set({ status: 'cancelled', done_at: at })
        .where('incident_id', '=', incidentId)
        .where('status', '=', 'pending')
        .where('kind', 'in', [...kinds])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async claimDue(now, limit, leaseUntil) {
      let due = db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at')
        .limit(limit);
      // Several nodes claim at once on PostgreSQL: each skips the rows another has locked.
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('jobs')
        .set({ locked_until: leaseUntil })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toJob).sort((a, b) => a.runAt - b.runAt);
    },
    async complete(id, at) {
      await db
        .updateTable('jobs')
        .set({ status: 'done', done_at: at, locked_until: null })
        .where('id', '=', id)
        .execute();
    },
    async retry(id, runAt, error) {
      await db
        .updateTable('jobs')
        .set((eb) => ({ run_at: runAt, last_error: error, locked_until: null, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
    async fail(id, at, error) {
      await db
        .updateTable('jobs')
        .set({ status: 'failed', done_at: at, last_error: error, locked_until: null })
        .where('id', '=', id)
        .execute();
    },
    async nextRunAt() {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min<number | null>('run_at').as('at'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
    },
    async pendingFor(incidentId, kinds) {
      let query = db
        .selectFrom('jobs')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where('status', '=', 'pending');
      if (kinds?.length) query = query.where('kind', 'in', [...kinds]);
      return (await query.orderBy('run_at').execute()).map(toJob);
    },
    async extendClaims(ids, leaseUntil) {
      for (let i = 0; i < ids.length; i += 500) {
        await db
          .updateTable('jobs')
          .set({ locked_until: leaseUntil })
          .where('id', 'in', ids.slice(i, i + 500))
          .where('status', '=', 'pending')
          .where('locked_until', 'is not', null)
          .execute();
      }
    },
    async releaseClaims() {
      const result = await db
        .updateTable('jobs')
        .set({ locked_until: null })
        .where('status', '=', 'pending')
        .where('locked_until', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async countPending() {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
