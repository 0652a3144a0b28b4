import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { startVigieProcess, type RunningServer } from './cli';

/** A `vigie start` on a fresh SQLite database with a plan, and the administrator it was started with. */
export interface PlanVigie {
  vigie: RunningServer;
  database: TestDatabase;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

/** Starts `vigie start` (the sources, as `npx vigie` runs them) with this plan on a fresh SQLite database. */
export async function startVigieWithPlan(planText: string): Promise<PlanVigie> {
  const admin = { email: 'admin@example.org', password: 'un mot de passe solide' };
  const database = await createTestDatabase('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'vigie-plan-'));
  const plan = join(dir, 'plan.yaml');
  writeFileSync(plan, planText);
  const vigie = await startVigieProcess(['--db', database.url, '--plan', plan], {
    cwd: dir,
    env: { VIGIE_ADMIN_EMAIL: admin.email, VIGIE_ADMIN_PASSWORD: admin.password, VIGIE_DATA_DIR: dir },
  });
  return {
    vigie,
    database,
    admin,
    stop: async () => {
      await vigie.stop();
      await database.drop();
    },
  };
}

/** An administrator signed in to a running Vigie: the session cookie and its CSRF token. */
export interface AdminSession {
  cookie: string;
  csrf: string;
}

/** Signs in to a running Vigie (`vigie start`) with the administrator it was started with. */
export async function signInTo(baseUrl: string, admin: { email: string; password: string }): Promise<AdminSession> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!login.ok) throw new Error(`sign-in refused: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Creates an API token (`vgt_…`) named `name`, as a sender of alerts or a Prometheus holds one. */
export async function createApiToken(baseUrl: string, session: AdminSession, name: string): Promise<string> {
  const created = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!created.ok) throw new Error(`token refused: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** An incident as `GET /api/v1/incidents` lists it, what scenario tests look at. */
export interface ListedIncident {
  id: string;
  threatId: string;
  status: string;
  source: string;
}

/** The incidents a running Vigie lists to this session, newest first. */
export async function listIncidents(baseUrl: string, session: { cookie: string }): Promise<ListedIncident[]> {
  const response = await fetch(`${baseUrl}/api/v1/incidents`, { headers: { cookie: session.cookie } });
  return (await response.json()) as ListedIncident[];
}

/** Polls the incidents until `check` holds of them; fails with `what` and the list after 30 s. */
export async function waitForIncidents(
  baseUrl: string,
  session: { cookie: string },
  what: string,
  check: (list: ListedIncident[]) => boolean,
): Promise<ListedIncident[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const list = await listIncidents(baseUrl, session);
    if (check(list)) return list;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
