import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildServer } from '../../scripts/build-runtime';
import { REPO_ROOT, startVigieProcess } from '../support/cli';

// `npm start` runs the server from its build, and agents are deployed built: the bundles
// must run on plain Node, find their packages, the seed plan, the web app and the worker.
describe('the runtime build (plain Node, no TypeScript loader)', () => {
  // Inside the repository, where Node finds node_modules for the packages left out of the bundles.
  const out = join(REPO_ROOT, 'node_modules/.cache', `vigie-runtime-build-${process.pid}`);
  let server: string;
  let agent: string;
  beforeAll(async () => {
    [server, agent] = await Promise.all([buildServer(join(out, 'server')), buildAgent(join(out, 'agent'))]);
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('validates the seed plan with the built vigie', () => {
    const result = spawnSync(process.execPath, [server, 'plan', 'validate', 'plans/media-contact-cameroun.yaml'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts the built vigie on SQLite with the seed plan loaded', async () => {
    // SQLite's checkpoints run on a worker thread loaded from beside the bundle.
    expect(readdirSync(join(out, 'server'))).toContain('wal-checkpoint-worker.js');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-built-'));
    const vigie = await startVigieProcess(['--db', `sqlite:${join(dir, 'vigie.db')}`], {
      bin: server,
      cwd: dir,
      env: { VIGIE_DATA_DIR: dir },
    });
    try {
      const health = await fetch(`${vigie.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      // The web app or, without a build of it (a fresh clone before the browser tests built it),
      // the 503 page that says how to build it: French either way.
      const page = await fetch(`${vigie.baseUrl}/`);
      expect([200, 503]).toContain(page.status);
      expect(await page.text()).toContain('lang="fr"');
    } finally {
      await vigie.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('archives recordings with the built agent and its copy threads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-built-agent-'));
    try {
      const source = join(dir, 'hmp/2024/05/01');
      mkdirSync(source, { recursive: true });
      mkdirSync(join(dir, 'archive'));
      const old = Date.now() / 1000 - 40 * 86_400;
      for (let i = 0; i < 3; i++) {
        writeFileSync(join(source, `appel-${i}.wav`), `recording ${i}`);
        utimesSync(join(source, `appel-${i}.wav`), old, old);
      }
      const args = ['archive', '--source', join(dir, 'hmp'), '--dest', join(dir, 'archive')];
      const result = spawnSync(
        process.execPath,
        [agent, ...args, '--older-than', '30d', '--index', join(dir, 'index.db'), '--json'],
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(readdirSync(join(dir, 'archive/2024/05/01')).sort()).toEqual([
        'appel-0.wav',
        'appel-1.wav',
        'appel-2.wav',
      ]);
      expect(readdirSync(source)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
