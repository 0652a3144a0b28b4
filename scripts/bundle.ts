import { build, type Plugin } from 'esbuild';

/** Leaves packages from node_modules to Node; follows relative imports and the workspace's own. */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@vigie/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles a TypeScript entry point and the workspace code it imports (@vigie/*) into one ES
 * module that plain Node runs; packages from node_modules stay there. `banner` is code run
 * before anything else.
 */
export async function bundleForNode(entry: string, outfile: string, banner = ''): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    banner: { js: banner },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [externalDependencies],
  });
}
