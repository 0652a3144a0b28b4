/**
 * Inbound alerts: 100,000 distinct alerts in batches of 1,000, then the same again as
 * repeats. Vigie (each alert matched to a threat and stored durably as a signal) against
 * Prometheus' Alertmanager 0.25 (Debian) receiving the same alerts, in the same run:
 * alerts per second, CPU per alert and memory of each server (its peak while receiving the
 * alerts, compared; its start-up peak and its lifetime peak, reported). Prints JSON.
 * Usage: tsx bench/inbound-alerts.ts [--alerts 100000] [--batch 1000] [--dialect sqlite|postgres]
 * (environment: BENCH_NODE_ARGS for the server's Node flags, BENCH_PROFILE=DIR for a CPU profile)
 */
import { SEED_PLAN_TEXT } from '../packages/server/src/testing/test-app';
import { startAlertmanager } from '../test/support/peers/alertmanager';
import { alertBenchOptions, postAlerts, startBenchVigie } from './bench-vigie';
import { cpuSeconds, peakRssMB, resetPeakRss, rssMB } from './proc-stats';

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

async function measure(pid: number, send: (batch: ReturnType<typeof batches>[number]) => Promise<void>) {
  const run = async () => {
    const cpu = cpuSeconds(pid);
    const start = performance.now();
    for (const batch of batches()) await send(batch);
    const seconds = (performance.now() - start) / 1000;
    const cpuUsed = cpuSeconds(pid) - cpu;
    return {
      alertsPerSecond: Math.round(ALERTS / seconds),
      cpuMicrosPerAlert: Number(((cpuUsed * 1e6) / ALERTS).toFixed(1)),
    };
  };
  // The peak before the alerts (start-up; for Vigie, the administrator's sign-in, whose
  // scrypt takes 32 MB) is reported apart: the memory compared is what receiving them takes.
  const memory = { startUpPeakMB: peakRssMB(pid), atRestMB: rssMB(pid), peakUnderAlertsMB: 0, lifetimePeakMB: 0 };
  resetPeakRss(pid);
  const distinct = await run();
  const repeats = await run();
  memory.peakUnderAlertsMB = peakRssMB(pid);
  memory.lifetimePeakMB = Math.max(memory.startUpPeakMB, memory.peakUnderAlertsMB);
  return { distinct, repeats, memory };
}

// A long group wait keeps the engine out of the measure: only reception and storage count.
const vigie = await startBenchVigie(`${SEED_PLAN_TEXT}\ndetection:\n  groupWait: 1h\n`, dialect);
try {
  const vigieResult = await measure(vigie.pid, (batch) =>
    postAlerts(vigie, { version: '4', status: 'firing', alerts: batch.map((a) => ({ ...a, status: 'firing' })) }),
  );

  // Alertmanager as fairly as possible: one group, nothing to send, only reception counts.
  const alertmanager = await startAlertmanager(null, 'unused', ['alertname']);
  const amResult = await measure(alertmanager.pid, (batch) => alertmanager.post(batch));
  await alertmanager.stop();

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
          memory: Number((vigieResult.memory.peakUnderAlertsMB / amResult.memory.peakUnderAlertsMB).toFixed(2)),
          memoryLifetimePeak: Number((vigieResult.memory.lifetimePeakMB / amResult.memory.lifetimePeakMB).toFixed(2)),
          // What holding the alerts adds to each server at rest (not the target's measure: told beside it).
          memoryAddedByAlerts: Number(
            (
              (vigieResult.memory.peakUnderAlertsMB - vigieResult.memory.atRestMB) /
              (amResult.memory.peakUnderAlertsMB - amResult.memory.atRestMB)
            ).toFixed(2),
          ),
        },
        // Against Alertmanager's figures on the reference machine, when the targets were set.
        ratioToAnchor: {
          distinctThroughput: Number((vigieResult.distinct.alertsPerSecond / ANCHOR.distinct).toFixed(2)),
          repeatThroughput: Number((vigieResult.repeats.alertsPerSecond / ANCHOR.repeats).toFixed(2)),
          memory: Number((vigieResult.memory.peakUnderAlertsMB / ANCHOR.peakRssMB).toFixed(2)),
        },
        targets: 'throughput ratio >= 1 (stored durably), memory ratio <= 0.25',
      },
      null,
      2,
    ),
  );
} finally {
  await vigie.stop();
}
