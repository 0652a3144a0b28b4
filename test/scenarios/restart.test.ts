import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { seedPlanWithRealContacts } from '../../packages/server/src/testing/test-app';
import { startVigieProcess, type RunningServer } from '../support/cli';
import { SmtpSink } from '../support/smtp-sink';

const ADMIN = { email: 'chef@mediacontact.example', password: 'un mot de passe solide' };

/** The seed plan on a clock of seconds, so a real process runs the whole ladder in a test. */
function fastPlan(): string {
  const plan = seedPlanWithRealContacts()
    .replace('    after: 60m', '    after: 4s')
    .replace('    after: 6h', '    after: 10s')
    .replace(
      '        every: 1h\n        to: [crisis-cell, client-it]',
      '        every: 3s\n        grace: 1s\n        to: [crisis-cell, client-it]',
    )
    .replace('        every: 60m', '        every: 3s')
    .replace('        due: 1h', '        due: 5s')
    .replace('        due: 24h', '        due: 30s');
  for (const marker of ['after: 4s', 'after: 10s', 'every: 3s', 'grace: 1s', 'due: 5s']) {
    if (!plan.includes(marker)) throw new Error(`the seed plan changed: ${marker} not applied`);
  }
  return plan;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(server: RunningServer): Promise<{ cookie: string; csrf: string }> {
  // The restarted server may get the killed one's port back: a kept-alive connection to the
  // dead process then fails once; a second attempt opens a fresh one.
  const attempt = () =>
    fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
  const response = await attempt()
    .catch(attempt)
    .catch((error: unknown) => {
      throw new Error(`sign-in failed (${String(error)}); the server said:\n${server.output()}`);
    });
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

async function api<T>(
  server: RunningServer,
  who: { cookie: string; csrf: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface NotificationRow {
  id: string;
  channel: string;
  status: string;
  subject: string;
  address: string;
}

describe.each(DIALECTS)('a server killed in the middle of an escalation, on %s', (dialect) => {
  let database: TestDatabase;
  const smtp = new SmtpSink();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-restart-'));
  const planFile = join(dir, 'plan.yaml');

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await smtp.start();
    writeFileSync(planFile, fastPlan());
  });
  afterAll(async () => {
    await smtp.stop();
    await database.drop();
  });

  it('loses no message and sends none twice; timers due while it was down fire late, and say so', async () => {
    const env = {
      VIGIE_SMTP_URL: smtp.url(),
      VIGIE_ADMIN_EMAIL: ADMIN.email,
      VIGIE_ADMIN_PASSWORD: ADMIN.password,
      VIGIE_DATA_DIR: dir,
    };
    const args = ['--db', database.url, '--plan', planFile];
    let server = await startVigieProcess(args, { env, cwd: dir });
    let who = await signIn(server);
    const opened = await api<{ incident: { id: string; openedAt: number } }>(server, who, 'POST', '/api/v1/incidents', {
      threatId: 'espace-hmp',
    });
    const id = opened.incident.id;

    // The 60-minute step (4 s here) fires and its messages go out; then the process dies
    // without warning, before the 6-hour step (10 s here). Delivery is at least once: a
    // message the SMTP server took in the instant before the kill, not yet marked sent, would
    // go again (with the same Message-ID) — so the kill waits for the messages under way.
    await sleep(Math.max(0, opened.incident.openedAt + 5_500 - Date.now()));
    while (Date.now() < opened.incident.openedAt + 8_000) {
      const queued = await api<NotificationRow[]>(server, who, 'GET', `/api/v1/incidents/${id}/notifications`);
      if (queued.every((n) => n.status !== 'pending')) break;
      await sleep(50);
    }
    server.child.kill('SIGKILL');
    expect(Date.now() - opened.incident.openedAt, 'killed before the 6-hour step').toBeLessThan(9_000);
    await new Promise((resolve) => server.child.once('exit', resolve));
    await sleep(12_000); // down past the next SITREP and the 6-hour step (10 s here)

    server = await startVigieProcess(args, { env, cwd: dir });
    who = await signIn(server);
    // The timers that fell due while it was down run once it is back; a loaded machine may
    // take seconds to get there, and a resolution first would cancel them.
    type Room = { timeline: { kind: string; ref: string | null; data: Record<string, unknown> }[] };
    const room = () => api<Room>(server, who, 'GET', `/api/v1/incidents/${id}`);
    for (let i = 0; i < 60; i++) {
      if ((await room()).timeline.some((e) => typeof e.data['lateByMs'] === 'number')) break;
      await sleep(500);
    }
    await sleep(1_000);
    await api(server, who, 'POST', `/api/v1/incidents/${id}/resolve`, {});

    let notifications: NotificationRow[] = [];
    for (let i = 0; i < 60; i++) {
      notifications = await api<NotificationRow[]>(server, who, 'GET', `/api/v1/incidents/${id}/notifications`);
      if (notifications.every((n) => n.status !== 'pending')) break;
      await sleep(500);
    }
    const { timeline } = await room();
    await server.stop();

    const emails = notifications.filter((n) => n.channel === 'email');
    expect(emails.length).toBeGreaterThan(20);
    expect(emails.filter((n) => n.status !== 'sent')).toEqual([]);
    // Each message decided was received exactly once, and nothing else was received.
    expect(smtp.duplicates()).toEqual([]);
    expect(smtp.mails).toHaveLength(emails.length);
    const received = smtp.mails.map((m) => `${m.subject} → ${m.to.join(',')}`).sort();
    expect(received).toEqual(emails.map((n) => `${n.subject} → ${n.address}`).sort());

    const steps = timeline.filter((e) => e.kind === 'step').map((e) => e.ref);
    expect(steps).toEqual(['au-dela-60-minutes', 'interruption-longue']);
    expect(
      timeline.some((e) => typeof e.data['lateByMs'] === 'number'),
      JSON.stringify(timeline.map((e) => [e.kind, e.ref, e.data['lateByMs']])),
    ).toBe(true);
    expect(smtp.withSubject('Interruption de service de plus de 6 heures')).toHaveLength(1);
    expect(smtp.withSubject('Incident résolu').length).toBeGreaterThan(0);
  }, 240_000);
});
