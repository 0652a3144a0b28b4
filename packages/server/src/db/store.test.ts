import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activatePlan,
  createUser,
  login,
  authenticateSession,
  SYSTEM_ACTOR,
  verifyAuditLog,
  initialCheckMemory,
  type Actor,
  type CheckResultRecord,
  type CheckStateRecord,
  type Signal,
  type Store,
} from '@vigie/core';
import { kyselyStore } from './kysely-store';
import type { DatabaseHandle } from './connect';
import { DIALECTS, createMigratedDatabase } from '../testing/test-databases';
import { fastPasswords, ManualClock, testRandomness } from '../testing/factories';

const SEED_PLAN = readFileSync(new URL('../../../../plans/media-contact-cameroun.yaml', import.meta.url), 'utf8');

describe.each(DIALECTS)('store on %s', (dialect) => {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  let store: Store;
  const clock = new ManualClock();
  const ports = () => ({ store, clock, random: testRandomness, passwords: fastPasswords });

  beforeAll(async () => {
    ({ handle, dispose } = await createMigratedDatabase(dialect));
    store = kyselyStore(handle.db, handle.dialect);
  });
  afterAll(() => dispose());

  it('stores each distinct plan as a new version and serves the active one', async () => {
    const first = await activatePlan(ports(), SYSTEM_ACTOR, { fileName: 'seed.yaml', text: SEED_PLAN });
    expect(first.changed).toBe(true);
    expect(first.version.number).toBe(1);

    const again = await activatePlan(ports(), SYSTEM_ACTOR, { fileName: 'seed.yaml', text: SEED_PLAN });
    expect(again.changed).toBe(false);

    clock.advance(1000);
    const edited = SEED_PLAN.replace('title: Plan de continuité', 'title: PCA révisé — Plan de continuité');
    const second = await activatePlan(ports(), SYSTEM_ACTOR, { fileName: 'seed-v2.yaml', text: edited });
    expect(second.version.number).toBe(2);

    const active = await store.transaction((tx) => tx.plans.active());
    expect(active?.number).toBe(2);
    expect(active?.source).toBe(edited);
    const versions = await store.transaction((tx) => tx.plans.list());
    expect(versions.map((v) => [v.number, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);

    // Loading the first text again re-activates version 1 instead of duplicating it.
    const back = await activatePlan(ports(), SYSTEM_ACTOR, { fileName: 'seed.yaml', text: SEED_PLAN });
    expect(back.version.number).toBe(1);
  });

  it('never replaces the active plan with a broken one', async () => {
    const before = await store.transaction((tx) => tx.plans.active());
    const broken = SEED_PLAN.replace('target: 4h', 'target: quatre heures');
    await expect(activatePlan(ports(), SYSTEM_ACTOR, { fileName: 'broken.yaml', text: broken })).rejects.toMatchObject({
      kind: 'Invalid',
    });
    const after = await store.transaction((tx) => tx.plans.active());
    expect(after?.id).toBe(before?.id);
  });

  it('creates users, refuses a duplicate email, and opens sessions', async () => {
    const user = await createUser(ports(), SYSTEM_ACTOR, {
      email: 'Tech@Example.org',
      role: 'operator',
      password: 'a long enough password',
    });
    expect(user.email).toBe('tech@example.org');
    await expect(
      createUser(ports(), SYSTEM_ACTOR, {
        email: 'tech@example.org',
        role: 'viewer',
        password: 'another long password',
      }),
    ).rejects.toMatchObject({ kind: 'Conflict' });

    await expect(login(ports(), { email: 'tech@example.org', password: 'wrong password!!' })).rejects.toMatchObject({
      kind: 'Unauthenticated',
    });
    const session = await login(ports(), { email: 'TECH@example.org', password: 'a long enough password' });
    const auth = await authenticateSession(ports(), session.sessionToken);
    expect(auth?.actor).toMatchObject({ kind: 'user', role: 'operator', label: 'tech@example.org' });

    clock.advance(13 * 3_600_000);
    expect(await authenticateSession(ports(), session.sessionToken)).toBeUndefined();
  });

  it('only lets an administrator create users', async () => {
    const operator: Actor = { kind: 'user', id: 'x', label: 'op', role: 'operator', clientId: null };
    await expect(
      createUser(ports(), operator, { email: 'new@example.org', role: 'admin', password: 'a long enough password' }),
    ).rejects.toMatchObject({ kind: 'Forbidden' });
  });

  it('keeps an intact audit chain, and notices an altered row', async () => {
    const verdict = await verifyAuditLog({ store });
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.entries).toBeGreaterThanOrEqual(5);

    await handle.db.updateTable('audit_log').set({ actor: 'someone else' }).where('seq', '=', 2).execute();
    expect(await verifyAuditLog({ store })).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('keeps the chain in order under concurrent appends', async () => {
    await handle.db.deleteFrom('audit_log').execute();
    await handle.db
      .updateTable('audit_head')
      .set({ seq: 0, hash: '0'.repeat(64) })
      .execute();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createUser(ports(), SYSTEM_ACTOR, {
          email: `u${i}@example.org`,
          role: 'viewer',
          password: 'a long enough password',
        }),
      ),
    );
    expect(await verifyAuditLog({ store })).toEqual({ ok: true, entries: 20 });
  });
  it('keeps the claim on running jobs while it is renewed, and frees it once the lease runs out', async () => {
    const at = 5_000_000;
    const job = (key: string) => ({
      id: testRandomness.id(),
      key,
      kind: 'detection.flush' as const,
      incidentId: null,
      runAt: at,
      payload: {},
      createdAt: at,
    });
    await store.transaction(async (tx) => {
      await tx.jobs.schedule(job('lease-running'));
      await tx.jobs.schedule(job('lease-dead'));
    });
    const claimed = await store.transaction((tx) => tx.jobs.claimDue(at, 10, at + 30_000));
    const running = claimed.find((j) => j.key === 'lease-running')!;
    expect(claimed.map((j) => j.key).sort()).toEqual(['lease-dead', 'lease-running']);
    // The node running one of them renews its lease; the other node died.
    await store.transaction((tx) => tx.jobs.extendClaims([running.id], at + 60_000));
    const later = await store.transaction((tx) => tx.jobs.claimDue(at + 40_000, 10, at + 70_000));
    expect(later.map((j) => j.key)).toEqual(['lease-dead']);
    // A finished job is not claimed again by a late renewal.
    await store.transaction(async (tx) => {
      await tx.jobs.complete(running.id, at + 41_000);
      await tx.jobs.extendClaims([running.id], at + 90_000);
    });
    const afterLease = await store.transaction((tx) => tx.jobs.claimDue(at + 100_000, 10, at + 130_000));
    expect(afterLease.map((j) => j.key)).toEqual(['lease-dead']);
  });

  it('records live signals in a few statements: new ones inserted, repeats refreshed, recovered ones left', async () => {
    const signal = (i: number, at: number): Signal => ({
      id: testRandomness.id(),
      source: `alert:store-${i}`,
      threatId: 'menace-2',
      assetId: null,
      state: 'down',
      message: `alerte ${i}`,
      firstAt: at,
      lastAt: at,
      status: 'pending',
      incidentId: null,
      recoveredAt: null,
      data: { labels: { n: String(i) } },
    });
    // 341 = 256 + 64 + 16 + 4 + 1: every statement size at once.
    const first = Array.from({ length: 341 }, (_, i) => signal(i, 1_000));
    const inserted = await store.transaction((tx) => tx.signals.recordLive(first));
    expect(inserted).toEqual(new Set(first.map((s) => s.id)));

    await store.transaction((tx) => tx.signals.update({ ...first[7]!, status: 'recovered', recoveredAt: 1_500 }));
    // A minute later or more: the repeat's time becomes the live signal's last report.
    const again = [signal(3, 61_000), signal(7, 61_000), signal(400, 61_000)];
    const second = await store.transaction((tx) => tx.signals.recordLive(again));
    // Source 3 was live: refreshed. Source 7 had recovered: a new failure.
    expect(second).toEqual(new Set([again[1]!.id, again[2]!.id]));
    const live = () => store.transaction((tx) => tx.signals.liveFromSources(['alert:store-3', 'alert:store-7']));
    const expected = [
      ['alert:store-3', first[3]!.id, 1_000, 61_000, 'alerte 3', { labels: { n: '3' } }],
      ['alert:store-7', again[1]!.id, 61_000, 61_000, 'alerte 7', { labels: { n: '7' } }],
    ];
    expect((await live()).map((s) => [s.source, s.id, s.firstAt, s.lastAt, s.message, s.data]).sort()).toEqual(
      expected,
    );

    // Sooner than a minute: a repeat, nothing inserted, and the row left as it was.
    const soon = await store.transaction((tx) => tx.signals.recordLive([signal(3, 120_000), signal(7, 90_000)]));
    expect(soon).toEqual(new Set());
    expect((await live()).map((s) => [s.source, s.id, s.firstAt, s.lastAt, s.message, s.data]).sort()).toEqual(
      expected,
    );
  });

  it('raises, recovers and tells where live signals are, many at a time', async () => {
    const signal = (i: number, assetId: string | null, data: Record<string, unknown> = {}): Signal => ({
      id: testRandomness.id(),
      source: `alert:raise-${i}`,
      threatId: 'menace-2',
      assetId,
      state: 'down',
      message: `alerte ${i}`,
      firstAt: 1_000 + i,
      lastAt: 1_000 + i,
      status: 'pending',
      incidentId: null,
      recoveredAt: null,
      data,
    });
    // 1,201 signals on one asset, more than a statement holds; a combination's, that lists its assets.
    const storm = Array.from({ length: 1_201 }, (_, i) => signal(i, 'hmp'));
    const combination = { ...signal(5_000, null, { assets: ['sql', 'crm'] }), source: 'rule:raise/1' as const };
    await store.transaction((tx) => tx.signals.recordLive([...storm, combination]));
    const incident = testRandomness.id();
    // The store holds other tests' signals too: these are told by their sources.
    const mine = (signals: Signal[]) => signals.filter((s) => /^(alert|rule):raise/.test(s.source));
    // Read a page at a time, oldest first, up to a time.
    const pending = async (firstAtUntil: number) => {
      const all: Signal[] = [];
      for (let after: Signal | undefined, page: Signal[] = []; all.length === 0 || page.length === 300;) {
        page = await store.transaction((tx) => tx.signals.pending({ firstAtUntil, limit: 300, after }));
        all.push(...page);
        after = page.at(-1);
        if (!page.length) break;
      }
      return mine(all);
    };
    expect((await pending(10_000)).map((s) => s.id)).toEqual([...storm.map((s) => s.id), combination.id]);
    expect((await pending(1_099)).map((s) => s.id)).toEqual(storm.slice(0, 100).map((s) => s.id));

    await store.transaction(async (tx) => {
      await tx.signals.raise([storm[0]!.id], 'opened', incident);
      await tx.signals.raise(
        storm.slice(1).map((s) => s.id),
        'attached',
        incident,
      );
    });
    expect(await pending(10_000)).toEqual([combination]);
    const raised = await store.transaction((tx) => tx.signals.forIncident(incident, { limit: 10_000, offset: 0 }));
    expect(raised.map((s) => s.id)).toEqual(storm.map((s) => s.id));
    // A page at a time, oldest first.
    const lastPage = await store.transaction((tx) => tx.signals.forIncident(incident, { limit: 500, offset: 1_000 }));
    expect(lastPage.map((s) => s.id)).toEqual(storm.slice(1_000).map((s) => s.id));
    expect(raised.filter((s) => s.status === 'opened').map((s) => s.id)).toEqual([storm[0]!.id]);
    // Where they are: one row per asset and incident however many signals.
    const where = await store.transaction((tx) => tx.signals.liveAssets());
    expect(where.filter((row) => row.assetId === 'hmp')).toEqual([{ assetId: 'hmp', incidentId: incident, data: {} }]);
    expect(where).toContainEqual({ assetId: null, incidentId: null, data: { assets: ['sql', 'crm'] } });

    // All but one recovered in one go, each with its own message.
    const recovered = storm.slice(0, 1_200);
    await store.transaction((tx) =>
      tx.signals.recover(
        recovered.map((s, i) => ({ id: s.id, message: `revenu ${i}` })),
        9_000,
      ),
    );
    expect(await store.transaction((tx) => tx.signals.anyLiveForIncident(incident))).toBe(true);
    const after = await store.transaction((tx) => tx.signals.forIncident(incident, { limit: 10_000, offset: 0 }));
    expect(after.filter((s) => s.status === 'recovered')).toHaveLength(1_200);
    expect(after.find((s) => s.id === recovered[777]!.id)).toMatchObject({
      status: 'recovered',
      recoveredAt: 9_000,
      message: 'revenu 777',
    });
    expect((await store.transaction((tx) => tx.signals.liveFromSources(['alert:raise-777']))).length).toBe(0);
    await store.transaction((tx) => tx.signals.recover([{ id: storm[1_200]!.id, message: 'revenu' }], 9_500));
    expect(await store.transaction((tx) => tx.signals.anyLiveForIncident(incident))).toBe(false);
  });

  it('writes check results and states in batches of any size, each read back as written', async () => {
    // 585 = 512 + 64 + 8 + 1 results, on three checks.
    const results: CheckResultRecord[] = Array.from({ length: 585 }, (_, i) => ({
      checkId: `batch-${i % 3}`,
      at: 10_000 + i,
      status: i % 5 === 0 ? 'down' : 'up',
      latencyMs: i / 10,
      message: `réponse ${i}`,
      values: Object.fromEntries(i % 2 === 0 ? [['statusCode', 200]] : []),
    }));
    await store.transaction((tx) => tx.checkResults.insertMany(results));
    const first = await store.transaction((tx) => tx.checkResults.list('batch-1', 0, 20_000, 1_000));
    expect(first).toHaveLength(195);
    expect(first[0]).toEqual(results[1]);
    expect(first.at(-1)).toEqual(results[583]);

    // 293 = 256 + 32 + 4 + 1 states; then some of them again, changed.
    const state = (i: number, upRun: number): CheckStateRecord => ({
      checkId: `state-${i}`,
      shard: i % 7,
      memory: {
        ...initialCheckMemory(),
        state: 'up',
        since: 1_000,
        upRun,
        recent: 'uuu',
        lastStatus: 'up',
        lastAt: 2_000,
      },
      lastLatencyMs: 1.5,
      lastMessage: `HTTP 200 OK ${i}`,
      lastValues: i % 2 === 0 ? { statusCode: 200, certDaysLeft: 40 + upRun, tls: true } : {},
      updatedAt: 2_000 + upRun,
    });
    await store.transaction((tx) => tx.checkStates.upsertMany(Array.from({ length: 293 }, (_, i) => state(i, 1))));
    await store.transaction((tx) => tx.checkStates.upsertMany([state(5, 9), state(292, 9)]));
    const read = await store.transaction((tx) => tx.checkStates.forChecks(['state-0', 'state-5', 'state-292']));
    expect(read.sort((a, b) => a.updatedAt - b.updatedAt || a.checkId.localeCompare(b.checkId))).toEqual([
      state(0, 1),
      state(292, 9),
      state(5, 9),
    ]);
  });
});
