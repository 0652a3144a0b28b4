import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { IncidentBus } from './incident-bus';

const CHANNEL = 'vigie_incidents';
const MessageSchema = z.object({ node: z.string(), ids: z.array(z.string()).max(1000) });

/**
 * Carries incident changes between Vigie nodes sharing one PostgreSQL database
 * (LISTEN/NOTIFY): a change committed on one node reaches the live streams of all.
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
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    client.on('notification', (message) => {
      const parsed = MessageSchema.safeParse(JSON.parse(message.payload ?? 'null'));
      if (!parsed.success || parsed.data.node === this.node) return;
      this.bus.publish(parsed.data.ids);
      this.onRemoteChange();
    });
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  /** Tells the other nodes; this node's own streams were told already. */
  async announce(ids: Iterable<string>): Promise<void> {
    const list = [...ids];
    for (let i = 0; i < list.length; i += 100) {
      await this.notify(CHANNEL, JSON.stringify({ node: this.node, ids: list.slice(i, i + 100) }));
    }
  }

  async stop(): Promise<void> {
    await this.listener?.end();
    this.listener = undefined;
  }
}
