import { connect } from 'node:net';
import { z } from 'zod';
import { formatHostPort, hostPortSchema, type HostPort } from './address';
import { untilAborted } from './abort';
import { describeError } from './errors';
import type { Wording } from './language';
import { DurationOptionSchema } from './options';
import { defineProbe } from './probe';
import { formatMs, probeResult, stopwatch } from './result';
import { formatWait, waitedMs } from './wait';

/** The options of a `tcp` check. */
export const TcpConfigSchema = z.strictObject({
  target: hostPortSchema(),
  /** Slower to connect than this is degraded. */
  maxLatency: DurationOptionSchema.optional(),
});

/** A parsed `tcp` check. */
export type TcpConfig = z.infer<typeof TcpConfigSchema>;

/** Opens a TCP connection, resolving with the remote address, then closes it at once. */
export function openTcp(address: HostPort, signal: AbortSignal): Promise<string> {
  const socket = connect({ host: address.host, port: address.port });
  const connected = new Promise<string>((resolve, reject) => {
    socket.once('connect', () => resolve(socket.remoteAddress ?? address.host));
    socket.once('error', reject);
  });
  return untilAborted(signal, connected, () => socket.destroy()).finally(() => socket.destroy());
}

const SAY: Wording<{
  accepted: (where: string, latencyMs: number) => string;
  slower: (summary: string, maxMs: number) => string;
  silent: (where: string, waitMs: number) => string;
  failed: (where: string, reason: string, latencyMs: number) => string;
}> = {
  en: {
    accepted: (where, latencyMs) => `TCP ${where} accepted the connection after ${formatMs(latencyMs)}`,
    slower: (summary, maxMs) => `${summary}: slower than ${formatMs(maxMs)}`,
    silent: (where, waitMs) => `TCP ${where} did not accept a connection within ${formatWait(waitMs, 'en')}`,
    failed: (where, reason, latencyMs) => `TCP ${where}: ${reason} after ${formatMs(latencyMs)}`,
  },
  fr: {
    accepted: (where, latencyMs) => `TCP ${where} a accepté la connexion en ${formatMs(latencyMs, 'fr')}`,
    slower: (summary, maxMs) => `${summary} : plus lent que ${formatMs(maxMs, 'fr')}`,
    silent: (where, waitMs) => `TCP ${where} n’a accepté aucune connexion en ${formatWait(waitMs, 'fr')}`,
    failed: (where, reason, latencyMs) => `TCP ${where} : ${reason} après ${formatMs(latencyMs, 'fr')}`,
  },
};

/** Connects to a TCP port: up when it accepts, down when refused or silent. */
export const tcpProbe = defineProbe({
  kind: 'tcp',
  summary: 'open a TCP connection to a port',
  targetHint: 'HOST:PORT',
  configSchema: TcpConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const where = formatHostPort(config.target);
    try {
      const remoteAddress = await openTcp(config.target, signal);
      const latencyMs = elapsed();
      const summary = say.accepted(where, latencyMs);
      if (config.maxLatency !== undefined && latencyMs > config.maxLatency) {
        return probeResult('degraded', latencyMs, say.slower(summary, config.maxLatency), { remoteAddress });
      }
      return probeResult('up', latencyMs, summary, { remoteAddress });
    } catch (error) {
      const latencyMs = elapsed();
      const message = signal.aborted
        ? say.silent(where, waitedMs(signal, latencyMs))
        : say.failed(where, describeError(error, language), latencyMs);
      return probeResult('down', latencyMs, message);
    }
  },
});
