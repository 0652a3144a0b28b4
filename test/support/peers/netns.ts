import { spawn } from 'node:child_process';

/** What a command printed in its namespace, and how it exited. */
export interface NamespaceRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in a fresh network namespace (`unshare --net`, needs root) after `setup`
 * shell commands: a private loopback where a test may drop packets without touching the host.
 */
export function runInNetworkNamespace(setup: string, command: string, args: string[]): Promise<NamespaceRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['--net', 'sh', '-c', `set -e; ${setup}\nexec "$@"`, 'sh', command, ...args], {
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

/** Shell lines that bring the namespace's loopback up. */
export const LOOPBACK_UP = 'ip link set lo up';
