import cliProgress from 'cli-progress';
import type { ArchiveProgress } from '../progress';
import { formatBytes, formatElapsed } from './format';

/** How progress is shown: a bar on a terminal, plain lines in a log, JSON lines for programs. */
export type ProgressMode = 'bar' | 'lines' | 'json';

/** Shows progress and is told when the run is over. */
export interface ProgressPrinter {
  onProgress(progress: ArchiveProgress): void;
  finish(): void;
}

/** Plain lines are written at most this often, so a log stays readable. */
const LINE_EVERY_MS = 5_000;

/** A line such as `120/3000 recordings, 24.0 MB of 600 MB, 45.2 MB/s`. */
export function progressLine(p: ArchiveProgress): string {
  const failed = p.filesFailed ? `, ${p.filesFailed} left behind` : '';
  return (
    `${p.filesDone}/${p.filesTotal} recordings${failed}, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}, ` +
    `${formatBytes(p.bytesPerSecond)}/s, ${formatElapsed(p.elapsedMs)}`
  );
}

/** Time left at the average rate so far, or `…` before there is a rate. */
function eta(p: ArchiveProgress): string {
  if (p.phase === 'done') return '0 s';
  if (p.bytesPerSecond <= 0) return '…';
  return formatElapsed(((p.bytesTotal - p.bytesDone) / p.bytesPerSecond) * 1000);
}

function barPrinter(stream: NodeJS.WriteStream): ProgressPrinter {
  // The bar follows bytes (smooth, even with a few long recordings); files are counted when committed.
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'Archiving {bar} {percentage}% | {files} recordings | {bytes} | {rate}/s | ETA {left}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(p) {
      if (p.phase === 'scanning') return;
      const payload = {
        files: `${p.filesDone}/${p.filesTotal}`,
        bytes: `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`,
        rate: formatBytes(p.bytesPerSecond),
        left: eta(p),
      };
      if (!started) {
        started = true;
        bar.start(Math.max(1, p.bytesTotal), p.bytesDone, payload);
      } else {
        bar.update(p.bytesDone, payload);
      }
    },
    finish() {
      if (started) bar.stop();
    },
  };
}

/** A printer for the mode: the bar writes to `stream` (stderr), JSON lines to `out` (stdout). */
export function progressPrinter(
  mode: ProgressMode,
  stream: NodeJS.WriteStream,
  out: (line: string) => void,
): ProgressPrinter {
  if (mode === 'bar') return barPrinter(stream);
  if (mode === 'json') {
    return { onProgress: (p) => out(JSON.stringify({ event: 'progress', ...p })), finish: () => {} };
  }
  let last = 0;
  return {
    onProgress(p) {
      if (p.phase === 'scanning') {
        stream.write('Scanning the source folder…\n');
        return;
      }
      const now = Date.now();
      if (p.phase !== 'done' && now - last < LINE_EVERY_MS && p.filesDone + p.filesFailed > 0) return;
      last = now;
      stream.write(`${progressLine(p)}\n`);
    },
    finish: () => {},
  };
}
