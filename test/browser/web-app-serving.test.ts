import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { webApp } from '../../packages/server/src/http/web-app';

/** How the server hands out the built web app, on a dist folder each test makes. */
describe('serving the web app', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) await step();
  });

  /** A dist folder holding these files (none for null), removed after the test. */
  function distWith(files: Record<string, string | Buffer> | null): string {
    const dist = mkdtempSync(join(tmpdir(), 'vigie-dist-'));
    cleanup.push(() => rmSync(dist, { recursive: true, force: true }));
    for (const [name, content] of Object.entries(files ?? {})) {
      mkdirSync(join(dist, name, '..'), { recursive: true });
      writeFileSync(join(dist, name), content);
    }
    return dist;
  }

  async function serve(
    files: Record<string, string | Buffer> | null,
    dist = distWith(files),
  ): Promise<FastifyInstance> {
    const app = Fastify();
    app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'NotFound' }));
    await app.register(webApp({ distDir: dist }));
    cleanup.push(() => app.close());
    return app;
  }

  const SCRIPT = 'console.log("vigie");'.repeat(100);
  const BUILT = {
    'index.html': '<!doctype html><title>Vigie</title><script type="module" src="/assets/app-1234.js"></script>',
    'assets/app-1234.js': SCRIPT,
    'assets/app-1234.js.gz': gzipSync(SCRIPT),
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  };

  it('answers index.html for the app’s own routes, and never caches it', async () => {
    const app = await serve(BUILT);
    for (const url of ['/', '/plan?tab=threats', '/admin/users']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>Vigie</title>');
    }
  });

  it('sends hashed assets pre-compressed and cacheable for good', async () => {
    const app = await serve(BUILT);
    const response = await app.inject({
      method: 'GET',
      url: '/assets/app-1234.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(plain.body).toBe(SCRIPT);
  });

  it('leaves /api and missing assets to the not-found handler, and serves no path outside dist', async () => {
    const app = await serve(BUILT);
    for (const url of ['/api', '/api/v1/nothing', '/assets/missing.js', '/assets/app-1234.js.gz']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: 'NotFound' });
    }
    const escape = await app.inject({ method: 'GET', url: '/../../package.json' });
    expect(escape.body).not.toContain('"name"');
  });

  it('serves the assets of the app rebuilt while it runs, without a restart', async () => {
    const dist = distWith(BUILT);
    const app = await serve(BUILT, dist);
    // A new build: a new index.html naming a new asset.
    writeFileSync(join(dist, 'assets/app-5678.js'), SCRIPT);
    writeFileSync(join(dist, 'index.html'), BUILT['index.html'].replace('app-1234', 'app-5678'));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('/assets/app-5678.js');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-5678.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe(SCRIPT);
  });

  it('explains in French how to build the app when dist is missing', async () => {
    const app = await serve(null);
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('L’application web n’est pas construite');
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).statusCode).toBe(404);
  });

  it('serves the app built while the server runs, from the next page loaded, without a restart', async () => {
    // Not even the folder exists when the server starts.
    const dist = join(distWith(null), 'dist');
    const app = await serve(null, dist);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(503);
    for (const [name, content] of Object.entries(BUILT)) {
      mkdirSync(join(dist, name, '..'), { recursive: true });
      writeFileSync(join(dist, name), content);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const page = await app.inject({ method: 'GET', url: '/incidents' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Vigie</title>');
    expect((await app.inject({ method: 'GET', url: '/assets/app-1234.js' })).body).toBe(SCRIPT);
  });
});
