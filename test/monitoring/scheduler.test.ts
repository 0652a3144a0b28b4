import { afterEach, describe, expect, it } from 'vitest';
import { readCheckResults, SYSTEM_ACTOR, type CheckResultRecord } from '@vigie/core';
import { systemClock } from '../../packages/server/src/adapters/system';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { freePort } from '../support/peers/process';
import { HttpTarget, monitoringBed, monitoringPlan, moves, waitFor, type MonitoringBed } from './support';

const TIMEOUT = 90_000;

describe.each(DIALECTS)('check scheduler on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function target(): Promise<HttpTarget> {
    const t = new HttpTarget();
    await t.start();
    cleanup.push(() => t.stop());
    return t;
  }

  async function bed(checks: string[]): Promise<MonitoringBed> {
    const b = await monitoringBed(dialect, monitoringPlan(checks));
    cleanup.push(() => b.dispose());
    return b;
  }

  async function results(b: MonitoringBed, checkId: string): Promise<CheckResultRecord[]> {
    return b.store.transaction((tx) => tx.checkResults.list(checkId, 0, Date.now() + 60_000, 10_000));
  }

  /** How many of a check's stored results were failures. */
  async function failures(b: MonitoringBed, checkId: string): Promise<number> {
    return (await results(b, checkId)).filter((r) => r.status === 'down').length;
  }

  /** The statuses of the results up to a time, newest last. */
  async function statusesUntil(b: MonitoringBed, checkId: string, at: number): Promise<string[]> {
    return (await results(b, checkId)).filter((r) => r.at <= at).map((r) => r.status);
  }

  it(
    'takes HTTP and TCP checks down after failAfter failures and up again after recoverAfter successes',
    async () => {
      const http = await target();
      const b = await bed([
        `{ id: crm-web, asset: crm, probe: http, target: "${http.url()}", every: 1s, timeout: 2s, failAfter: 2, recoverAfter: 2 }`,
        `{ id: crm-port, asset: crm, probe: tcp, target: "127.0.0.1:${http.port}", every: 1s, timeout: 2s, failAfter: 3, recoverAfter: 1 }`,
      ]);
      const { scheduler, transitions } = b.scheduler();
      await scheduler.start();
      await waitFor('both checks up', () =>
        ['crm-web', 'crm-port'].every((id) => moves(transitions, id).includes('unknown>up')),
      );

      await http.stop();
      await waitFor('both checks down', () =>
        ['crm-web', 'crm-port'].every((id) => moves(transitions, id).includes('up>down')),
      );
      const webDown = transitions.find((t) => t.checkId === 'crm-web' && t.to === 'down')!;
      expect(webDown.result.status).toBe('down');
      // The plan says no language: its checks speak French.
      expect(webDown.result.message).toContain('Aucune réponse HTTP');
      // Exactly failAfter failures after the last success made the check down.
      expect((await statusesUntil(b, 'crm-web', webDown.at)).slice(-3)).toEqual(['up', 'down', 'down']);
      const portDown = transitions.find((t) => t.checkId === 'crm-port' && t.to === 'down')!;
      expect((await statusesUntil(b, 'crm-port', portDown.at)).slice(-4)).toEqual(['up', 'down', 'down', 'down']);

      await http.start();
      await waitFor('both checks up again', () =>
        ['crm-web', 'crm-port'].every((id) => moves(transitions, id).includes('down>up')),
      );
      const webUp = transitions.find((t) => t.checkId === 'crm-web' && t.from === 'down')!;
      expect((await statusesUntil(b, 'crm-web', webUp.at)).slice(-3)).toEqual(['down', 'up', 'up']);
      expect(moves(transitions, 'crm-web')).toEqual(['unknown>up', 'up>down', 'down>up']);

      await scheduler.flush();
      const [state] = await b.store.transaction((tx) => tx.checkStates.forChecks(['crm-web']));
      expect(state?.memory.state).toBe('up');
      expect(state?.memory.since).toBe(webUp.at);
      // Delivered transitions are marked, so that none is handed over twice.
      await waitFor('transitions marked delivered', async () => {
        await scheduler.flush();
        const stored = await b.store.transaction((tx) => tx.checkTransitions.listForCheck('crm-web', 10));
        return stored.length === 3 && stored.every((t) => t.deliveredAt !== null);
      });
    },
    TIMEOUT,
  );

  it(
    'recognises a flapping check and reports it settled after a calm stretch',
    async () => {
      const http = await target();
      http.mode = 'alternate';
      const b = await bed([
        `{ id: mgw, asset: crm, probe: http, target: "${http.url()}", every: 1s, timeout: 2s, failAfter: 3, recoverAfter: 2 }`,
      ]);
      const { scheduler, transitions } = b.scheduler();
      await scheduler.start();
      await waitFor('mgw flapping', () => moves(transitions, 'mgw').some((m) => m.endsWith('>flapping')), 30_000);
      const flapping = transitions.find((t) => t.to === 'flapping')!;
      // Never down: no three failures in a row, yet the alternation is seen.
      expect(moves(transitions, 'mgw')).not.toContain('up>down');
      expect(await statusesUntil(b, 'mgw', flapping.at)).toHaveLength(6);

      http.mode = 'up';
      await waitFor('mgw settled up', () => moves(transitions, 'mgw').includes('flapping>up'), 30_000);
      const settled = transitions.find((t) => t.from === 'flapping')!;
      expect((await statusesUntil(b, 'mgw', settled.at)).slice(-5)).toEqual(['up', 'up', 'up', 'up', 'up']);
    },
    TIMEOUT,
  );

  it(
    'spreads starts, writes results in batches and reads them back',
    // Phases are read from result times: a machine stalled for half a second at start-up
    // bunched the first runs once (a loaded CI machine), so the latest run of each check is
    // read, when the checks are back on their phases, and one more try is allowed.
    { timeout: TIMEOUT, retry: 1 },
    async () => {
      const http = await target();
      const checks = Array.from(
        { length: 20 },
        (_, i) => `{ id: web-${i}, asset: serveur, probe: http, target: "${http.url(`/${i}`)}", every: 1s }`,
      );
      const b = await bed(checks);
      const { scheduler, transitions } = b.scheduler({ flushMs: 1_000, perTargetConcurrency: 20 });
      await scheduler.start();
      // Each first result is a transition, written at once; then results wait for their batch.
      await waitFor('every check up', () => transitions.length === 20);
      const before = scheduler.stats().writer;
      await waitFor('100 more results written', () => scheduler.stats().writer.rows >= before.rows + 100);
      const stats = scheduler.stats();
      // About 20 results a second, written once a second: far fewer writes than results.
      expect(stats.writer.flushes - before.flushes).toBeLessThan((stats.writer.rows - before.rows) / 5);
      expect(stats.runs).toBeGreaterThanOrEqual(100);
      // A run still going when its next is due is skipped. How many depends on how starved the
      // machine is (16 % once on a loaded CI machine); most runs overlapping would be runs piling up.
      expect(stats.overlaps).toBeLessThan(stats.runs / 4);
      // Spread over the second, starts are not late by more than the machine's noise.
      expect(stats.latenessP99Ms).toBeLessThan(1_000);
      // Each check keeps its own phase in the second: the starts spread over it, not in a herd.
      const phases = await Promise.all(
        checks.map(async (_, i) => ((await results(b, `web-${i}`)).at(-1)?.at ?? 0) % 1_000),
      );
      expect(Math.max(...phases) - Math.min(...phases)).toBeGreaterThan(500);

      const read = await readCheckResults({ store: b.store, clock: systemClock, plans: b.catalog }, SYSTEM_ACTOR, {
        checkId: 'web-3',
        resolution: 'auto',
      });
      expect(read.resolution).toBe('raw');
      if (read.resolution !== 'raw') throw new Error('expected raw results');
      expect(read.results.length).toBeGreaterThanOrEqual(3);
      expect(read.results.every((r) => r.status === 'up' && r.message.startsWith('HTTP 200 OK'))).toBe(true);
      const times = read.results.map((r) => r.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    },
  );

  it(
    'confirms a change of state with retries sooner than its interval, then keeps its interval',
    async () => {
      const http = await target();
      const b = await bed([
        `{ id: crm-web, asset: crm, probe: http, target: "${http.url()}", every: 5s, retryEvery: 1s, timeout: 2s, failAfter: 3, recoverAfter: 2 }`,
      ]);
      const { scheduler, transitions } = b.scheduler();
      await scheduler.start();
      await waitFor('crm-web up', () => moves(transitions, 'crm-web').includes('unknown>up'));
      const gaps = (records: CheckResultRecord[]) => records.slice(1).map((r, i) => r.at - records[i]!.at);

      http.mode = 'down';
      await waitFor('crm-web down', () => moves(transitions, 'crm-web').includes('up>down'));
      const down = transitions.find((t) => t.checkId === 'crm-web' && t.to === 'down')!;
      // Two more results at its own pace after the one that took it down.
      const afterDown = await waitFor('two results after the change', async () => {
        await scheduler.flush();
        const later = (await results(b, 'crm-web')).filter((r) => r.at > down.at);
        return later.length >= 2 ? later : undefined;
      });
      const failing = (await results(b, 'crm-web')).filter((r) => r.status === 'down' && r.at <= down.at);
      expect(failing).toHaveLength(3);
      // The three failures a retry apart (1 s), not an interval (5 s).
      for (const gap of gaps(failing)) expect(gap).toBeLessThan(2_500);
      // Once down, no more retries: the interval again.
      expect(gaps(afterDown.slice(0, 2))[0]).toBeGreaterThan(3_500);

      http.mode = 'up';
      await waitFor('crm-web up again', () => moves(transitions, 'crm-web').includes('down>up'));
      const up = transitions.find((t) => t.checkId === 'crm-web' && t.from === 'down')!;
      await scheduler.flush();
      const recovering = (await results(b, 'crm-web')).filter((r) => r.status === 'up' && r.at > down.at);
      expect(recovering.map((r) => r.at).at(-1)).toBe(up.at);
      expect(gaps(recovering.slice(-2))[0]).toBeLessThan(2_500);
    },
    TIMEOUT,
  );

  it(
    'picks up a new plan version without a restart',
    async () => {
      const http = await target();
      const b = await bed([`{ id: old-check, asset: serveur, probe: http, target: "${http.url('/old')}", every: 1s }`]);
      const { scheduler, transitions } = b.scheduler();
      await scheduler.start();
      await waitFor('old-check up', () => moves(transitions, 'old-check').includes('unknown>up'));

      await b.loadPlan(
        monitoringPlan(
          [`{ id: new-check, asset: crm, probe: tcp, target: "127.0.0.1:${http.port}", every: 1s }`],
          'Plan de test, version 2',
        ),
      );
      await waitFor('new-check up', () => moves(transitions, 'new-check').includes('unknown>up'));
      await scheduler.flush();
      const before = (await results(b, 'old-check')).length;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await scheduler.flush();
      // The removed check is no longer probed.
      expect((await results(b, 'old-check')).length).toBeLessThanOrEqual(before + 1);
      expect((await results(b, 'new-check')).length).toBeGreaterThanOrEqual(2);
    },
    TIMEOUT,
  );

  it(
    'writes results in the plan’s language: French unless the plan says English',
    async () => {
      const closed = await freePort();
      const check = `{ id: refused, asset: serveur, probe: tcp, target: "127.0.0.1:${closed}", every: 1s, failAfter: 1 }`;
      const b = await bed([check]);
      const { scheduler } = b.scheduler();
      await scheduler.start();
      const said = async () => {
        await scheduler.flush();
        return (await results(b, 'refused')).map((r) => r.message);
      };
      const french = new RegExp(`^TCP 127\\.0\\.0\\.1:${closed} : connexion refusée après [\\d,]+ ms$`);
      await waitFor('a result in French', async () => (await said()).some((m) => french.test(m)));

      await b.loadPlan(`${monitoringPlan([check], 'Plan de test, in English')}language: en\n`);
      await waitFor('a result in English', async () =>
        (await said()).some((m) => m.startsWith(`TCP 127.0.0.1:${closed}: connection refused after `)),
      );
    },
    TIMEOUT,
  );

  it(
    'probes checks marked as examples only when told to',
    async () => {
      const http = await target();
      const b = await bed([
        `{ id: example-web, asset: crm, probe: http, target: "${http.url('/example')}", every: 1s, example: true }`,
      ]);
      const plain = b.scheduler();
      await plain.scheduler.start();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await plain.scheduler.stop();
      expect(http.hits).toBe(0);
      expect(await results(b, 'example-web')).toEqual([]);

      const demo = b.scheduler({ includeExamples: true });
      await demo.scheduler.start();
      await waitFor('example probed', () => moves(demo.transitions, 'example-web').includes('unknown>up'));
      expect(http.hits).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    'resumes the count of failures after a restart',
    async () => {
      const http = await target();
      const b = await bed([
        `{ id: crm-web, asset: crm, probe: http, target: "${http.url()}", every: 1s, timeout: 2s, failAfter: 4 }`,
      ]);
      const first = b.scheduler();
      await first.scheduler.start();
      await waitFor('crm-web up', () => moves(first.transitions, 'crm-web').includes('unknown>up'));
      await http.stop();
      await waitFor('two failures written', async () => {
        await first.scheduler.flush();
        return (await failures(b, 'crm-web')) >= 2;
      });
      await first.scheduler.stop();
      const downsBefore = await failures(b, 'crm-web');
      expect(downsBefore).toBeLessThan(4);
      expect(moves(first.transitions, 'crm-web')).toEqual(['unknown>up']);

      const second = b.scheduler();
      await second.scheduler.start();
      await waitFor('crm-web down', () => moves(second.transitions, 'crm-web').includes('up>down'));
      const down = second.transitions.find((t) => t.to === 'down')!;
      // The new scheduler counted the failures of the old one: four in all, not four more.
      expect((await statusesUntil(b, 'crm-web', down.at)).slice(-5)).toEqual(['up', 'down', 'down', 'down', 'down']);
    },
    TIMEOUT,
  );

  it(
    'writes every result, but the state of a steady check only when it moves, and all of it when handing over',
    async () => {
      const http = await target();
      const b = await bed([
        `{ id: crm-web, asset: crm, probe: http, target: "${http.url()}", every: 1s, timeout: 2s, failAfter: 3 }`,
      ]);
      const stored = async () => (await b.store.transaction((tx) => tx.checkStates.forChecks(['crm-web'])))[0]!;
      const first = b.scheduler();
      await first.scheduler.start();
      await waitFor('crm-web up', () => moves(first.transitions, 'crm-web').includes('unknown>up'));
      await first.scheduler.flush();
      const whenUp = await stored();
      // Up and staying up: results keep coming, the stored state is not rewritten at each.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await first.scheduler.flush();
      const upResults = (await results(b, 'crm-web')).filter((r) => r.at > whenUp.updatedAt);
      expect(upResults.length).toBeGreaterThanOrEqual(3);
      expect((await stored()).updatedAt).toBe(whenUp.updatedAt);

      // Each failure is written with the state at once: the count under way is never lost.
      await http.stop();
      await waitFor('the failures counted in the stored state', async () => {
        await first.scheduler.flush();
        const downs = await failures(b, 'crm-web');
        const state = await stored();
        return downs >= 1 && state.memory.lastStatus === 'down' && state.memory.downRun === downs;
      });
      // Handing over (a clean stop) writes what this node knows: the next one resumes from it.
      await waitFor('a second failure', async () => {
        await first.scheduler.flush();
        return (await failures(b, 'crm-web')) >= 2;
      });
      await first.scheduler.stop();
      const downs = await failures(b, 'crm-web');
      expect((await stored()).memory.downRun).toBe(downs);
    },
    TIMEOUT,
  );
});
