/**
 * The incident engine under load, on SQLite and PostgreSQL:
 *  1. incidents opened per second through the real verb, each with its effects persisted
 *     (timeline, notifications, timers);
 *  2. 100,000 pending timers spread over a window, fired by the real engine on the real
 *     clock: lateness p50/p99/max, CPU and memory of the process.
 * Prints one JSON document. Usage: tsx bench/engine-timers.ts [--dialect sqlite|postgres]
 * [--timers 100000] [--window 300] [--incidents 2000]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { activatePlan, openIncident, SYSTEM_ACTOR, type Actor, type EngineContext } from '@vigie/core';
import { cryptoRandomness, systemClock } from '../packages/server/src/adapters/system';
import { DEFAULT_PLAN_PATH } from '../packages/server/src/config';
import { openDatabase } from '../packages/server/src/db/connect';
import { kyselyStore } from '../packages/server/src/db/kysely-store';
import { createTestDatabase } from '../packages/server/src/testing/test-databases';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { Engine } from '../packages/server/src/engine/engine';
import { RecordingChannels } from '../packages/server/src/engine/recording-channels';
import { PlanCatalog } from '../packages/server/src/plan-catalog';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    timers: { type: 'string', default: '100000' },
    window: { type: 'string', default: '300' },
    incidents: { type: 'string', default: '2000' },
  },
});
const dialect = values.dialect === 'postgres' ? 'postgres' : 'sqlite';
const TIMERS = Number(values.timers);
const WINDOW_MS = Number(values.window) * 1000;
const INCIDENTS = Number(values.incidents);
const OPERATOR: Actor = { kind: 'user', id: 'bench', label: 'bench', role: 'operator', clientId: null };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const database = await createTestDatabase(dialect);
const handle = openDatabase(database.url);
try {
  await migrateToLatest(handle);
  const store = kyselyStore(handle.db, handle.dialect);
  const catalog = new PlanCatalog(store, 1_000);
  const ports = { store, clock: systemClock, random: cryptoRandomness };
  await activatePlan(ports, SYSTEM_ACTOR, { fileName: 'seed.yaml', text: readFileSync(DEFAULT_PLAN_PATH, 'utf8') });
  const ctx: EngineContext = { ...ports, plans: catalog, publicUrl: null };
  const threats = ['patch-hermes', 'espace-hmp', 'energie', 'deconnexion-crm', 'perte-donnees'];
  // Distinct (threat, assets) pairs: the same pair would join the open incident instead.
  const assetIds = (await catalog.active())!.plan.assets.map((a) => a.id);
  const assetSets: string[][] = [];
  const pick = (start: number, chosen: string[]): void => {
    if (chosen.length) assetSets.push(chosen);
    if (chosen.length === 4) return;
    for (let k = start; k < assetIds.length; k++) pick(k + 1, [...chosen, assetIds[k]!]);
  };
  pick(0, []);
  if (assetSets.length * threats.length < INCIDENTS) throw new Error('not enough distinct incidents for --incidents');

  // 1. Incidents opened per second, each with its timeline, messages and timers.
  const openStart = performance.now();
  const incidentIds: string[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const { incident } = await openIncident(ctx, OPERATOR, {
      threatId: threats[i % threats.length]!,
      title: `Bench ${i}`,
      assets: assetSets[Math.floor(i / threats.length)]!,
      clients: ['ocm'],
    });
    incidentIds.push(incident.id);
  }
  const openSeconds = (performance.now() - openStart) / 1000;
  const effects = await handle.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await handle.db.updateTable('jobs').set({ status: 'done' }).execute();

  // 2. TIMERS escalation checks, due at random moments of the window.
  const firstDue = Date.now() + 5_000;
  const insertStart = performance.now();
  for (let i = 0; i < TIMERS; i += 1000) {
    await handle.db
      .insertInto('jobs')
      .values(
        Array.from({ length: Math.min(1000, TIMERS - i) }, (_, k) => ({
          id: randomUUID(),
          key: `bench:${i + k}`,
          kind: 'escalation.evaluate',
          incident_id: incidentIds[(i + k) % incidentIds.length]!,
          run_at: firstDue + Math.floor(Math.random() * WINDOW_MS),
          payload: '{}',
          status: 'pending',
          attempts: 0,
          locked_until: null,
          last_error: null,
          created_at: Date.now(),
          done_at: null,
        })),
      )
      .execute();
  }
  const insertSeconds = (performance.now() - insertStart) / 1000;

  const engine = new Engine(ctx, new RecordingChannels(), { pollMs: 250 });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  engine.start();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const pending = await store.transaction((tx) => tx.jobs.countPending());
    if (pending === 0) break;
    if (performance.now() - wallBefore > WINDOW_MS + 600_000)
      throw new Error('the engine did not finish within 10 minutes of the window');
  }
  await engine.stop();
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;

  const rows = await handle.db
    .selectFrom('jobs')
    .select(['run_at', 'done_at', 'status'])
    .where('key', 'like', 'bench:%')
    .execute();
  const lateness = rows.map((r) => Number(r.done_at) - Number(r.run_at)).sort((a, b) => a - b);
  const failed = rows.filter((r) => r.status !== 'done').length;
  console.log(
    JSON.stringify(
      {
        bench: 'engine-timers',
        dialect,
        incidents: {
          opened: INCIDENTS,
          perSecond: Math.round(INCIDENTS / openSeconds),
          effectsPersisted: Number(effects.n),
        },
        timers: {
          count: TIMERS,
          windowSeconds: WINDOW_MS / 1000,
          insertedPerSecond: Math.round(TIMERS / insertSeconds),
          failed,
          latenessMs: { p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: lateness.at(-1) ?? 0 },
          targetP99Ms: 100,
        },
        engine: {
          cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
          cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)),
          peakRssMB: Math.round(peakRss / 1024 / 1024),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await handle.close();
  await database.drop();
}
