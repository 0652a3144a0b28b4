import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startProcess, tempFolder, waitUntil } from './process';

/** A running Prometheus Alertmanager (Debian's 0.25) on 127.0.0.1. */
export interface AlertmanagerPeer {
  url: string;
  pid: number;
  /** Posts alerts to its v2 API, as Prometheus would. */
  post(
    alerts: {
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      startsAt?: string;
      endsAt?: string;
    }[],
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Alertmanager with one webhook receiver (Bearer token) and a one-second group wait;
 * without a webhook URL the receiver sends nothing (to measure reception alone).
 */
export async function startAlertmanager(
  webhookUrl: string | null,
  bearerToken: string,
  groupBy: string[] = ['alertname', 'instance'],
): Promise<AlertmanagerPeer> {
  const folder = tempFolder('alertmanager');
  const port = await freePort();
  const config = join(folder.path, 'alertmanager.yml');
  writeFileSync(
    config,
    [
      'route:',
      '  receiver: vigie',
      `  group_by: [${groupBy.join(', ')}]`,
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: vigie',
      ...(webhookUrl
        ? [
            '    webhook_configs:',
            `      - url: ${webhookUrl}`,
            '        send_resolved: true',
            '        http_config:',
            '          authorization:',
            '            type: Bearer',
            `            credentials: ${bearerToken}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const peer = startProcess('/usr/bin/prometheus-alertmanager', [
    `--config.file=${config}`,
    `--storage.path=${join(folder.path, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('alertmanager', async () => (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok === true, {
    peer,
  });
  return {
    url,
    pid: peer.pid,
    async post(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      // Read to the end, so that the connection carries the next batch.
      const answer = await response.text();
      if (!response.ok) throw new Error(`alertmanager refused the alerts: ${response.status} ${answer}`);
    },
    async stop() {
      await peer.stop();
      folder.remove();
    },
  };
}
