import type { Kysely, Selectable } from 'kysely';
import { AgentReportSchema } from '@vigie/contract';
import type {
  AgentRecord,
  AgentReportRecord,
  AgentReportRepository,
  AgentRepository,
  AgentTaskRecord,
  AgentTaskRepository,
} from '@vigie/core';
import type { AgentReportsTable, AgentsTable, AgentTasksTable, Database } from '../schema';
import { readJson } from './json';

function toAgent(row: Selectable<AgentsTable>): AgentRecord {
  return {
    id: row.id,
    name: row.name,
    assets: readJson<string[]>(row.assets),
    tokenHash: row.token_hash,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    lastReportAt: row.last_report_at,
    reportIntervalMs: row.report_interval_ms,
    revokedAt: row.revoked_at,
    silenceFedAt: row.silence_fed_at,
  };
}

function toTask(row: Selectable<AgentTasksTable>): AgentTaskRecord {
  return {
    id: row.id,
    agentId: row.agent_id,
    assetId: row.asset_id,
    action: row.action,
    timeoutMs: row.timeout_ms,
    ref: row.ref,
    status: row.status as AgentTaskRecord['status'],
    queuedBy: row.queued_by,
    queuedAt: row.queued_at,
    sentAt: row.sent_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    output: row.output,
    outputTruncated: row.output_truncated === 1,
    message: row.message,
  };
}

function toReport(row: Selectable<AgentReportsTable>): AgentReportRecord {
  // Reports were checked on the way in; a stored one that no longer parses is a bug worth a loud error.
  return { agentId: row.agent_id, receivedAt: row.received_at, report: AgentReportSchema.parse(JSON.parse(row.body)) };
}

export function agentRepository(db: Kysely<Database>): AgentRepository {
  return {
    async insert(agent) {
      await db
        .insertInto('agents')
        .values({
          id: agent.id,
          name: agent.name,
          assets: JSON.stringify(agent.assets),
          token_hash: agent.tokenHash,
          enrolled_by: agent.enrolledBy,
          enrolled_at: agent.enrolledAt,
          last_seen_at: agent.lastSeenAt,
          last_report_at: agent.lastReportAt,
          report_interval_ms: agent.reportIntervalMs,
          revoked_at: agent.revokedAt,
          silence_fed_at: agent.silenceFedAt,
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAgent(row);
    },
    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('agents').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toAgent(row);
    },
    async list() {
      return (await db.selectFrom('agents').selectAll().orderBy('id').execute()).map(toAgent);
    },
    async serving(assetId) {
      // Assets are a short JSON list per agent, and agents are tens: filtering here stays portable.
      const rows = await db.selectFrom('agents').selectAll().where('revoked_at', 'is', null).orderBy('id').execute();
      return rows.map(toAgent).filter((agent) => agent.assets.includes(assetId));
    },
    async touch(id, at) {
      await db.updateTable('agents').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    async recordReport(id, at, intervalMs) {
      await db
        .updateTable('agents')
        .set({ last_seen_at: at, last_report_at: at, report_interval_ms: intervalMs, silence_fed_at: null })
        .where('id', '=', id)
        .execute();
    },
    async revoke(id, at) {
      await db.updateTable('agents').set({ revoked_at: at }).where('id', '=', id).execute();
    },
    async claimSilence(id, at, since) {
      const result = await db
        .updateTable('agents')
        .set({ silence_fed_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('silence_fed_at', 'is', null), eb('silence_fed_at', '<=', since)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export function agentTaskRepository(db: Kysely<Database>): AgentTaskRepository {
  return {
    async insert(task) {
      await db
        .insertInto('agent_tasks')
        .values({
          id: task.id,
          agent_id: task.agentId,
          asset_id: task.assetId,
          action: task.action,
          timeout_ms: task.timeoutMs,
          ref: task.ref,
          status: task.status,
          queued_by: task.queuedBy,
          queued_at: task.queuedAt,
          sent_at: task.sentAt,
          finished_at: task.finishedAt,
          exit_code: task.exitCode,
          output: task.output,
          output_truncated: task.outputTruncated ? 1 : 0,
          message: task.message,
        })
        .execute();
    },
    async findById(id) {
      const row = await db.selectFrom('agent_tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toTask(row);
    },
    async queued(agentId, limit) {
      const rows = await db
        .selectFrom('agent_tasks')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('status', '=', 'queued')
        .orderBy('queued_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toTask);
    },
    async agentsWithQueued(agentIds) {
      if (agentIds.length === 0) return [];
      const rows = await db
        .selectFrom('agent_tasks')
        .select('agent_id')
        .distinct()
        .where('status', '=', 'queued')
        .where('agent_id', 'in', [...agentIds])
        .execute();
      return rows.map((r) => r.agent_id);
    },
    async markSent(id, at) {
      const result = await db
        .updateTable('agent_tasks')
        .set({ status: 'sent', sent_at: at })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async finish(id, outcome) {
      const result = await db
        .updateTable('agent_tasks')
        .set({
          status: outcome.status,
          finished_at: outcome.finishedAt,
          exit_code: outcome.exitCode,
          output: outcome.output,
          output_truncated: outcome.outputTruncated ? 1 : 0,
          message: outcome.message,
        })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'sent'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listForAgent(agentId, limit) {
      const rows = await db
        .selectFrom('agent_tasks')
        .selectAll()
        .where('agent_id', '=', agentId)
        .orderBy('queued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toTask);
    },
  };
}

export function agentReportRepository(db: Kysely<Database>): AgentReportRepository {
  return {
    async insert({ agentId, receivedAt, report }) {
      const result = await db
        .insertInto('agent_reports')
        .values({
          agent_id: agentId,
          report_id: report.id,
          seq: report.seq,
          at: report.at,
          received_at: receivedAt,
          body: JSON.stringify(report),
        })
        .onConflict((oc) => oc.columns(['agent_id', 'report_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async latest(agentId, before) {
      let query = db.selectFrom('agent_reports').selectAll().where('agent_id', '=', agentId);
      if (before !== undefined) query = query.where('at', '<', before);
      const row = await query.orderBy('at', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row && toReport(row);
    },
    async list(agentId, from, to, limit) {
      const rows = await db
        .selectFrom('agent_reports')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('at', '>=', from)
        .where('at', '<', to)
        .orderBy('at')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toReport);
    },
    async prune(agentId, keep) {
      const edge = await db
        .selectFrom('agent_reports')
        .select('at')
        .where('agent_id', '=', agentId)
        .orderBy('at', 'desc')
        .offset(keep - 1)
        .limit(1)
        .executeTakeFirst();
      if (!edge) return 0;
      const result = await db
        .deleteFrom('agent_reports')
        .where('agent_id', '=', agentId)
        .where('at', '<', edge.at)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The agents' repositories, for `repositoriesFor`. */
export function agentRepositories(db: Kysely<Database>) {
  return {
    agents: agentRepository(db),
    agentTasks: agentTaskRepository(db),
    agentReports: agentReportRepository(db),
  };
}
