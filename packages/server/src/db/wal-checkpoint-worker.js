// Copies SQLite's write-ahead log back into the database file on a thread of its own, with a
// connection of its own: the server's connection then only appends to the log, and the page
// copies and fsyncs of checkpoints no longer stall its event loop. Plain JavaScript so that
// it loads without a TypeScript loader and beside the bundled server.
import { createRequire } from 'node:module';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs, driver } = workerData;
const Database = createRequire(import.meta.url)(driver);
let db;
try {
  db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
} catch (error) {
  // Said in words: SQLite's own error class loses its message on the way to the main thread.
  parentPort.postMessage({ error: `${file}: ${String(error?.message ?? error)}` });
  process.exit(1);
}

let timer;
/** The failure last reported: the same one, four times a second, is told once. */
let reported;
function checkpoint() {
  try {
    // PASSIVE never waits for the writer nor blocks it; the log starts over at the writer's
    // next transaction once all of it is in the database file.
    db.pragma('wal_checkpoint(PASSIVE)');
    reported = undefined;
  } catch (error) {
    const message = String(error?.message ?? error);
    if (message !== reported) parentPort.postMessage({ error: message });
    reported = message;
  }
  timer = setTimeout(checkpoint, everyMs);
}
timer = setTimeout(checkpoint, everyMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
