import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The folder of @vigie/server (packages/server), found through Node's module resolution, so
 * that it is the same whether this module runs from its source or from a bundle built
 * anywhere in the repository.
 */
export const SERVER_ROOT = dirname(createRequire(import.meta.url).resolve('@vigie/server/package.json'));
