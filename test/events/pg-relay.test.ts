import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentBus, type CheckStateChange } from '../../packages/server/src/events/incident-bus';
import { PgIncidentRelay } from '../../packages/server/src/events/pg-relay';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';

async function eventually(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Nodes sharing PostgreSQL tell each other of incident changes and of checks changing state,
// so that a screen's live stream follows the checks run by any node.
describe('the relay between nodes on PostgreSQL (LISTEN/NOTIFY)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const relays: PgIncidentRelay[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // `pool.end()` resolves before its connections have closed: dropping the database may then
    // terminate one, and a pool with no error listener throws that from its idle client (as
    // the server's own pool does, in `connect.ts`, it is ignored).
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await pool.end();
    await database.drop();
  });

  async function node() {
    const bus = new IncidentBus();
    const incidents: string[] = [];
    const checks: CheckStateChange[] = [];
    let engineWoken = 0;
    bus.subscribe((change) => incidents.push(...change.incidentIds));
    bus.subscribeChecks((changes) => checks.push(...changes));
    const relay = new PgIncidentRelay(
      database.url,
      bus,
      async (channel, payload) => {
        await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
      },
      () => engineWoken++,
    );
    await relay.start();
    relays.push(relay);
    return { relay, incidents, checks, woken: () => engineWoken };
  }

  it('carries incident changes and check states to the other nodes, not back to the sender', async () => {
    const a = await node();
    const b = await node();
    const changes = Array.from(
      { length: 150 },
      (_, i) => ({ checkId: `check-${i}`, state: i % 2 ? 'down' : 'up' }) as const,
    );
    await a.relay.announceChecks(changes);
    await a.relay.announce(['incident-1']);
    await eventually('the incident change at b', () => b.incidents.includes('incident-1'));
    await eventually('the 150 check states at b', () => b.checks.length === 150);
    expect(b.checks).toEqual(changes);
    // Only incident changes wake the other node's engine.
    expect(b.woken()).toBe(1);
    expect(a.incidents).toEqual([]);
    expect(a.checks).toEqual([]);
  });

  it('ignores a notification that is not one of its messages', async () => {
    const b = await node();
    await pool.query("SELECT pg_notify('vigie_incidents', 'not JSON')");
    await pool.query("SELECT pg_notify('vigie_incidents', $1)", [
      JSON.stringify({ node: 'elsewhere', checks: [{ checkId: 'x', state: 'on fire' }] }),
    ]);
    const a = await node();
    await a.relay.announceChecks([{ checkId: 'after', state: 'up' }]);
    await eventually('the valid message', () => b.checks.length > 0);
    expect(b.checks).toEqual([{ checkId: 'after', state: 'up' }]);
  });
});
