import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { untilAborted } from './abort';
import { formatHostPort, parseHostPort, type HostPort } from './address';
import { describeError } from './errors';
import type { Language, Wording } from './language';
import { DurationOptionSchema, formatStatusRanges, inRanges, StatusRangesSchema } from './options';
import { defineProbe } from './probe';
import { formatMs, probeResult, stopwatch } from './result';
import { formatWait, waitedMs } from './wait';
import {
  answersTransaction,
  buildOptionsRequest,
  newTransaction,
  parseSipResponse,
  type SipResponse,
  type SipTransport,
  type SipTransaction,
} from './sip-message';

// RFC 3261 timer E: a request over UDP is sent again after T1, doubling up to T2.
const T1_MS = 500;
const T2_MS = 4000;

const SAY: Wording<{
  answered: (code: number, reason: string, where: string, after: string) => string;
  cannotServe: (summary: string, expected: string) => string;
  refuses: (summary: string, expected: string) => string;
  slower: (summary: string, bound: string) => string;
  noAnswer: (where: string, within: string) => string;
  failed: (where: string, garbage: boolean, reason: string, after: string) => string;
  closed: string;
}> = {
  en: {
    answered: (code, reason, where, after) => `SIP ${code} ${reason} from ${where} after ${after}`,
    cannotServe: (summary, expected) => `${summary}: the peer cannot serve (expected ${expected})`,
    refuses: (summary, expected) => `${summary}: the peer answers but refuses (expected ${expected})`,
    slower: (summary, bound) => `${summary}: slower than ${bound}`,
    noAnswer: (where, within) => `No SIP answer from ${where} within ${within}`,
    failed: (where, garbage, reason, after) =>
      `SIP ${where}: ${garbage ? 'unreadable answer' : 'transport error'}: ${reason} after ${after}`,
    closed: 'the peer closed the connection without answering',
  },
  fr: {
    answered: (code, reason, where, after) =>
      `SIP OPTIONS ${where} : réponse ${code}${reason ? ` ${reason}` : ''} en ${after}`,
    cannotServe: (summary, expected) =>
      `${summary} : le correspondant ne peut pas traiter la requête (attendu ${expected})`,
    refuses: (summary, expected) => `${summary} : le correspondant répond mais refuse la requête (attendu ${expected})`,
    slower: (summary, bound) => `${summary} : plus lente que ${bound}`,
    noAnswer: (where, within) => `SIP OPTIONS ${where} : aucune réponse en ${within}`,
    failed: (where, garbage, reason, after) =>
      `SIP OPTIONS ${where} : ${garbage ? 'réponse illisible' : 'erreur réseau'} : ${reason} après ${after}`,
    closed: 'le correspondant a fermé la connexion sans répondre',
  },
};

/** The socket failed: refused, reset, unreachable. */
class TransportError extends Error {}
/** The peer answered something that is not a SIP response. */
class GarbageError extends Error {}

/** Counts the requests sent, retransmissions included, for the result's values. */
interface Sent {
  count: number;
}

