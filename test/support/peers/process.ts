import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A peer program started by a test, stopped by its PID. */
export interface PeerProcess {
  readonly pid: number;
  /** What the program printed so far (the last 64 KiB). */
  output(): string;
  /** Whether the program has exited. */
  exited(): boolean;
  /** Sends SIGTERM, then SIGKILL after 5 s, and waits for the exit. */
  stop(): Promise<void>;
}

const MAX_OUTPUT = 64 * 1024;

/** Starts a program in the background, keeping its output for error messages. */
export function startProcess(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: 'pipe' | 'ignore' } = {},
): PeerProcess & { child: ChildProcess } {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`cannot start ${command}: is it installed?`);
  const pid = child.pid;
  return {
    child,
    pid,
    output: () => (spawnError ? `${spawnError.message}\n${output}` : output),
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(pid, 'SIGTERM');
      const killer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
      }, 5000);
      await exitedPromise;
      clearTimeout(killer);
    },
  };
}

/** Polls `check` every 100 ms until it holds; fails with the peer's output if it exits or time runs out. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  options: { peer?: PeerProcess; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await check()) return;
    if (options.peer?.exited()) throw new Error(`${what}: the peer exited:\n${options.peer.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready in time:\n${options.peer?.output() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port the kernel just had free on 127.0.0.1 (for peers that cannot report the port they bound). */
export function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
    });
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a UDP socket is bound to this local port (read from /proc/net/udp and udp6). */
export function isUdpPortBound(port: number): boolean {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return ['/proc/net/udp', '/proc/net/udp6'].some((file) => {
    try {
      // Each line: "sl local_address rem_address st …", the local address written HEXIP:HEXPORT.
      const lines = readFileSync(file, 'utf8').split('\n').slice(1);
      return lines.some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix) === true);
    } catch {
      return false;
    }
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function acceptsTcp(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A fresh temporary folder and a function that removes it. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `vigie-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
