import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  activatePlan,
  createUser,
  ROLES,
  SYSTEM_ACTOR,
  type EngineContext,
  type NotificationChannels,
  type Role,
  type Store,
} from '@vigie/core';
import { secretBox } from '../adapters/secret-box';
import { deliveryChannels, type SmtpSource } from '../channels/channels';
import { parseSmtpUrl } from '../channels/smtp-url';
import type { Dialect } from '../db/connect';
import { kyselyStore } from '../db/kysely-store';
import { Engine } from '../engine/engine';
import { IncidentBus } from '../events/incident-bus';
import { buildApp } from '../http/app';
import { PlanCatalog } from '../plan-catalog';
import { DEFAULT_PLAN_PATH } from '../config';
import { createMigratedDatabase } from './test-databases';
import { fastPasswords, ManualClock, testRandomness } from './factories';

export const SEED_PLAN_TEXT = readFileSync(DEFAULT_PLAN_PATH, 'utf8');
export const TEST_PASSWORD = 'a test password, long enough';

/** The seed plan with every person made real (not an example), so messages are sent. */
export function seedPlanWithRealContacts(): string {
  // People only (the `team` and `clients` sections): example servers and checks stay
  // examples, so nothing probes them. Line by line, so the text keeps its layout.
  let section = '';
  return SEED_PLAN_TEXT.split('\n')
    .filter((line) => {
      const key = /^([a-zA-Z]+):/.exec(line)?.[1];
      if (key) section = key;
      return !((section === 'team' || section === 'clients') && /^\s+example: true$/.test(line));
    })
    .join('\n');
}

export interface SignedIn {
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  clock: ManualClock;
  engine: Engine;
  /** What the engine's verbs run with, for scenarios that call them directly. */
  ctx: EngineContext;
  bus: IncidentBus;
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

export interface TestAppOptions {
  loginRateLimit?: number;
  planText?: string;
  /** Where emails go, e.g. smtp://127.0.0.1:2525?from=vigie@example.org. */
  smtpUrl?: string;
  /** Replaces the real channels (SMTP, webhooks, SMS). */
  channels?: NotificationChannels;
  startAt?: number;
}

/** A migrated database with a plan, one user per role, the engine and the app on top (no port). */
export async function createTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createMigratedDatabase(dialect);
  const bus = new IncidentBus();
  const store = kyselyStore(database.handle.db, database.handle.dialect, (ids) => bus.publish(ids));
  const clock = new ManualClock(options.startAt ?? Date.now());
  const ports = { store, clock, random: testRandomness, passwords: fastPasswords };
  await activatePlan(ports, SYSTEM_ACTOR, {
    fileName: 'media-contact-cameroun.yaml',
    text: options.planText ?? SEED_PLAN_TEXT,
  });
  const emailOf = (role: Role): string => `${role}@example.org`;
  for (const role of ROLES) {
    await createUser(ports, SYSTEM_ACTOR, {
      email: emailOf(role),
      role,
      clientId: role === 'client' ? 'ocm' : null,
      password: TEST_PASSWORD,
    });
  }
  const catalog = new PlanCatalog(store);
  const smtp: SmtpSource = () => Promise.resolve(options.smtpUrl ? parseSmtpUrl(options.smtpUrl) : undefined);
  const ctx: EngineContext = { store, clock, random: testRandomness, plans: catalog, publicUrl: 'http://vigie.test' };
  const engine = new Engine(ctx, options.channels ?? deliveryChannels(catalog, smtp));
  const app = await buildApp({
    ...ports,
    catalog,
    secureCookies: false,
    loginRateLimit: options.loginRateLimit ?? 1000,
    bus,
    wakeEngine: () => undefined,
    publicUrl: 'http://vigie.test',
    secrets: secretBox(randomBytes(32)),
    smtp,
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
    engine,
    ctx,
    bus,
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
