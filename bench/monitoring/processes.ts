import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../scripts/bundle';

/** Clock ticks per second of /proc/PID/stat on Linux. */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident memory of a process, in MB. */
export function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/**
 * The monitoring worker bundled for plain Node, as `vigie start` runs from its build: no
 * TypeScript loader in the process measured. Returns the file to run.
 */
export async function buildVigieWorker(): Promise<string> {
  // Inside the repository, where Node finds node_modules for the packages left out of the bundle.
  const file = fileURLToPath(new URL('../.build/vigie-worker.mjs', import.meta.url));
  await bundleForNode(fileURLToPath(new URL('./vigie-worker.ts', import.meta.url)), file);
  copyFileSync(
    fileURLToPath(new URL('../../packages/server/src/db/wal-checkpoint-worker.js', import.meta.url)),
    fileURLToPath(new URL('../.build/wal-checkpoint-worker.js', import.meta.url)),
  );
  return file;
}

/** A child process started by a benchmark, stopped by its PID. */
export interface BenchProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a program, keeping what it prints. */
export function startBenchProcess(command: string, args: string[], env: Record<string, string> = {}): BenchProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Waits until a process printed `text`, or fails after `timeoutMs`. */
export async function waitForOutput(proc: BenchProcess, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (proc.child.exitCode !== null) throw new Error(`process exited:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A plain HTTP server answering 200 "OK", as a monitored web page would.
const TARGET_SOURCE = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('OK'); });
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

/** The local HTTP target both Vigie and blackbox_exporter probe, in its own process. */
export async function startHttpTarget(): Promise<BenchProcess & { port: number }> {
  const proc = startBenchProcess(process.execPath, ['-e', TARGET_SOURCE]);
  await waitForOutput(proc, 'listening ');
  const port = Number(/listening (\d+)/.exec(proc.output())![1]);
  return { ...proc, port };
}

/** The loads of the machine (1, 5, 15 minutes): it is shared, so figures carry them. */
export function loadAverage(): number[] {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}
