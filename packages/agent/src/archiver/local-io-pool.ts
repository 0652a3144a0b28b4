import { Worker } from 'node:worker_threads';
import type { Checksummed } from './destination';

/** What a local copy read and saw of its source. */
export interface LocalCopy {
  read: Checksummed;
  sourceBefore: { size: number; mtimeMs: number };
  sourceAfter: { size: number; mtimeMs: number } | undefined;
  /** The first folder `mkdir -p` created, if any. */
  created: string | undefined;
}

/** A failure reported by a worker, with the side it happened on. */
export class LocalIoError extends Error {
  readonly code: string | undefined;
  readonly side: 'source' | 'destination';

  constructor(side: 'source' | 'destination', message: string, code: string | undefined) {
    super(message);
    this.side = side;
    this.code = code;
  }
}

/** What became of one `publishMany` pair. */
export type PublishOutcome =
  | { ok: 'published' | 'exists' | 'no-hard-links' }
  | { error: { side: 'source' | 'destination'; code?: string; message: string } };

interface Reply {
  id: number;
  ok?: unknown;
  error?: { side: 'source' | 'destination'; code?: string; message: string };
}

/** A few worker threads that copy and hash local files with synchronous calls. */
export class LocalIoPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./local-io-worker.js', import.meta.url));
      worker.on('message', (reply: Reply) => this.settle(worker, reply));
      worker.on('error', (error) => {
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private settle(worker: Worker, reply: Reply): void {
    const waiter = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    this.idle.push(worker);
    this.waiting.shift()?.();
    if (!waiter) return;
    if (reply.error) waiter.reject(new LocalIoError(reply.error.side, reply.error.message, reply.error.code));
    else waiter.resolve(reply.ok);
  }

  private async run(op: string, args: Record<string, unknown>): Promise<unknown> {
    while (this.idle.length === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const worker = this.idle.pop()!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }

  /** Copies `source` to `target` (creating its folder) and dates it; `flushFiles` makes it durable. */
  copy(source: string, target: string, mtimeMs: number): Promise<LocalCopy> {
    return this.run('copy', { source, target, mtimeMs }) as Promise<LocalCopy>;
  }

  /** Flushes files' data to stable storage, spread over the threads; the first failure is thrown. */
  async flushFiles(paths: readonly string[]): Promise<void> {
    const problems = (await this.spread('flushFiles', paths)) as Array<Array<Reply['error'] | null>>;
    const problem = problems.flat().find((found) => found != null);
    if (problem) throw new LocalIoError(problem.side, problem.message, problem.code);
  }

  /** Size and SHA-256 of files at the destination, spread over the threads, in the order given. */
  async hashMany(paths: readonly string[]): Promise<Checksummed[]> {
    return ((await this.spread('hashMany', paths)) as Checksummed[][]).flat();
  }

  /** Runs `op` over `paths` in one share per thread, side by side; the replies in order. */
  private spread(op: string, paths: readonly string[]): Promise<unknown[]> {
    const share = Math.max(1, Math.ceil(paths.length / this.workers.length));
    const parts = [];
    for (let i = 0; i < paths.length; i += share) parts.push(paths.slice(i, i + share));
    return Promise.all(parts.map((part) => this.run(op, { paths: part })));
  }

  /** Size and SHA-256 of a local file; `side` tells whose error a failure is. */
  hash(path: string, side: 'source' | 'destination'): Promise<Checksummed> {
    return this.run('hash', { path, side }) as Promise<Checksummed>;
  }

  /**
   * For each pair, links `from` to `to` then removes `from`: `exists` when `to` is taken,
   * `no-hard-links` where the file system has none, or the error that stopped it.
   */
  publishMany(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<PublishOutcome[]> {
    return this.run('publishMany', { pairs }) as Promise<PublishOutcome[]>;
  }

  /**
   * Flushes a folder's entries. On a worker, not on libuv's four threads, where a slow flush
   * would hold up the small operations of the recordings in flight.
   */
  async syncFolder(folder: string): Promise<void> {
    await this.run('syncFolder', { folder });
  }

  /** Deletes files in one message; for each, why it could not be deleted, or null (gone already counts as deleted). */
  unlinkMany(paths: readonly string[]): Promise<Array<string | null>> {
    return this.run('unlinkMany', { paths }) as Promise<Array<string | null>>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
