import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_SHARD_COUNT, type Store } from '@vigie/core';
import type { CheckScheduler } from '../../packages/server/src/monitoring/scheduler';
import { HttpTarget, monitoringBed, monitoringPlan, waitFor, type MonitoringBed } from './support';

const LEASE_MS = 3_000;
const CHECKS = Array.from({ length: 40 }, (_, i) => `web-${i}`);

/** The real store, until the node is cut off from the database (a partition, a frozen process). */
function severable(store: Store): { store: Store; sever(): void } {
  let severed = false;
  return {
    store: {
      transaction: (work) =>
        severed ? Promise.reject(new Error('connection to the database lost')) : store.transaction(work),
    },
    sever: () => (severed = true),
  };
}

describe('two scheduler nodes on one PostgreSQL database', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp(): Promise<MonitoringBed> {
    const target = new HttpTarget();
    await target.start();
    cleanup.push(() => target.stop());
    const bed = await monitoringBed(
      'postgres',
      monitoringPlan(
        CHECKS.map((id) => `{ id: ${id}, asset: serveur, probe: http, target: "${target.url(`/${id}`)}", every: 1s }`),
      ),
    );
    cleanup.push(() => bed.dispose());
    return bed;
  }

  const options = { leaseMs: LEASE_MS, perTargetConcurrency: 40 };
  const latestResult = async (bed: MonitoringBed, checkId: string) =>
    (await bed.store.transaction((tx) => tx.checkResults.list(checkId, 0, Date.now() + 60_000, 10_000))).at(-1)?.at ??
    0;

  async function split(a: CheckScheduler, b: CheckScheduler): Promise<void> {
    await waitFor('the shards split between the nodes', () => {
      const both = [...a.ownedShards, ...b.ownedShards];
      return (
        a.ownedShards.size > 0 &&
        b.ownedShards.size > 0 &&
        new Set(both).size === CHECK_SHARD_COUNT &&
        both.length === CHECK_SHARD_COUNT
      );
    });
  }

  it('split the shards, probe each check once, and one takes over within a lease period when the other stops renewing', async () => {
    const bed = await setUp();
    const a = bed.scheduler({ ...options, nodeId: 'node-a' }).scheduler;
    const cut = severable(bed.store);
    const b = bed.scheduler({ ...options, nodeId: 'node-b', store: cut.store }).scheduler;
    await a.start();
    await b.start();
    await split(a, b);
    const leases = await bed.store.transaction((tx) => tx.shardLeases.list());
    expect(new Set(leases.map((l) => l.owner))).toEqual(new Set(['node-a', 'node-b']));

    // Each check is probed by one node only: about one result a second, not two.
    const from = Date.now() + 1_000;
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await a.flush();
    await b.flush();
    for (const id of CHECKS) {
      const results = await bed.store.transaction((tx) => tx.checkResults.list(id, from, from + 4_000, 100));
      expect(results.length, id).toBeGreaterThanOrEqual(3);
      expect(results.length, id).toBeLessThanOrEqual(5);
    }

    // Node b loses the database: it can renew nothing; a takes its shards once their leases run out.
    const bRunsBefore = b.stats().runs;
    const severedAt = Date.now();
    cut.sever();
    await waitFor('node a holding every shard', () => a.ownedShards.size === CHECK_SHARD_COUNT, 15_000);
    const takeoverMs = Date.now() - severedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS + 1_500);
    const owners = await bed.store.transaction((tx) => tx.shardLeases.list());
    expect(owners.every((l) => l.owner === 'node-a')).toBe(true);

    // Every check goes on being probed, node b's by node a.
    const takenOverAt = Date.now();
    await waitFor(
      'a result after the takeover for every check',
      async () => {
        await a.flush();
        const latest = await Promise.all(CHECKS.map((id) => latestResult(bed, id)));
        return latest.every((at) => at > takenOverAt);
      },
      15_000,
    );
    // Node b stopped probing once its own leases could have run out.
    const bRunsAfterLease = b.stats().runs;
    expect(bRunsAfterLease - bRunsBefore).toBeLessThan(CHECKS.length * 3);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(b.stats().runs).toBe(bRunsAfterLease);
  }, 120_000);

  it('hand the shards over at once when a node stops', async () => {
    const bed = await setUp();
    const a = bed.scheduler({ ...options, nodeId: 'node-a' }).scheduler;
    const b = bed.scheduler({ ...options, nodeId: 'node-b' }).scheduler;
    await a.start();
    await b.start();
    await split(a, b);
    const stoppedAt = Date.now();
    await a.stop();
    await waitFor('node b holding every shard', () => b.ownedShards.size === CHECK_SHARD_COUNT, 15_000);
    // The next renewal (a third of the lease period) takes them: no lease to wait out.
    expect(Date.now() - stoppedAt).toBeLessThan(LEASE_MS);
  }, 120_000);
});
