import type { Kysely, Selectable } from 'kysely';
import type { RunbookKind, RunbookRepository, RunbookRun, RunbookStepRecord, RunStatus, StepStatus } from '@vigie/core';
import type { Database, RunbookRunsTable, RunbookStepsTable } from '../schema';

function toRun(row: Selectable<RunbookRunsTable>): RunbookRun {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind as RunbookKind,
    title: row.title,
    status: row.status as RunStatus,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.started_by,
  };
}

function toStep(row: Selectable<RunbookStepsTable>): RunbookStepRecord {
  return {
    runId: row.run_id,
    index: row.idx,
    title: row.title,
    kind: row.kind === 'action' ? 'action' : 'manual',
    instructions: row.instructions,
    action: row.action,
    assetId: row.asset_id,
    approval: row.approval === 1,
    approvedBy: row.approved_by,
    timeoutMs: row.timeout_ms,
    retries: row.retries,
    status: row.status as StepStatus,
    attempts: row.attempts,
    taskId: row.task_id,
    output: row.output,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    doneBy: row.done_by,
  };
}

function stepRow(step: RunbookStepRecord): Selectable<RunbookStepsTable> {
  return {
    run_id: step.runId,
    idx: step.index,
    title: step.title,
    kind: step.kind,
    instructions: step.instructions,
    action: step.action,
    asset_id: step.assetId,
    approval: step.approval ? 1 : 0,
    approved_by: step.approvedBy,
    timeout_ms: step.timeoutMs,
    retries: step.retries,
    status: step.status,
    attempts: step.attempts,
    task_id: step.taskId,
    output: step.output,
    started_at: step.startedAt,
    finished_at: step.finishedAt,
    done_by: step.doneBy,
  };
}

export function runbookRepository(db: Kysely<Database>): RunbookRepository {
  return {
    async insertRun(run, steps) {
      await db
        .insertInto('runbook_runs')
        .values({
          id: run.id,
          incident_id: run.incidentId,
          kind: run.kind,
          title: run.title,
          status: run.status,
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          started_by: run.startedBy,
        })
        .execute();
      if (steps.length) await db.insertInto('runbook_steps').values(steps.map(stepRow)).execute();
    },
    async updateRun(run) {
      await db
        .updateTable('runbook_runs')
        .set({ status: run.status, finished_at: run.finishedAt })
        .where('id', '=', run.id)
        .execute();
    },
    async updateStep(step) {
      const { run_id: _run, idx: _idx, ...changes } = stepRow(step);
      await db
        .updateTable('runbook_steps')
        .set(changes)
        .where('run_id', '=', step.runId)
        .where('idx', '=', step.index)
        .execute();
    },
    async findRun(id) {
      const row = await db.selectFrom('runbook_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRun(row);
    },
    async steps(runId) {
      return (
        await db.selectFrom('runbook_steps').selectAll().where('run_id', '=', runId).orderBy('idx').execute()
      ).map(toStep);
    },
    async runsForIncident(incidentId) {
      return (
        await db
          .selectFrom('runbook_runs')
          .selectAll()
          .where('incident_id', '=', incidentId)
          .orderBy('started_at')
          .execute()
      ).map(toRun);
    },
    async stepForTask(taskId) {
      const row = await db.selectFrom('runbook_steps').selectAll().where('task_id', '=', taskId).executeTakeFirst();
      return row && toStep(row);
    },
  };
}
