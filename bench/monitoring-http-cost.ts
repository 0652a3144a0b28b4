/**
 * HTTP checks per CPU-second, Vigie against Prometheus' blackbox_exporter, probing the same
 * local target in the same run (a new connection each time for both). Vigie's figure
 * includes its scheduling, state machine and storage (SQLite); blackbox_exporter's is its
 * own process probing on request, with the driver's CPU left out. Also measured: Vigie's
 * probe alone at the same pace ("bare"), the floor its scheduler adds to.
 * Prints one JSON document. Usage: tsx bench/monitoring-http-cost.ts [--rounds 3]
 * [--probes 15000] [--concurrency 50] [--checks 2000] [--every 1s] [--duration 20]
 * Needs the Debian package prometheus-blackbox-exporter.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import {
  buildVigieWorker,
  cpuSecondsOf,
  loadAverage,
  rssMbOf,
  startBenchProcess,
  startHttpTarget,
  waitForOutput,
} from './monitoring/processes';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    probes: { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '50' },
    checks: { type: 'string', default: '2000' },
    every: { type: 'string', default: '1s' },
    duration: { type: 'string', default: '20' },
    port: { type: 'string', default: '9115' },
  },
});
const WORKER = await buildVigieWorker();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface WorkerResult {
  runs: number;
  checksPerSecond: number;
  cpuUsPerCheck: number;
  peakRssMb: number;
  latenessP99Ms?: number;
}

async function runWorker(targetUrl: string, mode: 'scheduler' | 'bare'): Promise<WorkerResult> {
  const worker = startBenchProcess(process.execPath, [
    // The worker collects garbage before reading its heap: the live size, not the litter.
    '--expose-gc',
    WORKER,
    '--target',
    targetUrl,
    '--mode',
    mode,
    '--checks',
    values.checks,
    '--every',
    values.every,
    '--warmup',
    '8',
    '--duration',
    values.duration,
  ]);
  await new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  const line = worker.output().trim().split('\n').at(-1) ?? '';
  if (worker.child.exitCode !== 0) throw new Error(`the Vigie worker failed:\n${worker.output()}`);
  return JSON.parse(line) as WorkerResult;
}

async function runBlackbox(targetUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-blackbox-'));
  const config = join(dir, 'blackbox.yml');
  writeFileSync(
    config,
    'modules:\n  http_2xx:\n    prober: http\n    timeout: 5s\n    http:\n      preferred_ip_protocol: ip4\n',
  );
  const exporter = startBenchProcess('prometheus-blackbox-exporter', [
    `--config.file=${config}`,
    `--web.listen-address=127.0.0.1:${values.port}`,
  ]);
  const dispatcher = new Agent({ connections: Number(values.concurrency) });
  try {
    await waitForOutput(exporter, 'Listening on');
    const url = `http://127.0.0.1:${values.port}/probe?module=http_2xx&target=${encodeURIComponent(targetUrl)}`;
    let failures = 0;
    const probe = async () => {
      const response = await request(url, { dispatcher });
      const text = await response.body.text();
      if (!text.includes('probe_success 1')) failures++;
    };
    for (let i = 0; i < 500; i++) await probe();
    const total = Number(values.probes);
    let next = 0;
    const cpu0 = cpuSecondsOf(exporter.pid);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Number(values.concurrency) }, async () => {
        while (next++ < total) await probe();
      }),
    );
    const wallMs = performance.now() - t0;
    const cpuSeconds = cpuSecondsOf(exporter.pid) - cpu0;
    return {
      probesPerSecond: Math.round((total / wallMs) * 1000),
      cpuUsPerProbe: Math.round((cpuSeconds * 1e6) / total),
      rssMb: rssMbOf(exporter.pid),
      failures,
    };
  } finally {
    await dispatcher.close();
    await exporter.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const target = await startHttpTarget();
try {
  const targetUrl = `http://127.0.0.1:${target.port}/`;
  const loadBefore = loadAverage();
  const rounds = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const blackbox = await runBlackbox(targetUrl);
    const vigie = await runWorker(targetUrl, 'scheduler');
    const bare = await runWorker(targetUrl, 'bare');
    rounds.push({ blackbox, vigie, bare });
  }
  const blackboxUs = median(rounds.map((r) => r.blackbox.cpuUsPerProbe));
  const vigieUs = median(rounds.map((r) => r.vigie.cpuUsPerCheck));
  const bareUs = median(rounds.map((r) => r.bare.cpuUsPerCheck));
  console.log(
    JSON.stringify(
      {
        benchmark: 'HTTP checks per CPU-second, Vigie vs blackbox_exporter, same local target',
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAverage(),
        rounds,
        median: {
          blackboxCpuUsPerProbe: blackboxUs,
          blackboxProbesPerCpuSecond: Math.round(1e6 / blackboxUs),
          vigieCpuUsPerCheck: vigieUs,
          vigieChecksPerCpuSecond: Math.round(1e6 / vigieUs),
          vigieProbeAloneCpuUsPerCheck: bareUs,
          vigieSchedulingStateStorageCpuUsPerCheck: vigieUs - bareUs,
        },
        ratio: Math.round((blackboxUs / vigieUs) * 100) / 100,
        target: 'Vigie at least 3 times cheaper in CPU per check',
      },
      null,
      2,
    ),
  );
} finally {
  await target.stop();
}
