/**
 * Runs Vigie's check scheduler alone in this process — scheduling, probes, state machine
 * and storage — against a local target for a while, and prints what it cost as JSON.
 * Started by the monitoring benchmarks, so that its CPU is measured apart from theirs.
 * Usage: tsx bench/monitoring/vigie-worker.ts --target http://127.0.0.1:PORT/ [--checks 2000]
 * [--every 1s] [--warmup 10] [--duration 30] [--dialect sqlite|postgres] [--probe http|tcp]
 * [--mode scheduler|bare] (environment: BENCH_HEAP_DEFAULT=1 leaves V8's heap growth at its default,
 * where `vigie start` limits it)
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '@vigie/contract';
import { activatePlan, SYSTEM_ACTOR } from '@vigie/core';
import { probeFor, runProbe } from '@vigie/probes';
import { cryptoRandomness, systemClock } from '../../packages/server/src/adapters/system';
import { openDatabase } from '../../packages/server/src/db/connect';
import { limitHeapGrowth } from '../../packages/server/src/heap-growth';
import { kyselyStore } from '../../packages/server/src/db/kysely-store';
import { migrateToLatest } from '../../packages/server/src/db/migrate';
import { CheckScheduler } from '../../packages/server/src/monitoring/scheduler';
import { PlanCatalog } from '../../packages/server/src/plan-catalog';
import { createTestDatabase } from '../../packages/server/src/testing/test-databases';

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    checks: { type: 'string', default: '2000' },
    every: { type: 'string', default: '1s' },
    warmup: { type: 'string', default: '10' },
    duration: { type: 'string', default: '30' },
    dialect: { type: 'string', default: 'sqlite' },
    probe: { type: 'string', default: 'http' },
    mode: { type: 'string', default: 'scheduler' },
  },
});
if (!values.target) throw new Error('--target is required');
if (!process.env['BENCH_HEAP_DEFAULT']) limitHeapGrowth();
const CHECKS = Number(values.checks);
const EVERY_MS = parseDuration(values.every) ?? 1_000;
const WARMUP_MS = Number(values.warmup) * 1000;
const DURATION_MS = Number(values.duration) * 1000;
const probeKind = values.probe === 'tcp' ? 'tcp' : 'http';
const target = probeKind === 'tcp' ? new URL(values.target).host : values.target;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Measures CPU, wall time and peak RSS of this process over `work`. */
async function measure(work: () => Promise<void>) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  clearInterval(sampler);
  // With --expose-gc, what is still alive rather than what awaits collection.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    peakRssMb: Math.round(peakRss / 1048576),
    // Live JavaScript objects at the end, next to the RSS the heap has grown to.
    heapUsedMb: Math.round(memory.heapUsed / 1048576),
    heapTotalMb: Math.round(memory.heapTotal / 1048576),
  };
}

/** The probes alone at the same pace, without scheduler, state or storage: the floor. */
async function bare() {
  const probe = probeFor(probeKind);
  const perTick = CHECKS / (EVERY_MS / 10);
  let runs = 0;
  let owed = 0;
  const inFlight = new Set<Promise<unknown>>();
  const pace = async (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      owed += perTick;
      for (; owed >= 1; owed--) {
        const run = runProbe(probe, { target }, { timeoutMs: 10_000 }).then(() => runs++);
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      }
      await sleep(10);
    }
  };
  await pace(WARMUP_MS);
  const before = runs;
  const cost = await measure(() => pace(DURATION_MS));
  await Promise.all(inFlight);
  return { mode: 'bare', runs: runs - before, ...cost };
}

async function scheduled() {
  const database = await createTestDatabase(values.dialect === 'postgres' ? 'postgres' : 'sqlite');
  // As the server opens it.
  const handle = openDatabase(database.url, { checkpointInBackground: true });
  try {
    await migrateToLatest(handle);
    const store = kyselyStore(handle.db, handle.dialect);
    const lines = Array.from(
      { length: CHECKS },
      (_, i) => `  - { id: c-${i}, asset: serveur, probe: ${probeKind}, target: "${target}", every: ${values.every} }`,
    );
    const plan = `organisation: Bench\ntitle: Bench\nclients: [{ id: ocm, name: OCM }]\nteam: [{ id: a, name: A }]\nsites: [{ id: s, name: S }]\nassets: [{ id: serveur, name: Serveur, kind: server, site: s }]\nchecks:\n${lines.join('\n')}\nthreats: [{ id: t, title: T, causes: C, solution: S }]\n`;
    await activatePlan({ store, clock: systemClock, random: cryptoRandomness }, SYSTEM_ACTOR, {
      fileName: 'bench.yaml',
      text: plan,
    });
    let transitions = 0;
    const scheduler = new CheckScheduler({
      store,
      plans: new PlanCatalog(store, 1_000),
      clock: systemClock,
      // One host for every check here: the per-host limit must not be what is measured.
      perTargetConcurrency: 1_000,
      globalConcurrency: 1_000,
      maintenance: null,
      onTransition: () => {
        transitions++;
      },
    });
    await scheduler.start();
    await sleep(WARMUP_MS);
    scheduler.resetLateness();
    const before = scheduler.stats();
    const cost = await measure(() => sleep(DURATION_MS));
    const after = scheduler.stats();
    await scheduler.stop();
    const stored = await handle.db
      .selectFrom('check_results')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      mode: 'scheduler',
      dialect: handle.dialect,
      runs: after.runs - before.runs,
      ...cost,
      latenessP50Ms: after.latenessP50Ms,
      latenessP99Ms: after.latenessP99Ms,
      latenessMaxMs: after.latenessMaxMs,
      overlaps: after.overlaps - before.overlaps,
      flushes: after.writer.flushes - before.writer.flushes,
      rowsWritten: after.writer.rows - before.writer.rows,
      rowsStored: Number(stored.n),
      transitions,
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}

const result = values.mode === 'bare' ? await bare() : await scheduled();
const perCheckUs = result.runs > 0 ? Math.round((result.cpuMs * 1000) / result.runs) : null;
console.log(
  JSON.stringify({
    ...result,
    probe: probeKind,
    checks: CHECKS,
    everyMs: EVERY_MS,
    checksPerSecond: Math.round((result.runs / result.wallMs) * 1000),
    cpuPercentOfOneCore: Math.round((result.cpuMs / result.wallMs) * 1000) / 10,
    cpuUsPerCheck: perCheckUs,
  }),
);
