import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { CheckStateNameSchema } from '@vigie/contract';
import type { CheckStateChange, IncidentBus } from './incident-bus';

const CHANNEL = 'vigie_incidents';
const MessageSchema = z.object({
  node: z.string(),
  ids: z.array(z.string()).max(1000).default([]),
  checks: z
    .array(z.object({ checkId: z.string(), state: CheckStateNameSchema }))
    .max(1000)
    .default([]),
});
/** Changes per message: well under PostgreSQL's 8,000-byte limit on a notification. */
const PER_MESSAGE = 100;

/** A notification's payload as JSON, or undefined when it is not (someone else's NOTIFY). */
function parseJson(payload: string | undefined): unknown {
  try {
    return JSON.parse(payload ?? 'null');
  } catch {
    return undefined;
  }
}

/**
 * Carries incident changes and check state changes between Vigie nodes sharing one
 * PostgreSQL database (LISTEN/NOTIFY): a change on one node reaches the live streams of all.
 */
export class PgIncidentRelay {
  private readonly node = randomUUID();
  private listener: pg.Client | undefined;

  constructor(
    private readonly url: string,
    private readonly bus: IncidentBus,
    /** Runs `SELECT pg_notify(channel, payload)` on the shared pool. */
    private readonly notify: (channel: string, payload: string) => Promise<void>,
    private readonly onRemoteChange: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const { default: driver } = await import('pg');
    const client = new driver.Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      const parsed = MessageSchema.safeParse(parseJson(message.payload));
      if (!parsed.success || parsed.data.node === this.node) return;
      this.bus.publishChecks(parsed.data.checks);
      if (parsed.data.ids.length === 0) return;
      this.bus.publish(parsed.data.ids);
      this.onRemoteChange();
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  /** Tells the other nodes; this node's own streams were told already. */
  async announce(ids: Iterable<string>): Promise<void> {
    const list = [...ids];
    for (let i = 0; i < list.length; i += PER_MESSAGE) {
      await this.notify(CHANNEL, JSON.stringify({ node: this.node, ids: list.slice(i, i + PER_MESSAGE) }));
    }
  }

  /** Tells the other nodes of checks that changed state on this one. */
  async announceChecks(changes: readonly CheckStateChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += PER_MESSAGE) {
      await this.notify(CHANNEL, JSON.stringify({ node: this.node, checks: changes.slice(i, i + PER_MESSAGE) }));
    }
  }

  async stop(): Promise<void> {
    await this.listener?.end();
    this.listener = undefined;
  }
}
