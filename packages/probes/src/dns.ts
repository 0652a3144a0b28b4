import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { untilAborted } from './abort';
import { formatHostPort, parseHostPort } from './address';
import type { Wording } from './language';
import { DurationOptionSchema } from './options';
import { defineProbe } from './probe';
import { formatMs, probeResult, stopwatch } from './result';

const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'PTR', 'SOA'] as const;

const SAY: Wording<{
  reasons: Readonly<Record<string, string>>;
  noAnswer: string;
  asked: (type: string, name: string, server: string) => string;
  answered: (asked: string, answers: string, latencyMs: number) => string;
  expected: (summary: string, value: string) => string;
  slower: (summary: string, maxMs: number) => string;
  failed: (asked: string, reason: string, latencyMs: number) => string;
}> = {
  en: {
    reasons: {
      ENOTFOUND: 'the name does not exist (NXDOMAIN)',
      ENODATA: 'the name has no record of this type',
      ESERVFAIL: 'the server failed to answer (SERVFAIL)',
      EREFUSED: 'the server refused the query (REFUSED)',
      ETIMEOUT: 'no answer from the server',
      ECONNREFUSED: 'the server port is closed (connection refused)',
      EBADRESP: 'the server sent a malformed answer',
      EFORMERR: 'the server could not read the query (FORMERR)',
      ENOTIMP: 'the server does not implement this query (NOTIMP)',
    },
    noAnswer: 'no answer',
    asked: (type, name, server) => `${type} ${name} at ${server}`,
    answered: (asked, answers, latencyMs) => `DNS ${asked} answered ${answers} after ${formatMs(latencyMs)}`,
    expected: (summary, value) => `${summary}: expected ${value}`,
    slower: (summary, maxMs) => `${summary}: slower than ${formatMs(maxMs)}`,
    failed: (asked, reason, latencyMs) => `DNS ${asked}: ${reason} after ${formatMs(latencyMs)}`,
  },
  fr: {
    reasons: {
      ENOTFOUND: 'le nom n’existe pas (NXDOMAIN)',
      ENODATA: 'le nom n’a pas d’enregistrement de ce type',
      ESERVFAIL: 'le serveur n’a pas su répondre (SERVFAIL)',
      EREFUSED: 'le serveur a refusé la requête (REFUSED)',
      ETIMEOUT: 'pas de réponse du serveur',
      ECONNREFUSED: 'le port du serveur est fermé (connexion refusée)',
      EBADRESP: 'le serveur a envoyé une réponse mal formée',
      EFORMERR: 'le serveur n’a pas pu lire la requête (FORMERR)',
      ENOTIMP: 'le serveur ne gère pas cette requête (NOTIMP)',
    },
    noAnswer: 'aucune réponse',
    asked: (type, name, server) => `${type} ${name} sur ${server}`,
    answered: (asked, answers, latencyMs) => `DNS ${asked} a répondu ${answers} en ${formatMs(latencyMs, 'fr')}`,
    expected: (summary, value) => `${summary} : attendu ${value}`,
    slower: (summary, maxMs) => `${summary} : plus lent que ${formatMs(maxMs, 'fr')}`,
    failed: (asked, reason, latencyMs) => `DNS ${asked} : ${reason} après ${formatMs(latencyMs, 'fr')}`,
  },
};

const ServerSchema = z
  .string({ error: 'server is required: the DNS server to ask, IP[:PORT]' })
  .transform((text, ctx) => {
    const address = parseHostPort(text, 53);
    if (!address || isIP(address.host) === 0) {
      ctx.addIssue({ code: 'custom', message: `server "${text}" is not an IP address with an optional port` });
      return z.NEVER;
    }
    return address;
  });

/** The options of a `dns` check: the target is the name to resolve. */
export const DnsConfigSchema = z.strictObject({
  target: z
    .string({ error: 'the target is required: the name to resolve' })
    .regex(/^[A-Za-z0-9_.-]+$/, { error: 'the target must be a domain name' }),
  /** The DNS server asked, not the machine's resolver: the check is about that server. */
  server: ServerSchema,
  type: z
    .string()
    .transform((text) => text.toUpperCase())
    .pipe(z.enum(RECORD_TYPES, { error: `type must be one of ${RECORD_TYPES.join(', ')}` }))
    .default('A'),
  /** A value that must be among the answers (an address, a host name…). */
  expect: z.string().min(1).optional(),
  /** Slower than this is degraded. */
  maxLatency: DurationOptionSchema.optional(),
});

/** A parsed `dns` check. */
export type DnsConfig = z.infer<typeof DnsConfigSchema>;

/** Renders any record `resolve` returns as one line of text. */
function recordText(record: unknown): string {
  if (typeof record === 'string') return record;
  if (Array.isArray(record)) return record.join('');
  if (record && typeof record === 'object') {
    const r = record as Record<string, unknown>;
    if ('exchange' in r) return `${String(r['priority'])} ${String(r['exchange'])}`;
    if ('port' in r) return `${String(r['priority'])} ${String(r['weight'])} ${String(r['port'])} ${String(r['name'])}`;
    if ('nsname' in r) return `${String(r['nsname'])} ${String(r['hostmaster'])} ${String(r['serial'])}`;
  }
  return JSON.stringify(record);
}

/** Resolves a name against a given DNS server: answer, expected value, latency. */
export const dnsProbe = defineProbe({
  kind: 'dns',
  summary: 'resolve a name against a given DNS server',
  targetHint: 'NAME (with --option server=IP[:PORT])',
  configSchema: DnsConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const server = formatHostPort(config.server);
    const asked = say.asked(config.type, config.target, server);
    // c-ares retries on its own (1 s, then longer); the signal bounds the whole exchange.
    const resolver = new Resolver({ timeout: 1000, tries: 3 });
    resolver.setServers([server]);
    try {
      const answer = await untilAborted(signal, resolver.resolve(config.target, config.type), () => resolver.cancel());
      const records: unknown[] = Array.isArray(answer) ? answer : [answer];
      const latencyMs = elapsed();
      const answers = records.map(recordText);
      const values = { answers: answers.join(', '), answerCount: answers.length };
      const summary = say.answered(asked, answers.join(', '), latencyMs);
      if (config.expect !== undefined && !answers.includes(config.expect)) {
        return probeResult('down', latencyMs, say.expected(summary, config.expect), values);
      }
      if (config.maxLatency !== undefined && latencyMs > config.maxLatency) {
        return probeResult('degraded', latencyMs, say.slower(summary, config.maxLatency), values);
      }
      return probeResult('up', latencyMs, summary, values);
    } catch (error) {
      const latencyMs = elapsed();
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const reason = signal.aborted ? say.noAnswer : (say.reasons[code] ?? (error as Error).message);
      return probeResult('down', latencyMs, say.failed(asked, reason, latencyMs), {
        error: signal.aborted ? 'ETIMEOUT' : code,
      });
    }
  },
});
