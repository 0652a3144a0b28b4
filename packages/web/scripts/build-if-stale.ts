import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO_DIR = join(WEB_DIR, '../..');
const BUILT_MARKER = join(WEB_DIR, 'dist/index.html');

/** What the build reads: when any of it is newer than the build, the build is stale. */
const INPUTS = [
  join(WEB_DIR, 'src'),
  join(WEB_DIR, 'public'),
  join(WEB_DIR, 'index.html'),
  join(WEB_DIR, 'vite.config.ts'),
  join(WEB_DIR, 'package.json'),
  join(REPO_DIR, 'packages/contract/src'),
  join(REPO_DIR, 'package-lock.json'),
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stats.mtimeMs);
}

/** True when dist is missing or older than a source of the web app. */
export function isWebBuildStale(): boolean {
  if (!existsSync(BUILT_MARKER)) return true;
  const built = statSync(BUILT_MARKER).mtimeMs;
  return INPUTS.some((input) => newestChange(input) > built);
}

/** Builds packages/web with Vite when its build is missing or stale; returns whether it built. */
export function buildWebIfStale(log: (line: string) => void = console.log): boolean {
  if (!isWebBuildStale()) return false;
  log('Building the web app (packages/web)…');
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    // A test runner sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`the web app build failed (exit ${String(result.status)})`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (!buildWebIfStale()) console.log('The web app is up to date.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
