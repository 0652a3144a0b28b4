import { probeCheckValidator } from './plan-checks';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import {
  activatePlan,
  ensureAdmin,
  handleCheckTransition,
  isDomainError,
  readSmtpSettings,
  SYSTEM_ACTOR,
  type PlanFileError,
  type Store,
} from '@vigie/core';
import { cryptoRandomness, systemClock } from './adapters/system';
import { loadOrCreateKey, secretBox } from './adapters/secret-box';
import { deliveryChannels, type SmtpSource } from './channels/channels';
import { parseSmtpUrl } from './channels/smtp-url';
import { Engine } from './engine/engine';
import { IncidentBus } from './events/incident-bus';
import { PgIncidentRelay } from './events/pg-relay';
import { sql } from 'kysely';
import { scryptPasswords } from './adapters/scrypt-passwords';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/connect';
import { kyselyStore } from './db/kysely-store';
import { migrateToLatest } from './db/migrate';
import { checkSchedulerFor } from './monitoring/check-scheduler-for';
import type { CheckScheduler } from './monitoring/scheduler';
import { buildApp } from './http/app';
import { AgentWorkHub } from './agents/work-hub';
import { SilenceSweeper } from './agents/silence-sweeper';
import { recordExternalResult, type ExternalCheckFeed } from '@vigie/core';
import { PlanCatalog } from './plan-catalog';
import { Demo } from './demo/demo';
import { demoRoutes } from './http/routes/demo';
import { DEMO_CONTROL_FILE } from './cli/commands/demo';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';

export interface RunningVigie {
  app: FastifyInstance;
  url: string;
  store: Store;
  database: DatabaseHandle;
  engine: Engine;
  /** Runs the plan's checks. */
  scheduler: CheckScheduler;
  stop(): Promise<void>;
}

/** What start-up tells the person at the console, besides the logs. */
export interface Console {
  out(line: string): void;
  err(line: string): void;
}

export class StartupError extends Error {}

