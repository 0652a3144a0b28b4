import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const DAY_S = 86_400;

/** A recording tree written by a test: path → SHA-256 of its content. */
export type Tree = Map<string, string>;

/** SHA-256 of a buffer, hex. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes `count` recordings in day folders, each with distinct random content (so each SHA-256
 * names one recording), last modified `ageDays` ago. Sizes cycle through `sizes`.
 */
export function writeRecordings(
  root: string,
  count: number,
  options: { ageDays?: number; sizes?: number[]; prefix?: string; perFolder?: number } = {},
): Tree {
  const { ageDays = 40, sizes = [1_000, 9_000, 24_000, 3_000], prefix = 'call', perFolder = 100 } = options;
  const tree: Tree = new Map();
  const mtime = Date.now() / 1000 - ageDays * DAY_S;
  for (let i = 0; i < count; i++) {
    const folder = `2024/05/${String(1 + Math.floor(i / perFolder)).padStart(2, '0')}`;
    const path = `${folder}/${prefix}-${String(i).padStart(5, '0')}.wav`;
    const data = randomBytes(sizes[i % sizes.length]!);
    const file = join(root, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    utimesSync(file, mtime, mtime);
    tree.set(path, sha256(data));
  }
  return tree;
}

/** Every file below `root` with its SHA-256, by `/`-separated relative path. */
export function readTree(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else tree.set(relative(root, path).split(sep).join('/'), sha256(readFileSync(path)));
    }
  };
  walk(root);
  return tree;
}

/** How many times each checksum appears in a tree. */
export function checksumCounts(tree: Tree): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sha of tree.values()) counts.set(sha, (counts.get(sha) ?? 0) + 1);
  return counts;
}

const BIN = join(import.meta.dirname, '../../../packages/agent/bin/vigie-agent.js');

/** The result of one `vigie-agent` run. */
export interface AgentRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `vigie-agent` as a child process to its end (bounded by `timeoutMs`, then killed). */
export function runAgent(args: string[], options: { timeoutMs?: number; wrapper?: string[] } = {}): Promise<AgentRun> {
  const [command, ...rest] = [...(options.wrapper ?? []), process.execPath, BIN, ...args];
  const child = spawn(command!, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** When to kill: some time after archiving starts, or after the first recordings are committed. */
export interface KillPlan {
  delayMs: number;
  /** Wait for a progress line with recordings done (a commit happened) before counting the delay. */
  afterFirstCommit?: boolean;
}

/**
 * Starts `vigie-agent` and kills it with SIGKILL as `plan` says, reading its JSON progress
 * lines; resolves when it is dead, telling whether it was killed or had already finished.
 */
export function runAgentAndKill(args: string[], plan: KillPlan): Promise<AgentRun & { killed: boolean }> {
  const child = spawn(process.execPath, [BIN, ...args, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let killed = false;
  let armed = false;
  const safety = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const trigger = plan.afterFirstCommit
    ? /"phase":"archiving","filesTotal":\d+,"filesDone":[1-9]/
    : /"phase":"archiving"/;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!armed && trigger.test(stdout)) {
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          killed = true;
          child.kill('SIGKILL');
        }
      }, plan.delayMs);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(safety);
      resolve({ code, signal, stdout, stderr, killed: killed && signal === 'SIGKILL' });
    });
  });
}

/** The summary line of a `--json` run. */
export function jsonSummary(run: AgentRun): Record<string, unknown> {
  const line = run.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"event":"summary"'));
  if (!line) throw new Error(`no summary in the output:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}
