import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { seedPlanWithRealContacts } from '../../packages/server/src/testing/test-app';
import { startVigieProcess, type RunningServer } from '../support/cli';
import { SmtpSink } from '../support/smtp-sink';
import { writeFileSync } from 'node:fs';

const ADMIN = { email: 'chef@mediacontact.example', password: 'un mot de passe solide' };

async function signIn(server: RunningServer): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return {
    cookie: response.headers.get('set-cookie')!.split(';')[0]!,
    csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
}

describe('two Vigie nodes on one PostgreSQL database', () => {
  let database: TestDatabase;
  const smtp = new SmtpSink();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-nodes-'));
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await smtp.start();
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, seedPlanWithRealContacts());
    const env = {
      VIGIE_SMTP_URL: smtp.url(),
      VIGIE_ADMIN_EMAIL: ADMIN.email,
      VIGIE_ADMIN_PASSWORD: ADMIN.password,
      VIGIE_DATA_DIR: dir,
    };
    a = await startVigieProcess(['--db', database.url, '--plan', plan], { env, cwd: dir });
    b = await startVigieProcess(['--db', database.url, '--plan', plan], { env, cwd: dir });
  }, 120_000);
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await smtp.stop();
    await database.drop();
  });

  it('share the work: a change on one reaches the other’s live stream, and each message leaves once', async () => {
    const whoA = await signIn(a);
    const whoB = await signIn(b);
    const controller = new AbortController();
    const stream = await fetch(`${b.baseUrl}/api/v1/incidents/stream`, {
      headers: { cookie: whoB.cookie },
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();

    const opened = await fetch(`${a.baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { cookie: whoA.cookie, 'x-csrf-token': whoA.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ threatId: 'patch-hermes' }),
    });
    const { incident } = (await opened.json()) as { incident: { id: string } };
    let text = '';
    while (!text.includes(incident.id)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    // Both engines claim jobs from the same table: every message is sent by one of them only.
    const deadline = Date.now() + 20_000;
    let pending = 1;
    let expected = 0;
    while (pending > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const list = (await (
        await fetch(`${a.baseUrl}/api/v1/incidents/${incident.id}/notifications`, { headers: { cookie: whoA.cookie } })
      ).json()) as { status: string; channel: string }[];
      pending = list.filter((n) => n.status === 'pending').length;
      expected = list.filter((n) => n.channel === 'email').length;
    }
    expect(pending).toBe(0);
    expect(expected).toBeGreaterThan(10);
    expect(smtp.mails).toHaveLength(expected);
    expect(smtp.duplicates()).toEqual([]);
  }, 120_000);
});