/** The composition root: opens the database, loads the plan, creates the admin, serves the API. */
export async function startVigie(config: Config, console: Console, logger?: Logger): Promise<RunningVigie> {
  const log = logger ?? pino({ level: config.logLevel });
  const database = openDatabase(config.databaseUrl, {
    checkpointInBackground: true,
    onCheckpointError: (error) =>
      log.warn(
        { err: error },
        'SQLite checkpoints on their own thread failed: the writer checkpoints past 64 MB of log',
      ),
  });
  let relay: PgIncidentRelay | undefined;
  try {
    const applied = await migrateToLatest(database);
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
    const bus = new IncidentBus();
    let wakeEngine = (): void => undefined;
    // Nodes sharing PostgreSQL tell each other of incident changes (live streams, engine).
    relay =
      database.dialect === 'postgres'
        ? new PgIncidentRelay(
            config.databaseUrl,
            bus,
            async (channel, payload) => {
              await sql`SELECT pg_notify(${channel}, ${payload})`.execute(database.db);
            },
            () => wakeEngine(),
          )
        : undefined;
    await relay?.start();
    if (database.dialect === 'sqlite') {
      // One node only on SQLite: jobs it had claimed when it last stopped are free at once,
      // rather than after their lease (PostgreSQL nodes wait for the lease: another may be alive).
      const freed = await kyselyStore(database.db, database.dialect).transaction((tx) => tx.jobs.releaseClaims());
      if (freed > 0) log.info({ jobs: freed }, 'jobs claimed before the last stop are free again');
    }
    const store = kyselyStore(database.db, database.dialect, (ids) => {
      bus.publish(ids);
      relay?.announce(ids).catch((error: unknown) => log.warn({ err: error }, 'could not tell the other nodes'));
    });
    const ports = { store, clock: systemClock, random: cryptoRandomness, passwords: scryptPasswords() };
    const box = secretBox(loadOrCreateKey(config.secretKey, join(config.dataDir, 'secret.key')));

    const admin = await ensureAdmin(ports, { email: config.adminEmail, password: config.adminPassword });
    if (admin.created) {
      console.out(`Administrator account created: ${admin.created.email}`);
      if (admin.generatedPassword) {
        console.out(`Its password, shown only this once: ${admin.generatedPassword}`);
      }
    }

    await loadPlanFile(ports, config.planPath, console);
    const catalog = new PlanCatalog(store, 1_000);
    const smtp = smtpSource(store, box, config.smtpUrl);
    const engine = new Engine(
      { store, clock: systemClock, random: cryptoRandomness, plans: catalog, publicUrl: config.publicUrl ?? null },
      deliveryChannels(catalog, smtp),
      { logger: log },
    );
    wakeEngine = () => engine.wake();
    // Agents: long polls wait on the hub; reports feed the monitoring; silent agents are swept.
    const agentWork = new AgentWorkHub(store);
    const feedCheck: ExternalCheckFeed = async (checkId, result, at) => {
      const ctx = { store, clock: systemClock, random: cryptoRandomness, plans: catalog };
      await recordExternalResult(ctx, { checkId, result, at }).catch((error: unknown) =>
        log.warn({ err: error, check: checkId }, 'an agent check result was not recorded'),
      );
    };
    const agentCtx = { store, clock: systemClock, random: cryptoRandomness, plans: catalog, agentWork, feedCheck };
    const silenceSweeper = new SilenceSweeper(agentCtx, 5_000, log);
    // The living demo: simulators on loopback stand for the plan's example equipment.
    const demo = config.demo ? new Demo() : undefined;
    const demoToken = randomBytes(24).toString('base64url');
    await demo?.start();
    const app = await buildApp(
      {
        ...ports,
        catalog,
        secureCookies: config.secureCookies,
        loginRateLimit: config.loginRateLimit,
        bus,
        wakeEngine: () => engine.wake(),
        publicUrl: config.publicUrl ?? null,
        secrets: box,
        smtp,
        agentWork,
        feedCheck,
        monitoredPlans: demo?.shownPlanSource(catalog),
      },
      { logger: log, plugins: demo ? [demoRoutes(demo, demoToken)] : [] },
    );
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    engine.start();
    silenceSweeper.start();
    // Monitoring: the check scheduler starts after the engine and stops before it. Each
    // change of a check's state goes through the plan's detection rules.
    const scheduler = checkSchedulerFor(config, {
      store,
      plans: demo ? demo.planSource(catalog) : catalog,
      clock: systemClock,
      logger: log,
      onTransition: async (t) => {
        log.info({ check: t.checkId, from: t.from, to: t.to, why: t.result.message }, 'check state');
        const change = [{ checkId: t.checkId, state: t.to }];
        bus.publishChecks(change);
        relay
          ?.announceChecks(change)
          .catch((error: unknown) => log.warn({ err: error }, 'could not tell the other nodes'));
        await handleCheckTransition(
          { store, clock: systemClock, random: cryptoRandomness, plans: catalog, publicUrl: config.publicUrl ?? null },
          { checkId: t.checkId, from: t.from, to: t.to, at: t.at, message: t.result.message },
        );
        engine.wake();
      },
    });
    await scheduler.start();
    if (demo) {
      demo.startFeeding({ store, clock: systemClock, random: cryptoRandomness, plans: demo.planSource(catalog) });
      const controlFile = join(config.dataDir, DEMO_CONTROL_FILE);
      await writeFile(controlFile, JSON.stringify({ url, token: demoToken }), { mode: 0o600 });
      console.out(
        `Demo: simulated equipment is running. Break a part with \`npx vigie demo break power\` (or gateway, crm, sql, hmp-disk…), repair it with \`npx vigie demo repair power\`.`,
      );
    }
    log.info({ url, database: database.label }, 'Vigie is running');
    return {
      app,
      url,
      store,
      database,
      engine,
      scheduler,
      stop: async () => {
        await silenceSweeper.stop();
        await scheduler.stop();
        if (demo) {
          await demo.stop();
          await rm(join(config.dataDir, DEMO_CONTROL_FILE), { force: true });
        }
        await engine.stop();
        await relay?.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await relay?.stop();
    await database.close();
    throw error;
  }
}

/** Stored settings win over VIGIE_SMTP_URL; read at each send so a change applies at once. */
function smtpSource(store: Store, box: ReturnType<typeof secretBox>, url: string | undefined): SmtpSource {
  const fromUrl = url ? parseSmtpUrl(url) : undefined;
  return async () => {
    const stored = await store.transaction((tx) => readSmtpSettings(tx.settings));
    if (!stored) return fromUrl;
    return {
      host: stored.host,
      port: stored.port,
      secure: stored.secure,
      user: stored.user,
      password: stored.sealedPassword ? box.open(stored.sealedPassword) : null,
      from: stored.from,
      rejectUnauthorized: stored.rejectUnauthorized,
    };
  };
}

/**
 * Loads the plan file named by the configuration. A broken file never replaces the
 * active plan: Vigie keeps serving the last good version, or refuses to start without one.
 */
async function loadPlanFile(ports: Parameters<typeof activatePlan>[0], path: string, console: Console): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StartupError(`cannot read the plan file ${path}: ${(error as Error).message}`);
  }
  try {
    const result = await activatePlan({ ...ports, validateCheck: probeCheckValidator }, SYSTEM_ACTOR, {
      fileName: basename(path),
      text,
    });
    if (result.changed) console.out(`Plan loaded: ${result.plan.title} (version ${result.version.number})`);
  } catch (error) {
    if (!isDomainError(error) || error.kind !== 'Invalid') throw error;
    const errors = (error.details as { errors: PlanFileError[] }).errors;
    for (const e of errors) console.err(`${path}:${e.line}:${e.column}: ${e.message}`);
    const active = await ports.store.transaction((tx) => tx.plans.active());
    if (!active) throw new StartupError(`the plan ${path} has errors and no earlier plan is loaded`);
    console.err(`The plan file has errors: Vigie keeps the active plan, version ${active.number}.`);
  }
}
