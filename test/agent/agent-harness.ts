import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { stringify } from 'yaml';
import { readConfig } from '../../packages/server/src/config';
import { startVigie, type RunningVigie } from '../../packages/server/src/main';
import type { Dialect } from '../../packages/server/src/db/connect';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'an agent test password';
const BIN = new URL('../../packages/agent/bin/vigie-agent.js', import.meta.url).pathname;

/** Polls `probe` until it returns something, within `timeoutMs`; the last error explains a failure. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let i = 0; i < 100_000 && Date.now() < deadline; i++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  const why = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`timed out waiting for ${what}${why}`);
}

/** A real Vigie on a loopback port, over its own database, that can be stopped and started again. */
export class TestServer {
  vigie: RunningVigie | undefined;
  port = 0;
  private cookie = '';
  private csrf = '';

  private constructor(
    readonly database: TestDatabase,
    private readonly planPath: string,
    private readonly dataDir: string,
  ) {}

  static async create(dialect: Dialect, planText: string): Promise<TestServer> {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-agent-server-'));
    const planPath = join(dir, 'plan.yaml');
    writeFileSync(planPath, planText);
    const server = new TestServer(await createTestDatabase(dialect), planPath, dir);
    await server.start();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const read = readConfig(
      {
        databaseUrl: this.database.url,
        planPath: this.planPath,
        host: '127.0.0.1',
        port: String(this.port),
        adminEmail: ADMIN_EMAIL,
        adminPassword: ADMIN_PASSWORD,
        logLevel: 'silent',
        dataDir: this.dataDir,
      },
      {},
    );
    if (!read.ok) throw new Error(read.problems.join('; '));
    const quiet = { out: () => undefined, err: () => undefined };
    this.vigie = await startVigie(read.config, quiet, pino({ level: 'silent' }));
    this.port = Number(new URL(this.vigie.url).port);
    await this.signIn();
  }

  async stop(): Promise<void> {
    await this.vigie?.stop();
    this.vigie = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.database.drop();
  }

  private async signIn(): Promise<void> {
    const response = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Calls the API as the administrator. */
  async api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

/** A `vigie-agent --config FILE` process. */
export class AgentProcess {
  readonly logs: string[] = [];
  private child: ChildProcess | undefined;

  constructor(
    readonly configFile: string,
    readonly stateDir: string,
  ) {}

  /** Writes a configuration file (as an administrator would) in `dir`, with its state folder beside it. */
  static write(dir: string, config: Record<string, unknown>): AgentProcess {
    mkdirSync(dir, { recursive: true });
    const stateDir = join(dir, 'state');
    const file = join(dir, 'agent.yaml');
    writeFileSync(file, stringify({ stateDir, ...config }));
    return new AgentProcess(file, stateDir);
  }

  start(): void {
    this.child = spawn(process.execPath, [BIN, '--config', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.logs.push(...chunk.split('\n').filter(Boolean)));
    }
  }

  /** Stops it with SIGTERM (its loops end, its buffer stays on disk), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
