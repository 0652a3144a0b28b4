import { readFile } from 'node:fs/promises';
import { request as httpRequest, STATUS_CODES, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { z } from 'zod';
import { describeError } from './errors';
import {
  BooleanOptionSchema,
  DurationOptionSchema,
  formatStatusRanges,
  inRanges,
  numberOption,
  StatusRangesSchema,
} from './options';
import { defineProbe, type ProbeStatus } from './probe';
import { formatMs, probeResult, stopwatch, worstStatus } from './result';

/** Bytes of the body searched for keywords: enough for a status page, bounded for a huge one. */
const MAX_BODY_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;

const HttpUrlSchema = z
  .string({ error: 'the target is required: an http:// or https:// URL' })
  .transform((text, ctx) => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not an http:// or https:// URL` });
      return z.NEVER;
    }
    return url;
  });

/** The options of an `http` check. */
export const HttpConfigSchema = z.strictObject({
  target: HttpUrlSchema,
  method: z.enum(['GET', 'HEAD', 'POST'], { error: 'method must be GET, HEAD or POST' }).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  /** Status codes that count as up. */
  status: StatusRangesSchema.default([[200, 399]]),
  /** Text the page must contain. */
  keyword: z.string().min(1).optional(),
  /** Text the page must not contain (e.g. `ERROR`). */
  absentKeyword: z.string().min(1).optional(),
  /** Slower than this is degraded. */
  maxLatency: DurationOptionSchema.optional(),
  /** A TLS certificate expiring in fewer days than this is degraded. */
  certMinDays: numberOption('certMinDays').default(14),
  /** Accept any TLS certificate (still reports its days left). */
  insecure: BooleanOptionSchema.default(false),
  /** A PEM file of the authorities to trust instead of the system's, for an internal CA. */
  caFile: z.string().min(1).optional(),
});

/** A parsed `http` check. */
export type HttpConfig = z.infer<typeof HttpConfigSchema>;

const SHOWN_URLS = new WeakMap<URL, string>();

/** The URL as shown in messages: without a user name or password (worked out once per config). */
function shownUrl(url: URL): string {
  let text = SHOWN_URLS.get(url);
  if (text === undefined) {
    const shown = new URL(url);
    shown.username = '';
    shown.password = '';
    text = shown.href;
    SHOWN_URLS.set(url, text);
  }
  return text;
}

async function readBody(body: AsyncIterable<Buffer>): Promise<{ text: string; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes >= MAX_BODY_BYTES) break;
  }
  return { text: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'), bytes };
}

/** Answers up to this size are let to end by themselves when no keyword is looked for. */
const SHORT_BODY_BYTES = 64 * 1024;

/**
 * Lets a short answer end by itself, and cuts a long one (or one of unknown length). Node
 * builds an error, stack included, for every answer destroyed before it was read to its
 * end — even one whose body has all arrived: at thousands of checks that is a noticeable
 * share of their cost.
 */
function endOrCut(response: IncomingMessage): Promise<void> {
  if (response.readableEnded) return Promise.resolve();
  const length = Number(response.headers['content-length'] ?? Number.NaN);
  // All of it received (waiting in the stream) or short enough to come soon: read to the end.
  if (!response.complete && !(length <= SHORT_BODY_BYTES)) return Promise.resolve();
  return new Promise((resolve) => {
    response.once('end', resolve);
    response.once('close', resolve);
    response.resume();
  });
}

