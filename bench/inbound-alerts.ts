/**
 * Inbound alerts: 100,000 distinct alerts in batches of 1,000, then the same again as
 * repeats. Vigie (each alert matched to a threat and stored durably as a signal) against
 * Prometheus' Alertmanager 0.25 (Debian) receiving the same alerts, in the same run:
 * alerts per second, CPU per alert and peak memory of each server, the two servers taking
 * turns (distinct alerts to one then the other, then the repeats). Prints JSON.
 * Usage: tsx bench/inbound-alerts.ts [--alerts 100000] [--batch 1000] [--dialect sqlite|postgres]
 * (environment: BENCH_NODE_ARGS for the server's Node flags, BENCH_PROFILE=DIR for a CPU profile)
 */
import { SEED_PLAN_TEXT } from '../packages/server/src/testing/test-app';
import { startAlertmanager } from '../test/support/peers/alertmanager';
import { alertBenchOptions, postAlerts, startBenchVigie } from './bench-vigie';
import { cpuSeconds, peakRssMB } from './proc-stats';

const { alerts: ALERTS, batch: BATCH, dialect } = alertBenchOptions();
/** Alertmanager 0.25 as measured when the targets were set: alerts/s and peak RSS. */
const ANCHOR = { distinct: 45_041, repeats: 75_720, peakRssMB: 639 };

function batches(): { labels: Record<string, string>; annotations: Record<string, string> }[][] {
  const all = Array.from({ length: ALERTS }, (_, i) => ({
    labels: { alertname: 'HmpDiskFull', instance: `hmp-${i}.example:9182`, severity: 'critical' },
    annotations: { summary: `Disque plein sur hmp-${i}` },
  }));
  const out = [];
  for (let i = 0; i < all.length; i += BATCH) out.push(all.slice(i, i + BATCH));
  return out;
}

type Send = (batch: ReturnType<typeof batches>[number]) => Promise<void>;

/** Every alert once, in batches: alerts per second and the server's CPU per alert. */
async function run(pid: number, send: Send) {
  const cpu = cpuSeconds(pid);
  const start = performance.now();
  for (const batch of batches()) await send(batch);
  const seconds = (performance.now() - start) / 1000;
  const cpuUsed = cpuSeconds(pid) - cpu;
  return {
    alertsPerSecond: Math.round(ALERTS / seconds),
    cpuMicrosPerAlert: Number(((cpuUsed * 1e6) / ALERTS).toFixed(1)),
  };
}

// A long group wait keeps the engine out of the measure: only reception and storage count.
const vigie = await startBenchVigie(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1h\n`, dialect);
// Alertmanager as fairly as possible: one group, nothing to send, only reception counts.
const alertmanager = await startAlertmanager(null, 'unused', ['alertname']);
try {
  const toVigie: Send = (batch) =>
    postAlerts(vigie, { version: '4', status: 'firing', alerts: batch.map((a) => ({ ...a, status: 'firing' })) });
  const toAlertmanager: Send = (batch) => alertmanager.post(batch);
  // Each phase of one server right after the same phase of the other: this machine's speed
  // drifts by a tenth within minutes, and the drift then falls on both alike.
  const vigieDistinct = await run(vigie.pid, toVigie);
  const amDistinct = await run(alertmanager.pid, toAlertmanager);
  const vigieRepeats = await run(vigie.pid, toVigie);
  const amRepeats = await run(alertmanager.pid, toAlertmanager);
  const vigieResult = { distinct: vigieDistinct, repeats: vigieRepeats, peakRssMB: peakRssMB(vigie.pid) };
  const amResult = { distinct: amDistinct, repeats: amRepeats, peakRssMB: peakRssMB(alertmanager.pid) };

  console.log(
    JSON.stringify(
      {
        bench: 'inbound-alerts',
        dialect: vigie.database.dialect,
        alerts: ALERTS,
        batch: BATCH,
        vigie: vigieResult,
        alertmanager: amResult,
        ratio: {
          distinctThroughput: Number(
            (vigieResult.distinct.alertsPerSecond / amResult.distinct.alertsPerSecond).toFixed(2),
          ),
          repeatThroughput: Number((vigieResult.repeats.alertsPerSecond / amResult.repeats.alertsPerSecond).toFixed(2)),
          memory: Number((vigieResult.peakRssMB / amResult.peakRssMB).toFixed(2)),
        },
        // Against Alertmanager's figures on the reference machine, when the targets were set.
        ratioToAnchor: {
          distinctThroughput: Number((vigieResult.distinct.alertsPerSecond / ANCHOR.distinct).toFixed(2)),
          repeatThroughput: Number((vigieResult.repeats.alertsPerSecond / ANCHOR.repeats).toFixed(2)),
          memory: Number((vigieResult.peakRssMB / ANCHOR.peakRssMB).toFixed(2)),
        },
        targets: 'throughput ratio >= 1 (stored durably), memory ratio <= 0.25',
      },
      null,
      2,
    ),
  );
} finally {
  await alertmanager.stop();
  await vigie.stop();
}