const SipTargetSchema = z
  .string({ error: 'the target is required: sip:HOST[:PORT][;transport=udp|tcp]' })
  .transform((text, ctx) => {
    const match = /^(?:sips?:)?([^;@]+)((?:;[^;]*)*)$/i.exec(text.trim());
    const address = match ? parseHostPort(match[1] ?? '', 5060) : undefined;
    const transport = /;transport=([a-z]+)/i.exec(match?.[2] ?? '')?.[1]?.toLowerCase() ?? 'default';
    if (!address || !['udp', 'tcp', 'default'].includes(transport)) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not sip:HOST[:PORT][;transport=udp|tcp]` });
      return z.NEVER;
    }
    return { ...address, transport: transport === 'default' ? undefined : (transport as SipTransport) };
  });

/** The options of a `sip-options` check. */
export const SipOptionsConfigSchema = z
  .strictObject({
    target: SipTargetSchema,
    /** UDP or TCP; the target's `;transport=` says the same, UDP by default. */
    transport: z.enum(['udp', 'tcp'], { error: 'transport must be udp or tcp' }).optional(),
    /** Response codes that count as up; other 3xx/4xx are degraded, 5xx/6xx down. */
    status: StatusRangesSchema.default([[200, 299]]),
    /** A slower answer is degraded. */
    maxLatency: DurationOptionSchema.optional(),
  })
  .transform(({ target, transport, ...rest }) => ({
    ...rest,
    target: { host: target.host, port: target.port },
    transport: transport ?? target.transport ?? 'udp',
  }));

/** A parsed `sip-options` check. */
export type SipOptionsConfig = z.infer<typeof SipOptionsConfigSchema>;

/**
 * Reads a datagram or a stream chunk: the final answer to our transaction, or undefined.
 * Throws, in `language`, when the text is not SIP.
 */
function finalAnswer(
  text: string,
  transaction: SipTransaction,
  language: Language,
): { response?: SipResponse; length: number } | undefined {
  const parsed = parseSipResponse(text, language);
  if (!parsed) return undefined;
  const { response, length } = parsed;
  return answersTransaction(response, transaction) && response.code >= 200 ? { response, length } : { length };
}

function exchangeUdp(
  remote: HostPort,
  transaction: SipTransaction,
  sent: Sent,
  signal: AbortSignal,
  language: Language,
): Promise<SipResponse> {
  const socket = createSocket(isIPv6(remote.host) ? 'udp6' : 'udp4');
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const answered = new Promise<SipResponse>((resolve, reject) => {
    // On a connected UDP socket an ICMP "port unreachable" comes back as ECONNREFUSED.
    socket.on('error', (error) => reject(new TransportError(describeError(error, language))));
    socket.on('message', (datagram) => {
      try {
        const answer = finalAnswer(datagram.toString('latin1'), transaction, language);
        if (answer?.response) resolve(answer.response);
      } catch (error) {
        reject(new GarbageError((error as Error).message));
      }
    });
    socket.connect(remote.port, remote.host, () => {
      if (closed) return;
      const local = socket.address();
      const request = Buffer.from(
        buildOptionsRequest(transaction, 'udp', remote, { host: local.address, port: local.port }),
        'latin1',
      );
      let wait = T1_MS;
      const send = () => {
        if (closed) return;
        sent.count += 1;
        socket.send(request, (error) => error && reject(new TransportError(describeError(error, language))));
        timer = setTimeout(send, wait);
        wait = Math.min(wait * 2, T2_MS);
      };
      send();
    });
  });
  return untilAborted(signal, answered, () => undefined).finally(() => {
    closed = true;
    clearTimeout(timer);
    socket.close();
  });
}

function exchangeTcp(
  remote: HostPort,
  transaction: SipTransaction,
  sent: Sent,
  signal: AbortSignal,
  language: Language,
): Promise<SipResponse> {
  const socket = connect({ host: remote.host, port: remote.port });
  const answered = new Promise<SipResponse>((resolve, reject) => {
    let buffer = '';
    socket.on('error', (error) => reject(new TransportError(describeError(error, language))));
    socket.on('close', () => reject(new TransportError(SAY[language].closed)));
    socket.on('connect', () => {
      const local = { host: socket.localAddress ?? '127.0.0.1', port: socket.localPort ?? 0 };
      socket.write(buildOptionsRequest(transaction, 'tcp', remote, local), 'latin1');
      sent.count += 1;
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      try {
        for (;;) {
          buffer = buffer.replace(/^(?:\r\n)+/, ''); // keep-alive CRLFs between messages
          const answer = finalAnswer(buffer, transaction, language);
          if (!answer) return;
          if (answer.response) return resolve(answer.response);
          buffer = buffer.slice(answer.length);
        }
      } catch (error) {
        reject(new GarbageError((error as Error).message));
      }
    });
  });
  return untilAborted(signal, answered, () => undefined).finally(() => socket.destroy());
}

/** Sends a SIP OPTIONS over UDP or TCP: response code and round trip, or why none came. */
export const sipOptionsProbe = defineProbe({
  kind: 'sip-options',
  summary: 'SIP OPTIONS over UDP or TCP: response code and round trip',
  targetHint: 'sip:HOST[:PORT][;transport=udp|tcp]',
  configSchema: SipOptionsConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const where = `${formatHostPort(config.target)} (${config.transport.toUpperCase()})`;
    const transaction = newTransaction();
    const sent: Sent = { count: 0 };
    try {
      const exchange = config.transport === 'udp' ? exchangeUdp : exchangeTcp;
      const response = await exchange(config.target, transaction, sent, signal, language);
      const latencyMs = elapsed();
      const reason = response.reason || STATUS_CODES[response.code] || '';
      const values = {
        outcome: 'answered',
        statusCode: response.code,
        reason,
        requestsSent: sent.count,
        server: response.headers.get('server') ?? response.headers.get('user-agent'),
      };
      const summary = say.answered(response.code, reason, where, formatMs(latencyMs, language));
      if (!inRanges(response.code, config.status)) {
        const status = response.code >= 500 ? 'down' : 'degraded';
        const expected = formatStatusRanges(config.status);
        const message = status === 'down' ? say.cannotServe(summary, expected) : say.refuses(summary, expected);
        return probeResult(status, latencyMs, message, values);
      }
      if (config.maxLatency !== undefined && latencyMs > config.maxLatency) {
        return probeResult('degraded', latencyMs, say.slower(summary, formatMs(config.maxLatency, language)), values);
      }
      return probeResult('up', latencyMs, summary, values);
    } catch (error) {
      const latencyMs = elapsed();
      if (signal.aborted) {
        return probeResult('down', latencyMs, say.noAnswer(where, formatWait(waitedMs(signal, latencyMs), language)), {
          outcome: 'no-answer',
          requestsSent: sent.count,
        });
      }
      const garbage = error instanceof GarbageError;
      const failure = say.failed(where, garbage, (error as Error).message, formatMs(latencyMs, language));
      return probeResult('down', latencyMs, failure, { outcome: garbage ? 'garbage' : 'transport-error' });
    }
  },
});
