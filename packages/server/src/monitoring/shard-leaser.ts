import type { Logger } from 'pino';
import { shardsFor, type Clock, type Store } from '@vigie/core';

export interface ShardLeaserOptions {
  nodeId: string;
  /** Within this time, the shards of a node that stopped renewing belong to others. */
  leaseMs: number;
  /** Called with shards this node now holds, before it runs their checks. */
  onAcquire(shards: number[]): Promise<void>;
  /** Called with shards this node no longer holds, before they are given back. */
  onLose(shards: number[]): Promise<void>;
  /** Called after each renewal, with the shards held. */
  onRenew?(shards: ReadonlySet<number>): Promise<void>;
  logger?: Logger | undefined;
}

/**
 * Holds this node's share of the shards through leases in the database. Every third of
 * the lease period it says it is alive, works out its share among the nodes alive
 * (rendezvous hashing), gives back what is no longer its own and claims the rest. A lease
 * runs two thirds of the period, so a node that stops renewing loses its shards to the
 * others within one period; a node whose renewal fails stops running the shards whose
 * lease may have run out.
 */
export class ShardLeaser {
  private held = new Set<number>();
  private validUntil = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: ShardLeaserOptions,
  ) {}

  /** The shards held now. */
  get shards(): ReadonlySet<number> {
    return this.held;
  }

  /** Whether the node may run a shard's checks now: held, and its lease not run out. */
  holds(shard: number, now: number): boolean {
    return now < this.validUntil && this.held.has(shard);
  }

  /** Claims the node's share at once, then keeps renewing it. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.options.leaseMs / 3)));
  }

  /** One round of renewal; rounds never overlap. */
  renew(): Promise<void> {
    this.chain = this.chain.then(() => this.round());
    return this.chain;
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    const until = now + Math.floor((this.options.leaseMs * 2) / 3);
    const { nodeId } = this.options;
    try {
      const nodes = await this.store.transaction((tx) => tx.shardLeases.announce(nodeId, now, until));
      const wanted = shardsFor(nodeId, nodes.includes(nodeId) ? nodes : [...nodes, nodeId]);
      const wantedSet = new Set(wanted);
      const giveBack = [...this.held].filter((s) => !wantedSet.has(s));
      if (giveBack.length) {
        await this.options.onLose(giveBack);
        for (const s of giveBack) this.held.delete(s);
        await this.store.transaction((tx) => tx.shardLeases.release(nodeId, giveBack));
      }
      const claimed = new Set(await this.store.transaction((tx) => tx.shardLeases.claim(nodeId, wanted, now, until)));
      this.validUntil = until;
      const lost = [...this.held].filter((s) => !claimed.has(s));
      if (lost.length) {
        this.options.logger?.warn({ shards: lost }, 'another node took shards this node held');
        await this.options.onLose(lost);
      }
      const gained = [...claimed].filter((s) => !this.held.has(s));
      this.held = claimed;
      if (gained.length) await this.options.onAcquire(gained.sort((a, b) => a - b));
      if (gained.length || giveBack.length || lost.length) {
        this.options.logger?.info(
          { node: nodeId, nodes: nodes.length, shards: claimed.size },
          'check shards rebalanced',
        );
      }
      await this.options.onRenew?.(this.held);
    } catch (error) {
      this.options.logger?.error({ err: error }, 'could not renew the check shard leases');
    }
  }

  /** Stops renewing and gives every shard back at once, so other nodes take them now. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
    this.stopped = true;
    const all = [...this.held];
    this.held = new Set();
    this.validUntil = -Infinity;
    try {
      if (all.length) await this.options.onLose(all);
      await this.store.transaction(async (tx) => {
        await tx.shardLeases.release(this.options.nodeId, all);
        await tx.shardLeases.leave(this.options.nodeId);
      });
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'could not give the check shards back; they expire on their own');
    }
  }
}