/** Fetches a URL: status range, keyword present or absent, latency, TLS certificate days left. */
export const httpProbe = defineProbe({
  kind: 'http',
  summary: 'fetch a URL: status code, keyword, latency, TLS certificate expiry',
  targetHint: 'http(s)://HOST[:PORT]/PATH',
  configSchema: HttpConfigSchema,
  async run(config, signal) {
    const elapsed = stopwatch();
    const url = shownUrl(config.target);
    let certificate: PeerCertificate | undefined;
    try {
      const target = config.target;
      const secure = target.protocol === 'https:';
      const ca = secure && config.caFile !== undefined ? await readFile(config.caFile, 'utf8') : undefined;
      // A new connection per run (no agent), like a user arriving; node's own HTTP client is
      // the cheapest here, which matters at thousands of checks.
      let outgoing: ClientRequest | undefined;
      // The signal is watched here rather than given to the request: node would then build an
      // error (with its stack) for every response closed before its end, that is every check.
      const abort = () => outgoing?.destroy(signal.reason as Error);
      signal.throwIfAborted();
      signal.addEventListener('abort', abort, { once: true });
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const send = secure ? httpsRequest : httpRequest;
        outgoing = send(
          target,
          {
            method: config.method,
            headers: config.headers,
            agent: false,
            ...(secure && { rejectUnauthorized: !config.insecure, ...(ca ? { ca } : {}), servername: target.hostname }),
          },
          resolve,
        );
        outgoing.once('error', reject);
        if (secure) {
          outgoing.once('socket', (socket) =>
            socket.once('secureConnect', () => (certificate = (socket as TLSSocket).getPeerCertificate())),
          );
        }
        outgoing.end(config.body ?? undefined);
      });
      const wantsBody = config.keyword !== undefined || config.absentKeyword !== undefined;
      const body = wantsBody
        ? await readBody(response).finally(() => signal.removeEventListener('abort', abort))
        : await endOrCut(response).then(() => undefined);
      signal.removeEventListener('abort', abort);
      // An answer still arriving when the time is up is no answer.
      signal.throwIfAborted();
      // Done with the answer: the connection goes, whatever is left of the body.
      response.destroy();
      const latencyMs = elapsed();

      const code = response.statusCode ?? 0;
      const statusText = STATUS_CODES[code] ?? 'Unknown';
      const statuses: ProbeStatus[] = [];
      const problems: string[] = [];
      if (!inRanges(code, config.status)) {
        statuses.push('down');
        problems.push(`expected ${formatStatusRanges(config.status)}`);
      }
      const keywordFound = config.keyword === undefined ? undefined : body?.text.includes(config.keyword);
      if (keywordFound === false) {
        statuses.push('down');
        problems.push(`the keyword "${config.keyword}" is missing from the page`);
      }
      const absentFound = config.absentKeyword === undefined ? undefined : body?.text.includes(config.absentKeyword);
      if (absentFound === true) {
        statuses.push('down');
        problems.push(`the page contains "${config.absentKeyword}"`);
      }
      if (config.maxLatency !== undefined && latencyMs > config.maxLatency) {
        statuses.push('degraded');
        problems.push(`slower than ${formatMs(config.maxLatency)}`);
      }
      const certDaysLeft =
        certificate?.valid_to === undefined
          ? undefined
          : Math.floor((Date.parse(certificate.valid_to) - Date.now()) / DAY_MS);
      if (certDaysLeft !== undefined && certDaysLeft < 0) {
        statuses.push('down');
        problems.push(`its TLS certificate expired ${-certDaysLeft} days ago`);
      } else if (certDaysLeft !== undefined && certDaysLeft < config.certMinDays) {
        statuses.push('degraded');
        problems.push(`its TLS certificate expires in ${certDaysLeft} days (under ${config.certMinDays})`);
      }
      const summary = `HTTP ${code} ${statusText} from ${url} after ${formatMs(latencyMs)}`;
      return probeResult(
        worstStatus(...statuses),
        latencyMs,
        problems.length === 0 ? summary : `${summary}: ${problems.join('; ')}`,
        { statusCode: code, certDaysLeft, bodyBytes: body?.bytes, keywordFound, absentKeywordFound: absentFound },
      );
    } catch (error) {
      const latencyMs = elapsed();
      // The peer answered, but not in HTTP.
      const code: unknown = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
      const garbled = typeof code === 'string' && code.startsWith('HPE_');
      const message = signal.aborted
        ? `No HTTP answer from ${url} within ${formatMs(latencyMs)}`
        : `${garbled ? 'Unreadable HTTP answer' : 'No HTTP answer'} from ${url}: ${describeError(error)} (after ${formatMs(latencyMs)})`;
      return probeResult('down', latencyMs, message);
    }
  },
});
