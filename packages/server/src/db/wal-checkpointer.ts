import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the log is copied into the database file. */
const CHECKPOINT_EVERY_MS = 250;

/**
 * Log pages past which the server's own connection checkpoints anyway (SQLite's automatic
 * checkpoint, 64 MB at 4 KB pages): the safety net should the worker fall behind or die.
 */
export const WRITER_CHECKPOINT_PAGES = 16_384;

/** A SQLite database's checkpoints, run on a worker thread; `stop` before closing the database. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` (a database in WAL mode) every quarter of a second on a thread
 * of its own. With SQLite's default, the connection that commits the 1,000th page of the log
 * copies it all back and fsyncs twice, inside that commit: on a busy server half the time of
 * a batch of writes went there.
 */
export function startWalCheckpointer(
  file: string,
  onError: (error: Error) => void = () => undefined,
  everyMs = CHECKPOINT_EVERY_MS,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), {
    workerData: { file, everyMs, driver },
    // The worker only holds a connection: a small heap is plenty.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  // It keeps no request alive: the server's connection checkpoints when it closes.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A failing worker, or failing checkpoints, leave the writer's own automatic checkpoints in charge.
  worker.on('error', onError);
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) onError(new Error(`SQLite checkpoint failed: ${message.error}`));
  });
  return {
    async stop() {
      // Held until it has closed its connection: a process whose last task is this wait must not exit first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
