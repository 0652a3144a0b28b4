import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../packages/server/src/config';
import { startVigie } from '../../packages/server/src/main';
import { createTestDatabase, DIALECTS } from '../../packages/server/src/testing/test-databases';
import { monitoringPlan, waitFor } from './support';

const ADMIN = { email: 'admin@example.org', password: 'a long enough password' };
const quiet = { out: () => undefined, err: () => undefined };

/** `vigie start` in this process, on a fresh database, with a plan holding one heartbeat check. */
async function startWithHeartbeat(dialect: 'sqlite' | 'postgres') {
  const database = await createTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-heartbeat-'));
  const planPath = join(dir, 'plan.yaml');
  writeFileSync(
    planPath,
    // In English: the silence is told in the plan's language.
    monitoringPlan(['{ id: sauvegarde, asset: serveur, probe: heartbeat, every: 1s, failAfter: 1, recoverAfter: 1 }']) +
      'language: en\n',
  );
  const parsed = readConfig(
    { databaseUrl: database.url, planPath, host: '127.0.0.1', port: '0', dataDir: dir },
    {
      VIGIE_ADMIN_EMAIL: ADMIN.email,
      VIGIE_ADMIN_PASSWORD: ADMIN.password,
      VIGIE_SHARD_LEASE: '3s',
      VIGIE_PUBLIC_URL: 'http://127.0.0.1',
    },
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const vigie = await startVigie(parsed.config, quiet, pino({ level: 'silent' }));
  return {
    vigie,
    async dispose() {
      await vigie.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signIn(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return {
    cookie: response.headers.get('set-cookie')!.split(';')[0]!,
    csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
  };
}

/** The live stream (server-sent events) as a screen reads it: everything received so far. */
async function openStream(baseUrl: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/incidents/stream`, {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  let received = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) received += decoder.decode(chunk);
  })().catch(() => undefined);
  return {
    /** The `check` events received, in order. */
    checkEvents: () =>
      [...received.matchAll(/^event: check\ndata: (.*)$/gm)].map(
        (m) => JSON.parse(m[1]!) as { id: string; state: string },
      ),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe.each(DIALECTS)('heartbeats on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  it('is up while the job calls, down when it falls silent past its interval and grace, up when it calls again', async () => {
    const started = await startWithHeartbeat(dialect);
    cleanup.push(() => started.dispose());
    const { url } = started.vigie;
    const who = await signIn(url);
    const created = await fetch(`${url}/api/v1/checks/sauvegarde/heartbeat-token`, {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const pingUrl = `${url}/api/v1/heartbeats/${token}`;
    // A screen left open is told of each change of state as it happens, without asking.
    const stream = await openStream(url, who.cookie);
    cleanup.unshift(() => stream.close());
    const state = async () => {
      const response = await fetch(`${url}/api/v1/checks`, { headers: { cookie: who.cookie } });
      const { checks } = (await response.json()) as {
        checks: { id: string; state: string; lastResult: { message: string } | null }[];
      };
      return checks.find((c) => c.id === 'sauvegarde')!;
    };

    // A job calling every half second keeps the check up.
    const pinging = setInterval(() => void fetch(pingUrl, { method: 'POST' }), 500);
    try {
      await waitFor('heartbeat up', async () => (await state()).state === 'up');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await state()).state).toBe('up');
    } finally {
      clearInterval(pinging);
    }

    // Silent for longer than every (1 s) + grace (1 s): down, saying for how long.
    const down = await waitFor('heartbeat down', async () => {
      const check = await state();
      return check.state === 'down' && check;
    });
    expect(down.lastResult?.message).toMatch(/^No heartbeat for \d+s \(expected every 1s, grace 1s\)$/);
    // The stream told of it: up while the job called, then down on its silence (a slow first
    // call may have made it down once before it was ever up: only this order is certain).
    const streamed = () => stream.checkEvents().map((e) => e.state);
    await waitFor('up then down streamed', () => {
      const states = streamed();
      return states.includes('up') && states.lastIndexOf('down') > states.indexOf('up');
    });
    expect(stream.checkEvents().every((e) => e.id === 'sauvegarde')).toBe(true);

    const ping = await fetch(pingUrl);
    expect(ping.status).toBe(200);
    await waitFor('heartbeat up again', async () => (await state()).state === 'up');
  }, 90_000);
});
