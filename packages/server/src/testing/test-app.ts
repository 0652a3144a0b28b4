import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { activatePlan, createUser, ROLES, SYSTEM_ACTOR, type Role, type Store } from '@vigie/core';
import type { Dialect } from '../db/connect';
import { kyselyStore } from '../db/kysely-store';
import { buildApp } from '../http/app';
import { PlanCatalog } from '../plan-catalog';
import { DEFAULT_PLAN_PATH } from '../config';
import { createMigratedDatabase } from './test-databases';
import { fastPasswords, ManualClock, testRandomness } from './factories';

export const SEED_PLAN_TEXT = readFileSync(DEFAULT_PLAN_PATH, 'utf8');
export const TEST_PASSWORD = 'a test password, long enough';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  clock: ManualClock;
  /** One signed-in session per role; the client user belongs to client `ocm`. */
  as: Record<Role, SignedIn>;
  emailOf(role: Role): string;
  request(
    who: SignedIn | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A migrated database with the seed plan, one user per role, and the app on top (no port). */
export async function createTestApp(dialect: Dialect, options: { loginRateLimit?: number } = {}): Promise<TestApp> {
  const database = await createMigratedDatabase(dialect);
  const store = kyselyStore(database.handle.db, database.handle.dialect);
  const clock = new ManualClock(Date.now());
  const ports = { store, clock, random: testRandomness, passwords: fastPasswords };
  await activatePlan(ports, SYSTEM_ACTOR, { fileName: 'media-contact-cameroun.yaml', text: SEED_PLAN_TEXT });
  const emailOf = (role: Role): string => `${role}@example.org`;
  for (const role of ROLES) {
    await createUser(ports, SYSTEM_ACTOR, {
      email: emailOf(role),
      role,
      clientId: role === 'client' ? 'ocm' : null,
      password: TEST_PASSWORD,
    });
  }
  const app = await buildApp({
    ...ports,
    catalog: new PlanCatalog(store),
    secureCookies: false,
    loginRateLimit: options.loginRateLimit ?? 1000,
  });
  await app.ready();

  const as = {} as Record<Role, SignedIn>;
  for (const [i, role] of ROLES.entries()) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      // Each set-up sign-in comes from its own address so tests of the rate limit start clean.
      remoteAddress: `127.0.1.${i + 1}`,
      payload: { email: emailOf(role), password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'vigie_session');
    if (!cookie) throw new Error(`login as ${role} failed: ${response.body}`);
    as[role] = { cookie: `vigie_session=${cookie.value}`, csrf: (response.json() as { csrfToken: string }).csrfToken };
  }

  return {
    app,
    store,
    clock,
    as,
    emailOf,
    request: (who, method, url, body) =>
      app.inject({
        method,
        url,
        headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {},
        ...(body !== undefined && { payload: body as Record<string, unknown> }),
      }),
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
