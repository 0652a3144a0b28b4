/**
 * Vigie's check scheduler at scale: 10,000 HTTP checks every 30 seconds against a local
 * target for 5 minutes (after a warm-up of one interval, when every check has started
 * once): CPU of the process, peak RSS, start lateness p50/p99/max, results written.
 * Prints one JSON document. Usage: tsx bench/monitoring-scale.ts [--duration 300]
 * [--checks 10000] [--every 30s] [--warmup 35] [--dialect sqlite|postgres] [--probe http|tcp]
 */
import { parseArgs } from 'node:util';
import { buildVigieWorker, loadAverage, startBenchProcess, startHttpTarget } from './monitoring/processes';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    checks: { type: 'string', default: '10000' },
    every: { type: 'string', default: '30s' },
    warmup: { type: 'string', default: '35' },
    dialect: { type: 'string', default: 'sqlite' },
    probe: { type: 'string', default: 'http' },
  },
});
const WORKER = await buildVigieWorker();

const target = await startHttpTarget();
try {
  const loadBefore = loadAverage();
  const worker = startBenchProcess(process.execPath, [
    // The worker collects garbage before reading its heap: the live size, not the litter.
    '--expose-gc',
    // BENCH_PROFILE=DIR writes a CPU profile of the worker there.
    ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`] : []),
    WORKER,
    '--target',
    `http://127.0.0.1:${target.port}/`,
    '--checks',
    values.checks,
    '--every',
    values.every,
    '--warmup',
    values.warmup,
    '--duration',
    values.duration,
    '--dialect',
    values.dialect,
    '--probe',
    values.probe,
  ]);
  await new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  if (worker.child.exitCode !== 0) throw new Error(`the Vigie worker failed:\n${worker.output()}`);
  const result = JSON.parse(worker.output().trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  console.log(
    JSON.stringify(
      {
        benchmark: `${values.checks} ${values.probe} checks every ${values.every}, measured ${values.duration} s after ${values.warmup} s`,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAverage(),
        ...result,
        targets: { cpuPercentOfOneCore: '< 10', latenessP99Ms: '< 100' },
      },
      null,
      2,
    ),
  );
} finally {
  await target.stop();
}
