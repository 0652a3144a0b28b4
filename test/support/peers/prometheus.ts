import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startProcess, tempFolder, waitUntil } from './process';

/** One series of an instant query's answer. */
export interface PromSeries {
  metric: Record<string, string>;
  value: [number, string];
}

/** A running Prometheus server (Debian's 2.42) on 127.0.0.1, scraping one target. */
export interface PrometheusPeer {
  url: string;
  /** An instant query through its HTTP API. */
  query(promql: string): Promise<PromSeries[]>;
  /** The scrape target's health as Prometheus last saw it (`up`, `down`, `unknown`) and its error. */
  target(): Promise<{ health: string; lastError: string } | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus scraping `target` (`127.0.0.1:PORT`) at `path` every second, with a
 * Bearer token, as a contact centre's Prometheus would scrape Vigie.
 */
export async function startPrometheus(target: string, path: string, bearerToken: string): Promise<PrometheusPeer> {
  const folder = tempFolder('prometheus');
  const port = await freePort();
  const config = join(folder.path, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: vigie',
      `    metrics_path: ${path}`,
      '    authorization:',
      '      type: Bearer',
      `      credentials: ${bearerToken}`,
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const peer = startProcess('/usr/bin/prometheus', [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(folder.path, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('prometheus', async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok === true, {
    peer,
  });
  return {
    url,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const answer = (await response.json()) as { status: string; error?: string; data: { result: PromSeries[] } };
      if (answer.status !== 'success') throw new Error(`prometheus refused ${promql}: ${answer.error}`);
      return answer.data.result;
    },
    async target() {
      const response = await fetch(`${url}/api/v1/targets`);
      const answer = (await response.json()) as {
        data: { activeTargets: { health: string; lastError: string }[] };
      };
      return answer.data.activeTargets[0];
    },
    async stop() {
      await peer.stop();
      folder.remove();
    },
  };
}
