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

/** What a Prometheus under test does: scrape one target, and send its alerts to one Alertmanager. */
export interface PrometheusOptions {
  /** `127.0.0.1:PORT`, scraped every second at `path`, with a Bearer token when given. */
  scrape?: { target: string; path: string; bearerToken?: string; job?: string };
  /** Alerting rules (`groups:` of a rule file), evaluated every second. */
  rules?: string;
  /** Where alerts go, as to an Alertmanager's API v2: `127.0.0.1:PORT` under `pathPrefix`. */
  alertmanager?: { target: string; pathPrefix: string; bearerToken: string };
}

/**
 * Starts Prometheus scraping and alerting as told, as a contact centre's Prometheus would
 * talk to Vigie.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusPeer> {
  const folder = tempFolder('prometheus');
  const port = await freePort();
  const config = join(folder.path, 'prometheus.yml');
  const lines = ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', '  evaluation_interval: 1s'];
  if (options.rules !== undefined) {
    writeFileSync(join(folder.path, 'rules.yml'), options.rules);
    lines.push('rule_files:', `  - ${join(folder.path, 'rules.yml')}`);
  }
  if (options.alertmanager) {
    lines.push(
      'alerting:',
      '  alertmanagers:',
      '    - api_version: v2',
      `      path_prefix: ${options.alertmanager.pathPrefix}`,
      '      authorization:',
      `        credentials: ${options.alertmanager.bearerToken}`,
      '      static_configs:',
      `        - targets: ['${options.alertmanager.target}']`,
    );
  }
  if (options.scrape) {
    lines.push(
      'scrape_configs:',
      `  - job_name: ${options.scrape.job ?? 'vigie'}`,
      `    metrics_path: ${options.scrape.path}`,
    );
    if (options.scrape.bearerToken)
      lines.push('    authorization:', `      credentials: ${options.scrape.bearerToken}`);
    lines.push('    static_configs:', `      - targets: ['${options.scrape.target}']`);
  }
  writeFileSync(config, `${lines.join('\n')}\n`);
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
