import type { Registry } from 'prom-client';

let processRegistry: Promise<Registry> | undefined;

/**
 * The server process's own metrics as every Node.js exporter gives them (CPU, memory, heap,
 * event-loop lag, garbage collection, open files), from prom-client. Loaded at the first
 * scrape: a server nobody scrapes neither loads nor measures them.
 */
export async function processMetrics(): Promise<string> {
  processRegistry ??= import('prom-client').then(({ Registry, collectDefaultMetrics }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  });
  return (await processRegistry).metrics();
}
