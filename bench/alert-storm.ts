/**
 * An alert storm through the whole engine: 100,000 alerts of one threat fired in batches of
 * 1,000 to Vigie's Alertmanager webhook with the seed's plan (its group wait), then all of
 * them resolved. How long Vigie takes to raise them on one incident once the group wait is
 * over, to resolve it, the server's CPU for each, the incident's timeline lines and the peak
 * memory. Prints JSON. Vigie alone: Alertmanager has no incidents to compare with.
 * Usage: tsx bench/alert-storm.ts [--alerts 100000] [--batch 1000] [--dialect sqlite|postgres]
 */
import { SEED_PLAN_TEXT } from '../packages/server/src/testing/test-app';
import { openDatabase } from '../packages/server/src/db/connect';
import { alertBenchOptions, postAlerts, startBenchVigie } from './bench-vigie';
import { cpuSeconds, peakRssMB } from './proc-stats';

const { alerts: ALERTS, batch: BATCH, dialect } = alertBenchOptions();
const GROUP_WAIT_MS = 10_000;
/** Nothing this bench waits for may take longer. */
const PATIENCE_MS = 600_000;

const vigie = await startBenchVigie(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: ${GROUP_WAIT_MS / 1000}s\n`, dialect);
const store = openDatabase(vigie.database.url);
try {
  const send = async (status: 'firing' | 'resolved') => {
    const cpu = cpuSeconds(vigie.pid);
    const start = performance.now();
    for (let from = 0; from < ALERTS; from += BATCH) {
      const alerts = Array.from({ length: Math.min(BATCH, ALERTS - from) }, (_, k) => ({
        status,
        labels: { alertname: 'HmpDiskFull', instance: `hmp-${from + k}.example:9182`, severity: 'critical' },
        annotations: { summary: `Disque plein sur hmp-${from + k}` },
      }));
      await postAlerts(vigie, { version: '4', status, alerts });
    }
    const seconds = (performance.now() - start) / 1000;
    return { alertsPerSecond: Math.round(ALERTS / seconds), cpuSeconds: round(cpuSeconds(vigie.pid) - cpu) };
  };
  const until = async (done: () => Promise<boolean>) => {
    const cpu = cpuSeconds(vigie.pid);
    const start = performance.now();
    while (!(await done())) {
      if (performance.now() - start > PATIENCE_MS) throw new Error('gave up waiting');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { seconds: round((performance.now() - start) / 1000), cpuSeconds: round(cpuSeconds(vigie.pid) - cpu) };
  };
  const api = async <T>(path: string): Promise<T> =>
    (await fetch(`${vigie.baseUrl}${path}`, { headers: { cookie: vigie.cookie } })).json() as Promise<T>;
  const incidents = () => api<{ id: string; status: string }[]>('/api/v1/incidents');

  const fired = await send('firing');
  // Every signal raised on an incident: none pending any more.
  const raised = await until(async () => {
    const pending = await store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(pending.n) === 0;
  });
  const opened = await incidents();
  const resolvedSent = await send('resolved');
  const resolved = await until(async () => (await incidents()).every((incident) => incident.status === 'resolved'));
  const timelines = await Promise.all(
    opened.map(async ({ id }) => (await api<{ timeline: unknown[] }>(`/api/v1/incidents/${id}`)).timeline.length),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'alert-storm',
        dialect: vigie.database.dialect,
        alerts: ALERTS,
        batch: BATCH,
        groupWaitSeconds: GROUP_WAIT_MS / 1000,
        firing: fired,
        // From the last batch's answer until no signal waits: the group wait is part of it.
        raisedOnIncidents: raised,
        incidents: opened.length,
        resolving: resolvedSent,
        // From the last resolved batch's answer until every incident is resolved.
        incidentsResolved: resolved,
        timelineLines: timelines,
        peakRssMB: peakRssMB(vigie.pid),
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  await vigie.stop();
}

function round(value: number): number {
  return Number(value.toFixed(2));
}
