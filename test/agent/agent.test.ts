import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDetail, AgentTaskView } from '@vigie/contract';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { AgentProcess, TestServer, waitFor } from './agent-harness';

/**
 * The seed plan, its agent checks made real: the disk of the temp folder, a local process for Onnet32;
 * in English, the language of the checks' messages these tests read.
 */
function planFor(disk: string, minFreePercent: number): string {
  const plan = SEED_PLAN_TEXT.replace('\nlanguage: fr\n', '\nlanguage: en\n')
    .replace(
      "options: { disk: 'C:', minFreePercent: 15 }\n    example: true",
      `options: { disk: '${disk}', minFreePercent: ${minFreePercent} }`,
    )
    .replace('options: { service: Onnet32Slave }\n    example: true', 'options: { service: onnet32 }')
    .replace(
      'options: { usbStorage: disabled }\n    every: 1h\n    example: true',
      'options: { usbStorage: disabled }',
    );
  if (plan === SEED_PLAN_TEXT) throw new Error('the seed plan changed: update planFor');
  return plan;
}

const checkOf = (detail: AgentDetail, id: string) => detail.checks.find((c) => c.checkId === id);

describe.each(DIALECTS)('agents on %s', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-agents-'));
  let server: TestServer;
  let principal: AgentProcess;
  let secours: AgentProcess;
  let principalToken = '';
  let secoursToken = '';
  let threshold = 0;

  const detail = async (id: string) => (await server.api<AgentDetail>('GET', `/api/v1/agents/${id}`)).body;
  const task = async (id: string) => (await server.api<AgentTaskView>('GET', `/api/v1/agent-tasks/${id}`)).body;
  const queue = async (assetId: string, action: string, timeoutMs = 30_000) => {
    const answer = await server.api<AgentTaskView>('POST', '/api/v1/agent-tasks', { assetId, action, timeoutMs });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const finished = (id: string) =>
    waitFor(`task ${id} to end`, async () => {
      const t = await task(id);
      return t.status === 'queued' || t.status === 'sent' ? undefined : t;
    });
  /** The check's state in the monitoring (its state machine, fed by the reports). */
  const monitored = (checkId: string, state: string) =>
    waitFor(`the monitoring to hold ${checkId} ${state}`, async () => {
      const row = await server
        .vigie!.database.db.selectFrom('check_states')
        .select('state')
        .where('check_id', '=', checkId)
        .executeTakeFirst();
      return row?.state === state ? true : undefined;
    });
  const onnet32Pid = () => {
    const text = readFileSync(join(principal.stateDir, 'processes', 'onnet32.pid'), 'utf8');
    return Number(text.trim());
  };

  beforeAll(async () => {
    // A threshold above the real free space of the temp folder's disk: its check must be down.
    const stats = await statfs(tmpdir());
    threshold = Math.min(99, Math.floor((stats.bavail / stats.blocks) * 100) + 5);
    server = await TestServer.create(dialect, planFor(tmpdir(), threshold));
  });

  afterAll(async () => {
    await principal?.stop();
    await secours?.stop();
    try {
      process.kill(onnet32Pid(), 'SIGKILL');
    } catch {
      // not running
    }
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrols an agent, shows its token once and stores only its hash', async () => {
    const enrolled = await server.api<{ token: string; agent: { id: string } }>('POST', '/api/v1/agents', {
      id: 'principal',
      name: 'Serveur HMP (site principal)',
      assets: ['serveur-hmp', 'service-onnet32-slave'],
    });
    expect(enrolled.status).toBe(201);
    principalToken = enrolled.body.token;
    expect(principalToken).toMatch(/^vga_/);
    const other = await server.api<{ token: string }>('POST', '/api/v1/agents', {
      id: 'secours',
      name: 'Serveurs du site de secours',
      assets: ['serveurs-secours', 'postes-agents'],
    });
    secoursToken = other.body.token;

    const row = await server
      .vigie!.database.db.selectFrom('agents')
      .selectAll()
      .where('id', '=', 'principal')
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(principalToken).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(principalToken);
    const list = await server.api('GET', '/api/v1/agents');
    expect(JSON.stringify(list.body)).not.toContain('vga_');
    expect(
      (await server.api('POST', '/api/v1/agents', { id: 'principal', name: 'x', assets: ['serveur-hmp'] })).status,
    ).toBe(409);
    expect((await server.api('POST', '/api/v1/agents', { id: 'x', name: 'x', assets: ['nowhere'] })).status).toBe(400);
  });

  it('runs two agents at once, one per site, and judges their checks on their reports', async () => {
    principal = AgentProcess.write(join(dir, 'principal'), {
      server: server.url,
      token: principalToken,
      agentId: 'principal',
      assets: ['serveur-hmp', 'service-onnet32-slave'],
      reportEvery: '1s',
      disks: [tmpdir()],
      services: [
        { name: 'onnet32', driver: 'process', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
      ],
      actions: {
        'restart-onnet32': { kind: 'service-restart', service: 'onnet32' },
        hello: { kind: 'command', path: process.execPath, args: ['-e', 'console.log("bonjour")'] },
      },
    });
    secours = AgentProcess.write(join(dir, 'secours'), {
      server: server.url,
      token: secoursToken,
      agentId: 'secours',
      assets: ['serveurs-secours', 'postes-agents'],
      reportEvery: '1s',
      disks: ['/'],
    });
    principal.start();
    secours.start();

    const hmp = await waitFor('the HMP disk check down', async () => {
      const d = await detail('principal');
      return d.lastReport && checkOf(d, 'hmp-disque')?.status === 'down' ? d : undefined;
    });
    expect(hmp.status).toBe('reporting');
    expect(hmp.lastReport?.disks[0]).toMatchObject({ path: tmpdir() });
    expect(checkOf(hmp, 'hmp-disque')?.message).toMatch(new RegExp(`% free .*under the ${threshold} % threshold`));
    await monitored('hmp-disque', 'down');
    const other = await waitFor('the secours agent reporting', async () => {
      const d = await detail('secours');
      return d.lastReport ? d : undefined;
    });
    expect(other.lastReport?.usbStorage?.state).toMatch(/enabled|disabled/);
    expect(checkOf(other, 'ports-usb')?.message).toMatch(/USB mass storage is (enabled|disabled)/);
  });

  it('restarts a stopped service by a task, and its check recovers', async () => {
    const before = await detail('principal');
    expect(checkOf(before, 'onnet32-service')).toMatchObject({
      status: 'down',
      message: expect.stringMatching(/service onnet32 is stopped/),
    });

    await monitored('onnet32-service', 'down');
    const restart = await queue('service-onnet32-slave', 'restart-onnet32');
    expect(restart.agentId).toBe('principal');
    const done = await finished(restart.id);
    expect(done).toMatchObject({ status: 'succeeded', message: expect.stringMatching(/onnet32 restarted: pid \d+/) });
    await waitFor('the service check up', async () =>
      checkOf(await detail('principal'), 'onnet32-service')?.status === 'up' ? true : undefined,
    );
    await monitored('onnet32-service', 'up');

    process.kill(onnet32Pid(), 'SIGKILL');
    await waitFor('the service check down again', async () =>
      checkOf(await detail('principal'), 'onnet32-service')?.status === 'down' ? true : undefined,
    );
    await monitored('onnet32-service', 'down');
  });

  it('answers a waiting agent within a second of a task being queued', async () => {
    // Let the agent be inside a long poll, then queue.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const hello = await queue('serveur-hmp', 'hello');
    const done = await finished(hello.id);
    expect(done.status).toBe('succeeded');
    expect(done.output).toContain('bonjour');
    expect(done.sentAt! - hello.queuedAt).toBeLessThan(1_000);
  });

  it('refuses an action outside the allow-list and writes it to the audit log', async () => {
    for (const action of ['format-disk', 'constructor']) {
      const refused = await finished((await queue('serveur-hmp', action)).id);
      expect(refused.status).toBe('refused');
      expect(refused.message).toContain(`unknown action ${action}: not in this agent's allow-list`);
    }
    const audit = await server.api<{ action: string; actor: string; details: string }[]>(
      'GET',
      '/api/v1/audit?limit=1000',
    );
    // Only the refusals of this test's two tasks: the plan's own runbooks may also have asked
    // this test agent for an action it does not list (archive-audio) by then.
    const entries = audit.body
      .filter((e) => e.action === 'agent.action-refused')
      .filter((e) => ['format-disk', 'constructor'].includes((JSON.parse(e.details) as { action: string }).action));
    expect(entries.map((e) => JSON.parse(e.details) as { action: string }).map((d) => d.action)).toEqual([
      'format-disk',
      'constructor',
    ]);
    expect(entries[0]!.actor).toContain('agent:principal');
    expect(
      (await server.api('POST', '/api/v1/agent-tasks', { assetId: 'media-gateway', action: 'reboot' })).status,
    ).toBe(412);
  });

  it('keeps reports while the server is down and delivers each once when it is back', async () => {
    const db = () => server.vigie!.database.db;
    await server.stop();
    const outbox = join(principal.stateDir, 'outbox');
    await waitFor('reports buffered', async () => (readdirSync(outbox).length >= 4 ? true : undefined), 30_000);
    await server.start();
    await waitFor('the buffer emptied', async () => (readdirSync(outbox).length <= 1 ? true : undefined), 30_000);
    const rows = await db()
      .selectFrom('agent_reports')
      .select(['report_id', 'seq'])
      .where('agent_id', '=', 'principal')
      .orderBy('seq')
      .execute();
    const seqs = rows.map((r) => Number(r.seq));
    // No loss: every number from the first to the last; no duplicate: each once.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    expect(seqs[0]).toBe(1);
    expect(new Set(rows.map((r) => r.report_id)).size).toBe(rows.length);
    expect(principal.logs.some((l) => l.includes('server unreachable'))).toBe(true);
  });

  it('refuses a revoked token at once', async () => {
    expect((await server.api('DELETE', '/api/v1/agents/secours')).status).toBe(204);
    const response = await fetch(`${server.url}/api/agent/v1/work?wait=0`, {
      headers: { authorization: `Bearer ${secoursToken}` },
    });
    expect(response.status).toBe(401);
    await waitFor('the agent told of its refused token', async () =>
      secours.logs.some((l) => l.includes("refuses this agent's token")) ? true : undefined,
    );
    const asUser = await fetch(`${server.url}/api/agent/v1/work?wait=0`);
    expect(asUser.status).toBe(401);
  });

  it('makes the checks of a silent agent down, and times out its tasks', async () => {
    await principal.stop();
    const waiting = await queue('serveur-hmp', 'hello', 1_000);
    const silent = await waitFor('the checks of the silent agent down', async () => {
      const d = await detail('principal');
      return d.status === 'silent' && d.checks.every((c) => c.status === 'down') ? d : undefined;
    });
    expect(checkOf(silent, 'hmp-disque')?.message).toMatch(
      /agent Serveur HMP \(site principal\) silent: no report for \d+ s/,
    );
    const expired = await waitFor(
      'the task timed out',
      async () => {
        const t = await task(waiting.id);
        return t.status === 'timeout' ? t : undefined;
      },
      60_000,
      1_000,
    );
    expect(expired.message).toMatch(/did not pick the task up/);
    // The sweep told the monitoring too, in words a technician understands.
    await waitFor('a silent result in the monitoring', async () => {
      const row = await server
        .vigie!.database.db.selectFrom('check_results')
        .select('message')
        .where('check_id', '=', 'hmp-disque')
        .where('message', 'like', '%silent: no report for%')
        .executeTakeFirst();
      return row ? true : undefined;
    });
    const done = await server
      .vigie!.database.db.selectFrom('jobs')
      .select('kind')
      .where('key', '=', `agent.task-done:${waiting.id}`)
      .executeTakeFirst();
    expect(done?.kind).toBe('agent.task-done');
  });
});
