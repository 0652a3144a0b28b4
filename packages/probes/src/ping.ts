import { execFile } from 'node:child_process';
import { z } from 'zod';
import { isHost } from './address';
import { DurationOptionSchema, integerOption, numberOption } from './options';
import { parsePingOutput } from './ping-output';
import { defineProbe } from './probe';
import { formatMs, probeResult, stopwatch } from './result';

/** The options of a `ping` check. */
export const PingConfigSchema = z.strictObject({
  // Checked strictly: the target becomes an argument of `ping`, it must never read as an option.
  target: z
    .string({ error: 'the target is required: a host name or an IP address' })
    .refine(isHost, { error: 'the target must be a host name or an IP address' }),
  count: integerOption('count', 1, 20).default(3),
  /** Seconds to wait for the last reply. */
  waitSeconds: integerOption('waitSeconds', 1, 30).default(2),
  /** More loss than this percentage is degraded (100 % is always down). */
  maxLossPercent: numberOption('maxLossPercent').default(0),
  /** An average round trip slower than this is degraded. */
  maxRtt: DurationOptionSchema.optional(),
});

/** A parsed `ping` check. */
export type PingConfig = z.infer<typeof PingConfigSchema>;

interface PingRun {
  stdout: string;
  stderr: string;
  failed: boolean;
}

function runPing(args: string[], signal: AbortSignal): Promise<PingRun> {
  return new Promise((resolve) => {
    // LC_ALL=C: the statistics are parsed, they must not be translated.
    execFile('ping', args, { signal, env: { ...process.env, LC_ALL: 'C' } }, (error, stdout, stderr) =>
      resolve({ stdout, stderr: stderr || (error && !stdout ? error.message : ''), failed: error !== null }),
    );
  });
}

/** Sends ICMP echo requests with the system `ping` (iputils): loss and round-trip times. */
export const pingProbe = defineProbe({
  kind: 'ping',
  summary: 'ICMP echo with the system ping: packet loss and round trip',
  targetHint: 'HOST',
  configSchema: PingConfigSchema,
  async run(config, signal) {
    const elapsed = stopwatch();
    const args = ['-n', '-q', '-c', String(config.count), '-i', '0.2', '-W', String(config.waitSeconds), config.target];
    const run = await runPing(args, signal);
    const summary = parsePingOutput(run.stdout);
    if (signal.aborted) {
      return probeResult('down', elapsed(), `ping ${config.target}: no result within ${formatMs(elapsed())}`);
    }
    if (!summary) {
      const reason = run.stderr.trim().replace(/^ping: /, '') || 'ping printed no statistics';
      return probeResult('down', elapsed(), `ping ${config.target} failed: ${reason}`);
    }
    const values = {
      transmitted: summary.transmitted,
      received: summary.received,
      lossPercent: summary.lossPercent,
      rttMinMs: summary.rtt?.min,
      rttAvgMs: summary.rtt?.avg,
      rttMaxMs: summary.rtt?.max,
    };
    const latencyMs = summary.rtt?.avg ?? elapsed();
    if (summary.received === 0) {
      const text = `ping ${config.target}: no reply to ${summary.transmitted} echo requests (${summary.lossPercent}% loss)`;
      return probeResult('down', latencyMs, text, values);
    }
    const text =
      `ping ${config.target}: ${summary.received}/${summary.transmitted} replies, ${summary.lossPercent}% loss, ` +
      `average round trip ${formatMs(latencyMs)}`;
    if (summary.lossPercent > config.maxLossPercent) {
      return probeResult('degraded', latencyMs, `${text}: loss above ${config.maxLossPercent}%`, values);
    }
    if (config.maxRtt !== undefined && latencyMs > config.maxRtt) {
      return probeResult('degraded', latencyMs, `${text}: slower than ${formatMs(config.maxRtt)}`, values);
    }
    return probeResult('up', latencyMs, text, values);
  },
});
