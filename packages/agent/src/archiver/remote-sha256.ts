import type { Client } from 'ssh2';

/** How long `sha256sum` may take: a floor for the round trips, then 20 MB/s of reading. */
function timeoutFor(size: number): number {
  return 15_000 + size / 20_000;
}

/** Quotes a path for a POSIX shell: the only way a path reaches a command line. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Reads `sha256sum`'s answer: 64 hex digits, then the name; anything else is not trusted. */
export function parseSha256sumOutput(output: string): string | undefined {
  return /^\\?([0-9a-f]{64}) [ *]/.exec(output)?.[1];
}

/**
 * Asks the server to compute a file's SHA-256 with `sha256sum`; undefined when it cannot
 * (exec refused, no such command, a shell other than POSIX, a forced internal-sftp, a timeout).
 */
export function remoteSha256(client: Client, path: string, size: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), timeoutFor(size));
    timer.unref();
    try {
      client.exec(`sha256sum -b -- ${shellQuote(path)}`, (error, stream) => {
        if (error) return finish(undefined);
        let output = '';
        stream.on('data', (chunk: Buffer) => {
          if (output.length < 4096) output += chunk.toString('utf8');
        });
        stream.stderr.resume();
        stream.on('close', (code: number | null) => finish(code === 0 ? parseSha256sumOutput(output) : undefined));
        // A forced internal-sftp would wait for SFTP packets on stdin: end it so it exits.
        stream.end();
      });
    } catch {
      finish(undefined);
    }
  });
}
