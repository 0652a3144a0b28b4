/**
 * The audio archiver against `cp -r` and `rsync -a` on the same recordings, in the same run:
 * 10,000 files, 2 GB in all (sizes 40–360 kB, like short calls), in 28 day folders under /tmp.
 * Each tool copies the tree to a fresh folder of the same volume; `sync` is part of the time
 * of cp and rsync (the archiver flushes the copies itself, and verifies each by SHA-256 read
 * back). The archiver moves: it also deletes the sources, so the output adds a move done with
 * cp (the copy, then `rm -r` of 10,000 recordings) for a like-for-like figure.
 * The page cache is dropped before each tool when this process may (root); otherwise the
 * tools run in turn on the same cache state and the output says so.
 * Prints one JSON document. Usage: tsx bench/archiver.ts [--files 10000] [--bytes 2000000000]
 * [--rounds 3] [--concurrency 4]
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAgent } from '../scripts/build-runtime';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    bytes: { type: 'string', default: '2000000000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
  },
});
const FILES = Number(values.files);
const BYTES = Number(values.bytes);
const ROUNDS = Number(values.rounds);

interface Timed {
  seconds: number;
  peakRssKb: number;
}

/** Runs a command under GNU time for its peak RSS; the wall time is measured here. */
function timed(command: string, args: string[]): Promise<Timed> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kb=%M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`));
      const rss = /peak-rss-kb=(\d+)/.exec(stderr);
      resolve({ seconds, peakRssKb: Number(rss?.[1] ?? 0) });
    });
  });
}

/** Flushes dirty pages, then drops the page cache; false when this process may not. */
function dropCaches(): boolean {
  execFileSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    return true;
  } catch {
    return false;
  }
}

/** 10,000 recordings of distinct random content, last modified 40 days ago. */
function writeTree(root: string): number {
  const average = BYTES / FILES;
  const mtime = Date.now() / 1000 - 40 * 86_400;
  const folders = new Set<string>();
  let total = 0;
  for (let i = 0; i < FILES; i++) {
    // Day folders in order, ~360 calls a day: the oldest first is how an HMP tree is emptied.
    const day = Math.floor(i / Math.ceil(FILES / 28));
    const folder = join(root, '2024', '05', String(1 + day).padStart(2, '0'));
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    // Sizes from 0.2× to 1.8× the average, so that the total stays BYTES.
    const size = i === FILES - 1 ? BYTES - total : Math.round(average * (0.2 + (1.6 * ((i * 7919) % 1000)) / 999));
    const file = join(folder, `appel-${String(i).padStart(5, '0')}.wav`);
    writeFileSync(file, randomBytes(Math.max(0, size)));
    utimesSync(file, mtime, mtime);
    total += Math.max(0, size);
  }
  return total;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const space = await statfs('/tmp');
const needed = BYTES * 4.5;
if (space.bavail * space.bsize < needed) {
  throw new Error(`/tmp has ${(space.bavail * space.bsize) / 1e9} GB free; the benchmark needs ${needed / 1e9} GB`);
}

const work = mkdtempSync('/tmp/vigie-bench-archiver-');
// The agent as it is deployed: built for plain Node, without a TypeScript loader.
const BIN = await buildAgent();
const runs: Record<'cp' | 'move' | 'rsync' | 'archiver', Timed[]> = { cp: [], move: [], rsync: [], archiver: [] };
let cacheDropped = true;
const loadBefore = loadavg();
try {
  const source = join(work, 'hmp');
  const generated = writeTree(source);
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of ['cp', 'rsync', 'archiver'] as const) {
      const target = join(work, `copy-${tool}`);
      rmSync(target, { recursive: true, force: true });
      if (tool !== 'cp') mkdirSync(target);
      cacheDropped = dropCaches() && cacheDropped;
      if (tool === 'cp') {
        const copy = await timed('cp', ['-r', source, target]);
        const flush = await timed('sync', []);
        runs.cp.push({ seconds: copy.seconds + flush.seconds, peakRssKb: copy.peakRssKb });
        // What a move adds to a copy: deleting 10,000 recordings (the copy's, the same files).
        dropCaches();
        const removal = await timed('rm', ['-r', target]);
        const removalFlush = await timed('sync', []);
        runs.move.push({
          seconds: copy.seconds + flush.seconds + removal.seconds + removalFlush.seconds,
          peakRssKb: copy.peakRssKb,
        });
      } else if (tool === 'rsync') {
        const copy = await timed('rsync', ['-a', `${source}/`, `${target}/`]);
        const flush = await timed('sync', []);
        runs.rsync.push({ seconds: copy.seconds + flush.seconds, peakRssKb: copy.peakRssKb });
      } else {
        const index = join(work, `index-${round}.db`);
        const args = ['archive', '--source', source, '--dest', target, '--older-than', '1d', '--index', index];
        runs.archiver.push(
          await timed(process.execPath, [BIN, ...args, '--concurrency', values.concurrency, '--json']),
        );
        // The archiver moved the recordings: they are the next round's source (same content and dates).
        const check = execFileSync('find', [source, '-type', 'f'], { encoding: 'utf8' }).trim();
        if (check !== '') throw new Error(`the archiver left recordings behind:\n${check.slice(0, 2000)}`);
        rmSync(source, { recursive: true });
        renameSync(target, source);
      }
    }
  }
  const summary = (tool: keyof typeof runs) => {
    const seconds = median(runs[tool].map((run) => run.seconds));
    return {
      seconds: runs[tool].map((run) => Number(run.seconds.toFixed(2))),
      medianSeconds: Number(seconds.toFixed(2)),
      megabytesPerSecond: Number((generated / 1e6 / seconds).toFixed(1)),
      peakRssMb: Number((Math.max(...runs[tool].map((run) => run.peakRssKb)) / 1024).toFixed(1)),
    };
  };
  const cp = summary('cp');
  const move = summary('move');
  const rsync = summary('rsync');
  const archiver = summary('archiver');
  console.log(
    JSON.stringify(
      {
        files: FILES,
        bytes: generated,
        rounds: ROUNDS,
        concurrency: Number(values.concurrency),
        pageCache: cacheDropped ? 'dropped before each tool' : 'not dropped (not root): every tool on the same state',
        timing: 'wall time; cp and rsync include the sync that makes their copy durable',
        tools: {
          'cp -r + sync': cp,
          'cp -r + sync, then rm -r + sync (a move)': move,
          'rsync -a + sync': rsync,
          'vigie-agent archive': archiver,
        },
        archiverVsCp: Number((archiver.megabytesPerSecond / cp.megabytesPerSecond).toFixed(2)),
        archiverVsMove: Number((archiver.megabytesPerSecond / move.megabytesPerSecond).toFixed(2)),
        archiverVsRsync: Number((archiver.megabytesPerSecond / rsync.megabytesPerSecond).toFixed(2)),
        machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), loadBefore, loadAfter: loadavg() },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
