import { buildWebIfStale } from '../../../packages/web/scripts/build-if-stale';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../packages/server/src/testing/test-app';

export { TEST_PASSWORD };

/** A real Vigie (SQLite, seed plan, one user per role) serving the built web app on a loopback port. */
export interface WebServer {
  baseUrl: string;
  t: TestApp;
  close(): Promise<void>;
}

/** Builds the web app if needed, then starts the server on 127.0.0.1 and a free port. */
export async function startWebServer(): Promise<WebServer> {
  buildWebIfStale(() => undefined);
  const t = await createTestApp('sqlite');
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: address, t, close: () => t.close() };
}
