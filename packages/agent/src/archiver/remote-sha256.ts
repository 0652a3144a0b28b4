import type { Client, ClientChannel } from 'ssh2';

/** The line that closes each answer of the remote shell, with sha256sum's exit status. */
const END = 'vigie-agent-end';
const END_LINE = new RegExp(`(?:^|\\n)${END} \\d+\\n`);
const READY_TIMEOUT_MS = 10_000;

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

function execChannel(client: Client, command: string): Promise<ClientChannel | undefined> {
  return new Promise((resolve) => {
    try {
      client.exec(command, (error, channel) => resolve(error ? undefined : channel));
    } catch {
      resolve(undefined);
    }
  });
}

/** Collects a one-off command's output; undefined on failure or timeout. */
async function runOnce(client: Client, command: string): Promise<string | undefined> {
  const channel = await execChannel(client, command);
  if (channel === undefined) return undefined;
  return new Promise((resolve) => {
    let output = '';
    const timer = setTimeout(() => {
      channel.close();
      resolve(undefined);
    }, READY_TIMEOUT_MS);
    channel.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4096)));
    channel.stderr.resume();
    channel.on('close', (code: number | null) => {
      clearTimeout(timer);
      resolve(code === 0 ? output : undefined);
    });
    // A server that forces internal-sftp would wait for SFTP packets on stdin: end it so it exits.
    channel.end();
  });
}

/**
 * Computes SHA-256 checksums on the SFTP server with `sha256sum`, through one long-lived POSIX
 * shell: one process on the server for the whole run instead of one SSH session per file.
 */
export class RemoteHasher {
  private readonly channel: ClientChannel;
  private buffered = '';
  private waiter: ((line: string | undefined) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(channel: ClientChannel) {
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('utf8');
      this.deliver();
    });
    channel.stderr.resume();
    channel.on('close', () => {
      this.closed = true;
      this.waiter?.(undefined);
    });
  }

  /**
   * Starts the shell if the server runs commands and has `sha256sum`; undefined otherwise
   * (exec refused, SFTP-only account, Windows server, no coreutils).
   */
  static async start(client: Client): Promise<RemoteHasher | undefined> {
    const probe = await runOnce(client, `sha256sum --version && echo ${END}`);
    if (probe?.includes(END) !== true) return undefined;
    const channel = await execChannel(client, 'sh');
    return channel === undefined ? undefined : new RemoteHasher(channel);
  }

  private deliver(): void {
    // The end line starts a line; sha256sum escapes a newline in a name, so no name can fake it.
    const end = END_LINE.exec(this.buffered);
    if (end === null || this.waiter === undefined) return;
    const answer = this.buffered.slice(0, end.index + end[0].length);
    this.buffered = this.buffered.slice(end.index + end[0].length);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter(answer);
  }

  private ask(command: string, timeoutMs: number): Promise<string | undefined> {
    return new Promise((resolve) => {
      if (this.closed) return resolve(undefined);
      const timer = setTimeout(() => {
        // A shell that does not answer in time cannot be trusted to stay in step: give it up.
        this.close();
        resolve(undefined);
      }, timeoutMs);
      this.waiter = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
      this.channel.write(`${command}\n`);
      this.deliver();
    });
  }

  /** The SHA-256 of a file on the server, or undefined when the shell could not tell (the caller reads the file back). */
  sha256(path: string, size: number): Promise<string | undefined> {
    const run = this.queue.then(async () => {
      const answer = await this.ask(`sha256sum -b -- ${shellQuote(path)} 2>&1; echo "${END} $?"`, timeoutFor(size));
      if (answer === undefined || !new RegExp(`(?:^|\\n)${END} 0\\n$`).test(answer)) return undefined;
      return parseSha256sumOutput(answer);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Whether the shell is still usable. */
  alive(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.end('exit\n');
    this.channel.close();
  }
}
