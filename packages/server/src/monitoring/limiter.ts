type Grant = () => void;

/**
 * Bounds how many checks run at once: in all, and against one target. A check waiting
 * for a busy target does not hold a global slot, so one slow host cannot stall the
 * others; waiting targets are served in turn.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly perKey = new Map<string, number>();
  private readonly queues = new Map<string, Grant[]>();
  /** Targets with waiting checks and room of their own: waiting only for a global slot. */
  private readonly ready: string[] = [];
  private readonly readySet = new Set<string>();

  constructor(
    private readonly globalLimit: number,
    private readonly perKeyLimit: number,
  ) {}

  /** Checks running now. */
  get running(): number {
    return this.active;
  }

  /** Runs `work` once a slot is free for its target and overall. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  private hasRoom(key: string): boolean {
    return (this.perKey.get(key) ?? 0) < this.perKeyLimit;
  }

  private take(key: string): void {
    this.active++;
    this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
  }

  private markReady(key: string): void {
    if (this.readySet.has(key) || !this.queues.get(key)?.length || !this.hasRoom(key)) return;
    this.ready.push(key);
    this.readySet.add(key);
  }

  private acquire(key: string): Promise<void> {
    if (this.active < this.globalLimit && this.hasRoom(key) && !this.queues.get(key)?.length) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const queue = this.queues.get(key) ?? [];
      queue.push(resolve);
      this.queues.set(key, queue);
      this.markReady(key);
    });
  }

  private release(key: string): void {
    this.active--;
    const left = (this.perKey.get(key) ?? 1) - 1;
    if (left === 0) this.perKey.delete(key);
    else this.perKey.set(key, left);
    this.markReady(key);
    while (this.active < this.globalLimit && this.ready.length > 0) {
      const next = this.ready.shift()!;
      this.readySet.delete(next);
      const queue = this.queues.get(next);
      const grant = queue?.shift();
      if (!grant) continue;
      if (queue!.length === 0) this.queues.delete(next);
      this.take(next);
      grant();
      this.markReady(next);
    }
  }
}
