import { execFile } from 'node:child_process';
import { z } from 'zod';
import { isHost } from './address';
import { formatNumber, type Wording } from './language';
import { DurationOptionSchema, integerOption, numberOption } from './options';
import { parsePingOutput } from './ping-output';
import { defineProbe } from './probe';
import { formatMs, probeResult, stopwatch } from './result';
import { formatWait, waitedMs } from './wait';

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

const SAY: Wording<{
  noResult: (target: string, time: string) => string;
  noStatistics: string;
  failed: (target: string, reason: string) => string;
  noReply: (target: string, transmitted: number, loss: string) => string;
  replies: (target: string, received: number, transmitted: number, loss: string, rtt: string) => string;
  lossAbove: (text: string, max: string) => string;
  slowerThan: (text: string, max: string) => string;
}> = {
  en: {
    noResult: (target, time) => `ping ${target}: no result within ${time}`,
    noStatistics: 'ping printed no statistics',
    failed: (target, reason) => `ping ${target} failed: ${reason}`,
    noReply: (target, transmitted, loss) => `ping ${target}: no reply to ${transmitted} echo requests (${loss}% loss)`,
    replies: (target, received, transmitted, loss, rtt) =>
      `ping ${target}: ${received}/${transmitted} replies, ${loss}% loss, average round trip ${rtt}`,
    lossAbove: (text, max) => `${text}: loss above ${max}%`,
    slowerThan: (text, max) => `${text}: slower than ${max}`,
  },
  fr: {
    noResult: (target, time) => `ping ${target} : aucun résultat en ${time}`,
    noStatistics: 'ping n’a affiché aucune statistique',
    failed: (target, reason) => `ping ${target} a échoué : ${reason}`,
    noReply: (target, transmitted, loss) =>
      `ping ${target} : aucune réponse ${transmitted === 1 ? 'à la demande d’écho' : `aux ${transmitted} demandes d’écho`} (${loss} % de perte)`,
    replies: (target, received, transmitted, loss, rtt) =>
      `ping ${target} : ${received}/${transmitted} réponses, ${loss} % de perte, aller-retour moyen ${rtt}`,
    lossAbove: (text, max) => `${text} : perte au-delà de ${max} %`,
    slowerThan: (text, max) => `${text} : aller-retour plus lent que ${max}`,
  },
};

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
  async run(config, signal, language) {
    const say = SAY[language];
    const percent = (value: number) => formatNumber(value, language);
    const elapsed = stopwatch();
    const args = ['-n', '-q', '-c', String(config.count), '-i', '0.2', '-W', String(config.waitSeconds), config.target];
    const run = await runPing(args, signal);
    const summary = parsePingOutput(run.stdout);
    if (signal.aborted) {
      return probeResult(
        'down',
        elapsed(),
        say.noResult(config.target, formatWait(waitedMs(signal, elapsed()), language)),
      );
    }
    if (!summary) {
      // ping's own reason (LC_ALL=C: in English) is given as it is.
      const reason = run.stderr.trim().replace(/^ping: /, '') || say.noStatistics;
      return probeResult('down', elapsed(), say.failed(config.target, reason));
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
    const loss = percent(summary.lossPercent);
    if (summary.received === 0) {
      return probeResult('down', latencyMs, say.noReply(config.target, summary.transmitted, loss), values);
    }
    const text = say.replies(config.target, summary.received, summary.transmitted, loss, formatMs(latencyMs, language));
    if (summary.lossPercent > config.maxLossPercent) {
      return probeResult('degraded', latencyMs, say.lossAbove(text, percent(config.maxLossPercent)), values);
    }
    if (config.maxRtt !== undefined && latencyMs > config.maxRtt) {
      return probeResult('degraded', latencyMs, say.slowerThan(text, formatMs(config.maxRtt, language)), values);
    }
    return probeResult('up', latencyMs, text, values);
  },
});
