import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activatePlan,
  enrolAgent,
  expireAgentTask,
  feedSilentAgents,
  queueAgentTask,
  recordAgentReports,
  recordTaskResult,
  SYSTEM_ACTOR,
  takeAgentTasks,
  type AgentContext,
  type AgentIdentity,
  type Job,
} from '@vigie/core';
import type { AgentReport, AgentTaskResult } from '@vigie/contract';
import { kyselyStore } from '../db/kysely-store';
import { ManualClock, testRandomness } from '../testing/factories';
import { SEED_PLAN_TEXT } from '../testing/test-app';
import { createMigratedDatabase, DIALECTS } from '../testing/test-databases';
import { PlanCatalog } from '../plan-catalog';

const START = Date.UTC(2026, 0, 5, 8, 0, 0);

describe.each(DIALECTS)('agent verbs on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let ctx: AgentContext & { clock: ManualClock };
  const fed: { checkId: string; status: string; message: string }[] = [];
  const woken: string[] = [];

  beforeAll(async () => {
    database = await createMigratedDatabase(dialect);
    const store = kyselyStore(database.handle.db, database.handle.dialect);
    ctx = {
      store,
      clock: new ManualClock(START),
      random: testRandomness,
      plans: new PlanCatalog(store),
      agentWork: { taskQueued: (id) => woken.push(id) },
      feedCheck: async (checkId, result) => {
        fed.push({ checkId, status: result.status, message: result.message });
      },
    };
    // In English: the results of the checks fed are told in the plan's language.
    const text = SEED_PLAN_TEXT.replace('\nlanguage: fr\n', '\nlanguage: en\n');
    await activatePlan(ctx, SYSTEM_ACTOR, { fileName: 'plan.yaml', text });
  });
  afterAll(() => database.dispose());

  let seq = 0;
  const report = (agentId: string, changes: Partial<AgentReport> = {}): AgentReport => ({
    id: testRandomness.id(),
    seq: ++seq,
    at: ctx.clock.now(),
    agentId,
    hostname: agentId,
    platform: 'win32',
    assets: [],
    intervalMs: 60_000,
    uptimeMs: 1,
    cpu: { cores: 2, usedPercent: 5, load1: null },
    memory: { totalBytes: 8e9, availableBytes: 4e9, usedPercent: 50 },
    disks: [{ path: 'C:', totalBytes: 100e9, freeBytes: 10e9, freePercent: 10 }],
    services: [{ name: 'Onnet32Slave', driver: 'windows', state: 'running', detail: 'RUNNING' }],
    usbStorage: { state: 'disabled', evidence: 'USBSTOR Start = 4' },
    backups: [],
    actions: [],
    ...changes,
  });
  const result = (status: AgentTaskResult['status']): AgentTaskResult => ({
    status,
    exitCode: status === 'succeeded' ? 0 : null,
    output: '',
    outputTruncated: false,
    message: status,
    startedAt: ctx.clock.now(),
    finishedAt: ctx.clock.now(),
  });
  const jobOf = (taskId: string, suffix: string): Job => ({
    id: testRandomness.id(),
    key: `agent.task-timeout:${taskId}:${suffix}`,
    kind: 'agent.task-timeout',
    incidentId: null,
    runAt: ctx.clock.now(),
    payload: { taskId },
    status: 'pending',
    attempts: 0,
    lockedUntil: null,
    lastError: null,
    createdAt: ctx.clock.now(),
    doneAt: null,
  });

  let hmp: AgentIdentity;

  it('judges each new report against the checks the agent feeds, and ignores one sent again', async () => {
    const enrolled = await enrolAgent(ctx, SYSTEM_ACTOR, { id: 'hmp', name: 'HMP', assets: ['serveur-hmp'] });
    hmp = { id: 'hmp', name: 'HMP', assets: enrolled.agent.assets };
    const first = report('hmp');
    const answer = await recordAgentReports(ctx, hmp, { reports: [first] });
    expect(answer).toMatchObject({ accepted: 1, duplicates: 0 });
    // hmp-disque (15 % minimum) and onnet32-service read serveur-hmp.
    expect(fed.map((f) => [f.checkId, f.status])).toEqual([
      ['onnet32-service', 'up'],
      ['hmp-disque', 'down'],
    ]);
    fed.length = 0;
    expect(await recordAgentReports(ctx, hmp, { reports: [first] })).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(fed).toEqual([]);
  });

  it('refuses a report of another agent sent with this token', async () => {
    await expect(recordAgentReports(ctx, hmp, { reports: [report('other')] })).rejects.toThrow(
      /came with the token of agent hmp/,
    );
  });

  it('queues for the agent serving the asset, wakes it, and hands a task out once', async () => {
    await expect(
      queueAgentTask(ctx, { assetId: 'onduleur', action: 'reboot', timeoutMs: 60_000, ref: null }),
    ).rejects.toThrow(/no agent serves the asset onduleur/);
    const task = await queueAgentTask(ctx, {
      assetId: 'serveur-hmp',
      action: 'archive-audio',
      timeoutMs: 60_000,
      ref: 'run-1',
    });
    expect(task).toMatchObject({ agentId: 'hmp', status: 'queued', ref: 'run-1' });
    expect(woken).toEqual(['hmp']);
    expect(await takeAgentTasks(ctx, 'hmp')).toEqual([{ id: task.id, action: 'archive-audio', timeoutMs: 60_000 }]);
    expect(await takeAgentTasks(ctx, 'hmp')).toEqual([]);
  });

  it('records a result once, schedules agent.task-done with it, and takes the same result again quietly', async () => {
    const task = await queueAgentTask(ctx, { assetId: 'serveur-hmp', action: 'x', timeoutMs: 60_000, ref: null });
    await expect(recordTaskResult(ctx, hmp, task.id, result('succeeded'))).rejects.toThrow(/never sent/);
    await takeAgentTasks(ctx, 'hmp');
    await expect(recordTaskResult(ctx, { ...hmp, id: 'someone-else' }, task.id, result('succeeded'))).rejects.toThrow(
      /no task/,
    );
    expect(await recordTaskResult(ctx, hmp, task.id, result('succeeded'))).toEqual({
      id: task.id,
      status: 'succeeded',
    });
    expect(await recordTaskResult(ctx, hmp, task.id, result('succeeded'))).toEqual({
      id: task.id,
      status: 'succeeded',
    });
    await expect(recordTaskResult(ctx, hmp, task.id, result('failed'))).rejects.toThrow(/already ended: succeeded/);
    const jobs = await database.handle.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', `agent.task-done:${task.id}`)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ taskId: task.id });
  });

  it('times a task out only past its limit and grace, from when it was sent', async () => {
    const task = await queueAgentTask(ctx, { assetId: 'serveur-hmp', action: 'y', timeoutMs: 10_000, ref: null });
    ctx.clock.advance(20_000);
    await takeAgentTasks(ctx, 'hmp');
    // The job set at queueing time finds the task sent since: its own deadline is later.
    await expireAgentTask(ctx, jobOf(task.id, 'queued'));
    expect((await ctx.store.transaction((tx) => tx.agentTasks.findById(task.id)))?.status).toBe('sent');
    ctx.clock.advance(25_001);
    await expireAgentTask(ctx, jobOf(task.id, 'sent'));
    const expired = await ctx.store.transaction((tx) => tx.agentTasks.findById(task.id));
    expect(expired).toMatchObject({ status: 'timeout', message: 'no result from agent hmp within 10 s' });
    await expect(recordTaskResult(ctx, hmp, task.id, result('succeeded'))).rejects.toThrow(/already ended: timeout/);
  });

  it('feeds the checks of a silent agent once per interval', async () => {
    fed.length = 0;
    await recordAgentReports(ctx, hmp, { reports: [report('hmp')] });
    fed.length = 0;
    ctx.clock.advance(3 * 60_000);
    expect(await feedSilentAgents(ctx)).toEqual([]);
    ctx.clock.advance(1_000);
    const first = await feedSilentAgents(ctx);
    expect(first.map((f) => [f.checkId, f.result.status])).toEqual([
      ['onnet32-service', 'down'],
      ['hmp-disque', 'down'],
    ]);
    expect(first[0]!.result.message).toBe('agent HMP silent: no report for 3 min (expected every 60 s)');
    expect(await feedSilentAgents(ctx)).toEqual([]);
    ctx.clock.advance(60_000);
    expect(await feedSilentAgents(ctx)).toHaveLength(2);
  });

  it('reads the latest report made before a time, its backup folders with it', async () => {
    const sql = await enrolAgent(ctx, SYSTEM_ACTOR, { id: 'sql', name: 'SQL', assets: ['serveur-sql'] });
    const made = ctx.clock.now();
    const folder = (hoursAgo: number) => ({
      name: 'sql-nightly',
      path: 'D:\\Backups\\SQL',
      pattern: '*.bak',
      files: 3,
      newest: { file: `crm-${hoursAgo}.bak`, sizeBytes: 2e9, modifiedAt: made - hoursAgo * 3_600_000 },
    });
    const identity = { id: 'sql', name: 'SQL', assets: sql.agent.assets };
    const first = report('sql', { backups: [folder(20)] });
    await recordAgentReports(ctx, identity, { reports: [first] });
    ctx.clock.advance(60_000);
    const second = report('sql', { backups: [folder(1)] });
    await recordAgentReports(ctx, identity, { reports: [second] });
    const [latest, before, none] = await ctx.store.transaction(async (tx) => [
      await tx.agentReports.latest('sql'),
      await tx.agentReports.latest('sql', second.at),
      await tx.agentReports.latest('sql', first.at),
    ]);
    expect(latest?.report.id).toBe(second.id);
    expect(before?.report).toMatchObject({ id: first.id, backups: [folder(20)] });
    expect(none).toBeUndefined();
  });

  it('keeps a bounded history of reports', async () => {
    const many = Array.from({ length: 100 }, () => {
      ctx.clock.advance(1);
      return report('hmp');
    });
    for (let i = 0; i < 11; i++) {
      await recordAgentReports(ctx, hmp, {
        reports: many.map((r) => ({ ...r, id: testRandomness.id(), seq: ++seq, at: r.at + i * 1_000 })),
      });
    }
    const count = await database.handle.db
      .selectFrom('agent_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agent_id', '=', 'hmp')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeLessThanOrEqual(1_000);
    expect(Number(count.n)).toBeGreaterThanOrEqual(990);
  });
});
