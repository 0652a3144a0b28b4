/**
 * Bundles the `vigie` server and the `vigie-agent` into one ES module each, run by plain
 * Node: no TypeScript loader at run time (its thread costs ~45 MB and start-up time). The
 * workspace packages (@vigie/*) are bundled; every other package stays in node_modules.
 * Writes packages/server/dist/vigie.mjs (with SQLite's checkpoint worker beside it) and
 * packages/agent/dist/vigie-agent.mjs (with the archiver's worker beside it). Usage: tsx scripts/build-runtime.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const SERVER_DIST = join(REPO, 'packages/server/dist');
export const AGENT_DIST = join(REPO, 'packages/agent/dist');

/** Writes `vigie.mjs` in `folder`; returns its path. */
export async function buildServer(folder = SERVER_DIST): Promise<string> {
  const file = join(folder, 'vigie.mjs');
  // As bin/vigie.js does: probes resolve host names on libuv's thread pool, which scrypt and
  // file reads share; its size must be set before the pool starts.
  await bundleForNode(join(REPO, 'packages/server/src/cli/main.ts'), file, "process.env.UV_THREADPOOL_SIZE ??= '16';");
  copyFileSync(join(REPO, 'packages/server/src/db/wal-checkpoint-worker.js'), join(folder, 'wal-checkpoint-worker.js'));
  return file;
}

/** Writes `vigie-agent.mjs` and the archiver's worker in `folder`; returns the agent's path. */
export async function buildAgent(folder = AGENT_DIST): Promise<string> {
  const file = join(folder, 'vigie-agent.mjs');
  await bundleForNode(join(REPO, 'packages/agent/src/cli/main.ts'), file);
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(REPO, 'packages/agent/src/archiver/local-io-worker.js'), join(folder, 'local-io-worker.js'));
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await Promise.all([buildServer(), buildAgent()]);
  console.log(`Built ${built.join(' and ')}`);
}
