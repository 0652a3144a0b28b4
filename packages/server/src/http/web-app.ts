import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVER_ROOT } from '../package-root';

/** Where `vite build` writes the web app (packages/web/dist). */
export const WEB_DIST_DIR = join(SERVER_ROOT, '../web/dist/');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vigie</title></head>
<body>
<h1>Vigie</h1>
<p>L’application web n’est pas construite.</p>
<p>Construisez-la avec <code>npm run build -w @vigie/web</code> (ou relancez <code>npm start</code>, qui la construit), puis rechargez cette page. L’API reste disponible sous <code>/api</code>.</p>
</body>
</html>
`;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** How soon an unknown asset may have the app's folder listed again. */
const RELIST_AFTER_MS = 1_000;

function isApiPath(path: string): boolean {
  return path === 'api' || path.startsWith('api/');
}

function listFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(gz|br)$/.test(entry.name)) continue;
    files.add(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return files;
}

type WildcardRequest = FastifyRequest<{ Params: { '*': string } }>;

/**
 * Serves the built single-page app: its files as they are (pre-compressed when the
 * browser accepts it), and index.html for any other path outside `/api` so that the
 * app's own routes load. Without a build, every such path explains how to build it, and
 * the app built meanwhile is served from the next page loaded, without a restart.
 */
export function webApp(options: { distDir?: string } = {}) {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  return async (app: FastifyInstance): Promise<void> => {
    // A request can only name a file listed here, never a path of its own. The app built or
    // rebuilt under a running server names new files: an unknown one has the folder listed
    // again, at most once a second, rather than a blank page until a restart.
    const listBuilt = () => (existsSync(join(distDir, 'index.html')) ? listFiles(distDir) : new Set<string>());
    let files = listBuilt();
    let listedAt = Date.now();
    const isListed = (path: string) => {
      if (files.has(path)) return true;
      if (Date.now() - listedAt < RELIST_AFTER_MS) return false;
      files = listBuilt();
      listedAt = Date.now();
      return files.has(path);
    };
    await app.register(fastifyStatic, { root: distDir, serve: false, preCompressed: true });

    const sendIndex = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

    app.get('/*', { config: { public: true }, schema: { hide: true } }, (request: WildcardRequest, reply) => {
      const path = request.params['*'];
      if (isApiPath(path)) return reply.callNotFound();
      if (!isListed('index.html')) {
        return reply
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT_PAGE);
      }
      if (path !== 'index.html' && (files.has(path) || (path.startsWith('assets/') && isListed(path)))) {
        // Vite names every asset by its content hash: a browser may keep it for good.
        if (path.startsWith('assets/'))
          return reply.header('cache-control', IMMUTABLE).sendFile(path, { cacheControl: false });
        return reply.header('cache-control', 'no-cache').sendFile(path, { cacheControl: false });
      }
      if (path.startsWith('assets/')) return reply.callNotFound();
      return sendIndex(reply);
    });
  };
}
