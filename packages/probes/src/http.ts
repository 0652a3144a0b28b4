import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import type { PeerCertificate } from 'node:tls';
import { z } from 'zod';
import { describeError } from './errors';
import { exchange, requestBytes, type HttpRequestSpec, type TlsOptions } from './http-exchange';
import { isRedirect, redirectedRequest } from './http-redirect';
import { HttpResponseReader, UnreadableAnswerError } from './http-response-reader';
import { judgeJsonAnswer } from './json-answer';
import { parseJsonPath } from './json-path';
import type { Wording } from './language';
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
import { formatWait, waitedMs } from './wait';
import { THRESHOLD_KEYS, ThresholdSchema } from './thresholds';

/** Bytes of the body searched for keywords: enough for a status page, bounded for a huge one. */
const MAX_BODY_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What HTTP/1.1 carries in a header value: tabs and printable Latin-1, no line break. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

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

const JsonPathSchema = z.string().transform((text, ctx) => {
  const path = parseJsonPath(text);
  if (typeof path === 'string') {
    ctx.addIssue({ code: 'custom', message: path });
    return z.NEVER;
  }
  return path;
});

/** The options of an `http` check. */
export const HttpConfigSchema = z
  .strictObject({
    target: HttpUrlSchema,
    method: z.enum(['GET', 'HEAD', 'POST'], { error: 'method must be GET, HEAD or POST' }).default('GET'),
    headers: z
      .record(
        z.string(),
        z
          .string()
          .regex(HEADER_VALUE, { error: 'a header value holds printable Latin-1 characters only (no line break)' }),
      )
      .superRefine((headers, ctx) => {
        for (const name of Object.keys(headers)) {
          if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a header name` });
        }
      })
      .default({}),
    body: z.string().optional(),
    /** Status codes that count as up. */
    status: StatusRangesSchema.default([[200, 399]]),
    /** Text the page must contain. */
    keyword: z.string().min(1).optional(),
    /** Text the page must not contain (e.g. `ERROR`). */
    absentKeyword: z.string().min(1).optional(),
    /** A value to read in a JSON page (`status`, `checks[0].state`), judged by the bounds below. */
    json: JsonPathSchema.optional(),
    ...ThresholdSchema.shape,
    /** Slower than this is degraded. */
    maxLatency: DurationOptionSchema.optional(),
    /** A TLS certificate expiring in fewer days than this is degraded. */
    certMinDays: numberOption('certMinDays').default(14),
    /** Redirects followed, as a browser would (0: a 3xx is judged by `status` like any answer). */
    maxRedirects: numberOption('maxRedirects')
      .refine((n) => Number.isInteger(n) && n >= 0 && n <= 20, {
        error: 'maxRedirects must be a whole number from 0 to 20',
      })
      .default(0),
    /** Accept any TLS certificate (still reports its days left). */
    insecure: BooleanOptionSchema.default(false),
    /** A PEM file of the authorities to trust instead of the system's, for an internal CA. */
    caFile: z.string().min(1).optional(),
  })
  .superRefine((config, ctx) => {
    // Bounds judge the JSON value: without one to read they would be silently ignored.
    const bounds = THRESHOLD_KEYS.filter((key) => config[key] !== undefined);
    if (config.json === undefined && bounds.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${bounds.join(', ')} need json: the path of the value to judge` });
    }
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

/** Answers up to this size are let to end by themselves when no keyword is looked for. */
const SHORT_BODY_BYTES = 64 * 1024;

const REQUESTS = new WeakMap<HttpConfig, Buffer>();

/** The request's bytes (worked out once per config: a scheduled check keeps its config). */
function requestOf(config: HttpConfig): Buffer {
  let bytes = REQUESTS.get(config);
  if (bytes === undefined) {
    bytes = requestBytes({ url: config.target, method: config.method, headers: config.headers, body: config.body });
    REQUESTS.set(config, bytes);
  }
  return bytes;
}

/** `1 jour`, `2 jours`: in French, 0 and 1 are singular. */
function countFr(count: number, word: string): string {
  return `${count} ${word}${Math.abs(count) > 1 ? 's' : ''}`;
}

const SAY: Wording<{
  summary: (code: number, statusText: string, from: string, latencyMs: number) => string;
  unknownStatus: string;
  redirected: (redirects: number, url: string) => string;
  withProblems: (summary: string, problems: string[]) => string;
  expected: (ranges: string) => string;
  stillRedirected: (redirects: number) => string;
  keywordMissing: (keyword: string) => string;
  pageContains: (keyword: string) => string;
  slower: (maxMs: number) => string;
  certExpired: (days: number) => string;
  certExpires: (days: number, minDays: number) => string;
  noAnswerWithin: (url: string, waitMs: number) => string;
  failed: (garbled: boolean, url: string, reason: string, latencyMs: number) => string;
}> = {
  en: {
    summary: (code, statusText, from, latencyMs) =>
      `HTTP ${code} ${statusText} from ${from} after ${formatMs(latencyMs)}`,
    unknownStatus: 'Unknown',
    redirected: (redirects, url) => ` (${redirects === 1 ? 'one redirect' : `${redirects} redirects`} from ${url})`,
    withProblems: (summary, problems) => `${summary}: ${problems.join('; ')}`,
    expected: (ranges) => `expected ${ranges}`,
    stillRedirected: (redirects) => `still redirected after ${redirects} redirects`,
    keywordMissing: (keyword) => `the keyword "${keyword}" is missing from the page`,
    pageContains: (keyword) => `the page contains "${keyword}"`,
    slower: (maxMs) => `slower than ${formatMs(maxMs)}`,
    certExpired: (days) => `its TLS certificate expired ${days} days ago`,
    certExpires: (days, minDays) => `its TLS certificate expires in ${days} days (under ${minDays})`,
    noAnswerWithin: (url, waitMs) => `No HTTP answer from ${url} within ${formatWait(waitMs, 'en')}`,
    failed: (garbled, url, reason, latencyMs) =>
      `${garbled ? 'Unreadable HTTP answer' : 'No HTTP answer'} from ${url}: ${reason} (after ${formatMs(latencyMs)})`,
  },
  fr: {
    summary: (code, statusText, from, latencyMs) =>
      `HTTP ${code} ${statusText} de ${from} en ${formatMs(latencyMs, 'fr')}`,
    unknownStatus: 'inconnu',
    redirected: (redirects, url) =>
      ` (${redirects === 1 ? 'une redirection' : countFr(redirects, 'redirection')} depuis ${url})`,
    withProblems: (summary, problems) => `${summary} : ${problems.join(' ; ')}`,
    expected: (ranges) => `attendu ${ranges}`,
    stillRedirected: (redirects) => `toujours redirigé après ${countFr(redirects, 'redirection')}`,
    keywordMissing: (keyword) => `le mot-clé « ${keyword} » est absent de la page`,
    pageContains: (keyword) => `la page contient « ${keyword} »`,
    slower: (maxMs) => `plus lent que ${formatMs(maxMs, 'fr')}`,
    certExpired: (days) => `son certificat TLS a expiré il y a ${countFr(days, 'jour')}`,
    certExpires: (days, minDays) => `son certificat TLS expire dans ${countFr(days, 'jour')} (moins de ${minDays})`,
    noAnswerWithin: (url, waitMs) => `Aucune réponse HTTP de ${url} en ${formatWait(waitMs, 'fr')}`,
    failed: (garbled, url, reason, latencyMs) =>
      `${garbled ? 'Réponse HTTP illisible' : 'Aucune réponse HTTP'} de ${url} : ${reason} (après ${formatMs(latencyMs, 'fr')})`,
  },
};

/** Fetches a URL: status range, keyword present or absent, latency, TLS certificate days left. */
export const httpProbe = defineProbe({
  kind: 'http',
  summary: 'fetch a URL: status code, keyword, a value of a JSON page, latency, TLS certificate expiry',
  targetHint: 'http(s)://HOST[:PORT]/PATH',
  configSchema: HttpConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const url = shownUrl(config.target);
    try {
      // The CA file is read when a hop is https (at each run: a replaced file is taken up).
      let tls: TlsOptions | undefined;
      const tlsOptions = async (): Promise<TlsOptions> =>
        (tls ??= {
          rejectUnauthorized: !config.insecure,
          ca: config.caFile === undefined ? undefined : await readFile(config.caFile, 'utf8'),
        });
      const wantsBody = config.keyword !== undefined || config.absentKeyword !== undefined || config.json !== undefined;
      let request: HttpRequestSpec = {
        url: config.target,
        method: config.method,
        headers: config.headers,
        body: config.body,
      };
      let bytes = requestOf(config);
      let answer: HttpResponseReader;
      let certificate: PeerCertificate | undefined;
      let redirects = 0;
      let redirectProblem: string | undefined;
      for (;;) {
        answer = new HttpResponseReader({
          head: request.method === 'HEAD',
          keepBytes: wantsBody ? MAX_BODY_BYTES : 0,
          readBodiesUpTo: SHORT_BODY_BYTES,
        });
        // A new connection per run, like a user arriving. One request, one answer, read by
        // the probe itself: at thousands of checks node's HTTP client (an agent, request and
        // answer streams per run) cost more than the rest of a check.
        const secure = request.url.protocol === 'https:';
        const hopTls = secure ? await tlsOptions() : undefined;
        certificate = (await exchange(request.url, bytes, hopTls, answer, signal)) ?? certificate;
        const location = answer.headers.get('location');
        if (config.maxRedirects === 0 || !isRedirect(answer.statusCode, location)) break;
        if (redirects === config.maxRedirects) {
          redirectProblem = say.stillRedirected(redirects);
          break;
        }
        const next = redirectedRequest(request, answer.statusCode, location, language);
        if (typeof next === 'string') {
          redirectProblem = next;
          break;
        }
        request = next;
        bytes = requestBytes(next);
        redirects++;
      }
      const latencyMs = elapsed();
      const body = wantsBody ? { text: answer.text, bytes: answer.bodyBytes } : undefined;

      const code = answer.statusCode;
      const statusText = STATUS_CODES[code] ?? say.unknownStatus;
      const statuses: ProbeStatus[] = [];
      const problems: string[] = [];
      if (!inRanges(code, config.status)) {
        statuses.push('down');
        problems.push(say.expected(formatStatusRanges(config.status)));
      }
      if (redirectProblem !== undefined) {
        statuses.push('down');
        problems.push(redirectProblem);
      }
      const keywordFound = config.keyword === undefined ? undefined : body?.text.includes(config.keyword);
      if (keywordFound === false) {
        statuses.push('down');
        problems.push(say.keywordMissing(config.keyword ?? ''));
      }
      const absentFound = config.absentKeyword === undefined ? undefined : body?.text.includes(config.absentKeyword);
      if (absentFound === true) {
        statuses.push('down');
        problems.push(say.pageContains(config.absentKeyword ?? ''));
      }
      const json = config.json && body ? judgeJsonAnswer(body.text, config.json, config, language) : undefined;
      if (json) statuses.push(json.status);
      if (json?.problem) problems.push(json.problem);
      if (config.maxLatency !== undefined && latencyMs > config.maxLatency) {
        statuses.push('degraded');
        problems.push(say.slower(config.maxLatency));
      }
      const certDaysLeft =
        certificate?.valid_to === undefined
          ? undefined
          : Math.floor((Date.parse(certificate.valid_to) - Date.now()) / DAY_MS);
      if (certDaysLeft !== undefined && certDaysLeft < 0) {
        statuses.push('down');
        problems.push(say.certExpired(-certDaysLeft));
      } else if (certDaysLeft !== undefined && certDaysLeft < config.certMinDays) {
        statuses.push('degraded');
        problems.push(say.certExpires(certDaysLeft, config.certMinDays));
      }
      const from = redirects === 0 ? url : shownUrl(request.url);
      const redirected = redirects === 0 ? '' : say.redirected(redirects, url);
      const summary = `${say.summary(code, statusText, from, latencyMs)}${redirected}`;
      return probeResult(
        worstStatus(...statuses),
        latencyMs,
        problems.length === 0 ? summary : say.withProblems(summary, problems),
        {
          statusCode: code,
          certDaysLeft,
          bodyBytes: body?.bytes,
          keywordFound,
          absentKeywordFound: absentFound,
          jsonValue: json?.value,
          ...(config.maxRedirects > 0 && { redirects }),
          ...(redirects > 0 && { finalUrl: from }),
        },
      );
    } catch (error) {
      const latencyMs = elapsed();
      // The peer answered, but not in HTTP.
      const garbled = error instanceof UnreadableAnswerError;
      const reason = describeError(error, language);
      const message = signal.aborted
        ? say.noAnswerWithin(url, waitedMs(signal, latencyMs))
        : say.failed(garbled, url, reason, latencyMs);
      return probeResult('down', latencyMs, message);
    }
  },
});
