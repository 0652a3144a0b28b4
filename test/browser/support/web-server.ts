import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebIfStale } from '../../../packages/web/scripts/build-if-stale';
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestAppOptions,
} from '../../../packages/server/src/testing/test-app';

export { TEST_PASSWORD };

/** A real Vigie (SQLite, seed plan, one user per role) serving the built web app on a loopback port. */
export interface WebServer {
  baseUrl: string;
  t: TestApp;
  close(): Promise<void>;
}

export interface WebServerOptions extends TestAppOptions {
  /** Runs the job engine (timers and deliveries) as `vigie start` does; off by default. */
  engine?: boolean;
}

const BUILD_LOCK = join(tmpdir(), 'vigie-web-build.lock');
const LOCK_STALE_MS = 180_000;

/**
 * Builds the web app if needed, one test file at a time: files run in parallel, and two
 * builds emptying the same dist folder would break each other.
 */
async function buildOnce(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock left by a killed run is taken over once it is older than any build.
      const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    buildWebIfStale(() => undefined);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds the web app if needed, then starts the server on 127.0.0.1 and a free port. */
export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  await buildOnce();
  const { engine, ...appOptions } = options;
  const t = await createTestApp('sqlite', appOptions);
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  if (engine) t.engine.start();
  return {
    baseUrl: address,
    t,
    close: async () => {
      await t.engine.stop();
      await t.close();
    },
  };
}
