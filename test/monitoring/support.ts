import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { activatePlan, SYSTEM_ACTOR, type CheckTransition, type Store } from '@vigie/core';
import { systemClock } from '../../packages/server/src/adapters/system';
import type { DatabaseHandle, Dialect } from '../../packages/server/src/db/connect';
import { kyselyStore } from '../../packages/server/src/db/kysely-store';
import { CheckScheduler, type CheckSchedulerOptions } from '../../packages/server/src/monitoring/scheduler';
import { PlanCatalog } from '../../packages/server/src/plan-catalog';
import { createMigratedDatabase } from '../../packages/server/src/testing/test-databases';
import { testRandomness } from '../../packages/server/src/testing/factories';

/** A check as written in a plan file, in YAML flow style. */
export type CheckLine = string;

/**
 * A small plan: clients `ocm` and `autre`, sites `principal` and `secours`, the assets
 * `crm` (ocm, principal), `serveur` (internal, principal) and `autre-app` (autre, secours),
 * and the checks given.
 */
export function monitoringPlan(checks: CheckLine[], title = 'Plan de test'): string {
  return `version: 1
organisation: Centre de test
title: ${title}
clients:
  - { id: ocm, name: OCM }
  - { id: autre, name: Autre client }
team:
  - { id: admin-si, name: Admin SI, email: admin@example.org }
sites:
  - { id: principal, name: Site principal }
  - { id: secours, name: Site de secours, redundant: true }
assets:
  - { id: crm, name: CRM, kind: application, site: principal, clients: [ocm] }
  - { id: serveur, name: Serveur interne, kind: server, site: principal }
  - { id: autre-app, name: Application d'un autre client, kind: application, site: secours, clients: [autre] }
checks:
${checks.map((c) => `  - ${c}`).join('\n')}
threats:
  - { id: panne, title: Panne, causes: Une cause, solution: Une solution }
`;
}

/** A local HTTP target whose answer the test sets: 200, 500, or alternating; and which can stop. */
export class HttpTarget {
  mode: 'up' | 'down' | 'alternate' = 'up';
  hits = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    const server = createServer((_request, response) => {
      this.hits++;
      const ok = this.mode === 'up' || (this.mode === 'alternate' && this.hits % 2 === 0);
      response.writeHead(ok ? 200 : 500, { 'content-type': 'text/plain' }).end(ok ? 'OK' : 'KO');
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // The same port again after a stop, so that a check's target stays valid.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A migrated database with a plan loaded, a store and a plan catalog over it. */
export interface MonitoringBed {
  handle: DatabaseHandle;
  url: string;
  store: Store;
  catalog: PlanCatalog;
  /** Loads a new plan version and makes it active. */
  loadPlan(text: string): Promise<void>;
  /** A scheduler over this database, recording its transitions; stopped by `dispose`. */
  scheduler(options?: Partial<CheckSchedulerOptions>): { scheduler: CheckScheduler; transitions: CheckTransition[] };
  dispose(): Promise<void>;
}

/** Sets up a database of the dialect with the plan given. */
export async function monitoringBed(dialect: Dialect, planText: string): Promise<MonitoringBed> {
  const { handle, url, dispose } = await createMigratedDatabase(dialect);
  const store = kyselyStore(handle.db, handle.dialect);
  const catalog = new PlanCatalog(store);
  const ports = { store, clock: systemClock, random: testRandomness };
  const loadPlan = async (text: string): Promise<void> => {
    await activatePlan(ports, SYSTEM_ACTOR, { fileName: 'plan.yaml', text });
  };
  await loadPlan(planText);
  const schedulers: CheckScheduler[] = [];
  return {
    handle,
    url,
    store,
    catalog,
    loadPlan,
    scheduler(options = {}) {
      const transitions: CheckTransition[] = [];
      const scheduler = new CheckScheduler({
        store,
        plans: catalog,
        clock: systemClock,
        leaseMs: 3_000,
        flushMs: 200,
        planPollMs: 300,
        inboxPollMs: 200,
        onTransition: (t) => {
          transitions.push(t);
        },
        ...options,
      });
      schedulers.push(scheduler);
      return { scheduler, transitions };
    },
    async dispose() {
      for (const scheduler of schedulers) await scheduler.stop();
      await dispose();
    },
  };
}

/** The states of a check's transitions, in order: `up>down`… */
export function moves(transitions: CheckTransition[], checkId: string): string[] {
  return transitions.filter((t) => t.checkId === checkId).map((t) => `${t.from}>${t.to}`);
}
