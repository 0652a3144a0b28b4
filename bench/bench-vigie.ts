import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../packages/server/src/testing/test-databases';
import { startVigieProcess } from '../test/support/cli';
import { buildServer } from '../scripts/build-runtime';

const ADMIN = { email: 'bench@example.org', password: 'a bench password' };

export interface BenchVigie {
  baseUrl: string;
  pid: number;
  database: TestDatabase;
  /** A session cookie of the administrator, for the API's reading routes. */
  cookie: string;
  /** An API token, as a sender of alerts holds one. */
  token: string;
  stop(): Promise<void>;
}

/**
 * Vigie as `npm start` runs it (built for plain Node, without a TypeScript loader) on a fresh
 * database with this plan, signed in. BENCH_NODE_ARGS="--flag …" runs the server with Node
 * or V8 flags; BENCH_PROFILE=DIR writes a CPU profile of the server there when it stops.
 */
export async function startBenchVigie(planText: string, dialect: string): Promise<BenchVigie> {
  const database = await createTestDatabase(dialect === 'postgres' ? 'postgres' : 'sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const planFile = join(dir, 'plan.yaml');
  writeFileSync(planFile, planText);
  const vigie = await startVigieProcess(['--db', database.url, '--plan', planFile], {
    bin: await buildServer(),
    cwd: dir,
    env: {
      VIGIE_ADMIN_EMAIL: ADMIN.email,
      VIGIE_ADMIN_PASSWORD: ADMIN.password,
      VIGIE_DATA_DIR: dir,
      VIGIE_LOG_LEVEL: 'warn',
    },
    nodeArgs: [
      ...(process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`] : []),
    ],
  });
  const stop = async () => {
    await vigie.stop();
    await database.drop();
  };
  try {
    const login = await fetch(`${vigie.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const { token } = (await (
      await fetch(`${vigie.baseUrl}/api/v1/tokens`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      })
    ).json()) as { token: string };
    return { baseUrl: vigie.baseUrl, pid: vigie.child.pid!, database, cookie, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Posts a batch of alerts to Vigie's Alertmanager webhook and reads the whole answer, as
 * Alertmanager's own notifier does: a connection whose answer is left unread cannot carry the
 * next request, and the sender would open a new one for every batch.
 */
export async function postAlerts(vigie: BenchVigie, payload: unknown): Promise<void> {
  const response = await fetch(`${vigie.baseUrl}/api/v1/alerts/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${vigie.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const answer = await response.text();
  if (response.status !== 202) throw new Error(`vigie answered ${response.status}: ${answer}`);
}

/** The alert benches' options: `--alerts 100000 --batch 1000 --dialect sqlite|postgres`. */
export function alertBenchOptions(): { alerts: number; batch: number; dialect: string } {
  const { values } = parseArgs({
    options: {
      alerts: { type: 'string', default: '100000' },
      batch: { type: 'string', default: '1000' },
      dialect: { type: 'string', default: 'sqlite' },
    },
  });
  return { alerts: Number(values.alerts), batch: Number(values.batch), dialect: values.dialect };
}
