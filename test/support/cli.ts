import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VIGIE_BIN = fileURLToPath(new URL('../../packages/server/bin/vigie.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `vigie` command as a user would, with no standard input. */
export function runVigie(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VIGIE_BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, VIGIE_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `vigie start` running in the background, with what it printed so far. */
export interface RunningServer {
  child: ChildProcess;
  output(): string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `vigie start` on a port the system picks, and waits until it answers there. */
export async function startVigieProcess(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[]; bin?: string } = {},
): Promise<RunningServer> {
  // Port 0: the kernel picks a free port, so test files running side by side never collide.
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.bin ?? VIGIE_BIN, 'start', '--host', '127.0.0.1', '--port', '0', ...args],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, VIGIE_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  let baseUrl = '';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vigie start exited with ${child.exitCode}:\n${output}`);
    baseUrl = /Vigie is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
    if (baseUrl) {
      try {
        const response = await fetch(`${baseUrl}/api/health`);
        if (response.ok) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vigie start did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
