/**
 * A Prometheus scrape of `/metrics` for a plan of 10,000 checks on 1,000 assets, every check
 * with a stored state and measured values: time and CPU per scrape (reading the states, the
 * open incidents and the maintenance windows, building and writing the text), its size and
 * series. Prints JSON. Usage: tsx bench/metrics-scrape.ts [--checks 10000] [--scrapes 20]
 * [--dialect sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { initialCheckMemory, shardOf, type CheckStateRecord } from '@vigie/core';
import { createTestApp } from '../packages/server/src/testing/test-app';

const { values } = parseArgs({
  options: {
    checks: { type: 'string', default: '10000' },
    scrapes: { type: 'string', default: '20' },
    dialect: { type: 'string', default: 'sqlite' },
  },
});
const CHECKS = Number(values.checks);
const ASSETS = Math.max(1, Math.round(CHECKS / 10));
const dialect = values.dialect === 'postgres' ? 'postgres' : 'sqlite';

const plan = `version: 1
organisation: Centre de mesure
title: Plan de mesure
clients:
  - { id: ocm, name: OCM }
team:
  - { id: admin-si, name: Admin SI, email: admin@example.org }
sites:
  - { id: principal, name: Site principal }
assets:
${Array.from({ length: ASSETS }, (_, a) => `  - { id: serveur-${a}, name: Serveur ${a}, kind: server, site: principal, clients: [ocm] }`).join('\n')}
checks:
${Array.from({ length: CHECKS }, (_, c) => `  - { id: web-${c}, asset: serveur-${c % ASSETS}, probe: http, target: "http://127.0.0.1:9/${c}", every: 30s }`).join('\n')}
threats:
  - { id: panne, title: Panne, causes: Une cause, solution: Une solution }
`;

const t = await createTestApp(dialect, { planText: plan });
try {
  const now = t.clock.now();
  const states: CheckStateRecord[] = Array.from({ length: CHECKS }, (_, c) => ({
    checkId: `web-${c}`,
    shard: shardOf(`web-${c}`),
    memory: { ...initialCheckMemory(), state: 'up', since: now - 60_000, lastStatus: 'up', lastAt: now - 1_000 },
    lastLatencyMs: 3.2 + (c % 50) / 10,
    lastMessage: 'HTTP 200 OK',
    lastValues: { statusCode: 200, certDaysLeft: 40 + (c % 30) },
    updatedAt: now,
  }));
  await t.store.transaction((tx) => tx.checkStates.upsertMany(states));

  const scrape = async () => {
    const response = await t.request(t.as.viewer, 'GET', '/metrics');
    if (response.statusCode !== 200) throw new Error(`/metrics answered ${response.statusCode}`);
    return response.body;
  };
  await scrape(); // loads prom-client and warms up
  const scrapes = Number(values.scrapes);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let body = '';
  for (let i = 0; i < scrapes; i++) body = await scrape();
  const wallMs = (performance.now() - start) / scrapes;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify(
      {
        bench: 'metrics-scrape',
        dialect,
        checks: CHECKS,
        assets: ASSETS,
        scrapes,
        msPerScrape: Number(wallMs.toFixed(1)),
        cpuMsPerScrape: Number(((used.user + used.system) / 1000 / scrapes).toFixed(1)),
        bytes: Buffer.byteLength(body),
        series: body.split('\n').filter((line) => line && !line.startsWith('#')).length,
      },
      null,
      2,
    ),
  );
} finally {
  await t.close();
}
