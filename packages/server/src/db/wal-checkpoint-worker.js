// Copies SQLite's write-ahead log back into the database file on a thread of its own, with a
// connection of its own: the server's connection then only appends to the log, and the page
// copies and fsyncs of checkpoints no longer stall its event loop. Plain JavaScript so that
// it loads without a TypeScript loader and beside the bundled server.
import { createRequire } from 'node:module';
import { clearTimeout, setTimeout } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs, driver } = workerData;
const Database = createRequire(import.meta.url)(driver);
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');

let timer;
function checkpoint() {
  try {
    // PASSIVE never waits for the writer nor blocks it; the log starts over at the writer's
    // next transaction once all of it is in the database file.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) });
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
