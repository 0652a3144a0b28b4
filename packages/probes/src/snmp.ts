import type * as Snmp from 'net-snmp';
import { z } from 'zod';
import { untilAborted } from './abort';
import { formatHostPort, hostPortSchema } from './address';
import { describeError } from './errors';
import { formatNumber, type Language, type Wording } from './language';
import { defineProbe, type ProbeStatus, type ProbeValue } from './probe';
import { formatMs, probeResult, stopwatch, worstStatus } from './result';
import { judgeValue, ThresholdSchema } from './thresholds';
import { formatWait, waitedMs } from './wait';

const OID = /^\.?\d+(?:\.\d+)+$/;

const OidSchema = z
  .string()
  .regex(OID, { error: 'expected a numeric OID such as 1.3.6.1.2.1.33.1.2.4.0' })
  .transform((oid) => oid.replace(/^\./, ''));

const OidCheckSchema = ThresholdSchema.extend({
  oid: OidSchema,
  /** The name the value gets in the result (the OID itself by default). */
  name: z.string().min(1).optional(),
});

/** The options of an `snmp` check. */
export const SnmpConfigSchema = z
  .strictObject({
    target: hostPortSchema(161),
    version: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.enum(['1', '2c', '3'], { error: 'version must be 1, 2c or 3' }))
      .default('2c'),
    community: z.string().min(1).default('public'),
    user: z.string().min(1).optional(),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha'),
    authKey: z.string().min(8, { error: 'authKey must have at least 8 characters (RFC 3414)' }).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).default('aes'),
    privKey: z.string().min(8, { error: 'privKey must have at least 8 characters (RFC 3414)' }).optional(),
    /** The OIDs to read, each with optional bounds; or their list as text, `OID,OID`. */
    oids: z.union([
      z
        .string()
        .transform((text) => text.split(',').map((oid) => ({ oid: oid.trim() })))
        .pipe(z.array(OidCheckSchema).min(1)),
      z.array(OidCheckSchema).min(1, { error: 'give at least one OID' }),
    ]),
  })
  .superRefine((config, ctx) => {
    if (config.version === '3' && !config.user) {
      ctx.addIssue({ code: 'custom', path: ['user'], message: 'SNMP v3 needs a user' });
    }
    if (config.privKey && !config.authKey) {
      ctx.addIssue({ code: 'custom', path: ['authKey'], message: 'privacy (privKey) needs authentication (authKey)' });
    }
  });

/** A parsed `snmp` check. */
export type SnmpConfig = z.infer<typeof SnmpConfigSchema>;

const SAY: Wording<{
  answered: (where: string, after: string) => string;
  missing: string;
  noAnswer: (within: string) => string;
  colon: string;
  semicolon: string;
  /** What the agent's and the library's error names mean, by name (English keeps the names). */
  agentErrors: Record<string, string>;
}> = {
  en: {
    answered: (where, after) => `${where} answered in ${after}`,
    missing: 'missing from the answer',
    noAnswer: (within) => `no answer within ${within} (agent down, wrong community or wrong user?)`,
    colon: ': ',
    semicolon: '; ',
    agentErrors: {},
  },
  fr: {
    answered: (where, after) => `${where} a répondu en ${after}`,
    missing: 'absent de la réponse',
    noAnswer: (within) => `aucune réponse en ${within} (agent arrêté, mauvaise communauté ou mauvais utilisateur ?)`,
    colon: ' : ',
    semicolon: ' ; ',
    agentErrors: {
      // A value the agent does not have (SNMP v2c/v3 varbind exceptions, v1 error status).
      NoSuchObject: 'OID inconnu de l’agent (NoSuchObject)',
      NoSuchInstance: 'instance inconnue de l’agent (NoSuchInstance)',
      EndOfMibView: 'au-delà de la fin de la MIB (EndOfMibView)',
      NoSuchName: 'OID inconnu de l’agent (NoSuchName)',
      // The agent's error status.
      TooBig: 'réponse trop grande pour l’agent (TooBig)',
      GeneralError: 'erreur interne de l’agent (GeneralError)',
      NoAccess: 'accès refusé à cet OID (NoAccess)',
      AuthorizationError: 'accès refusé par l’agent (AuthorizationError)',
      // SNMP v3 (RFC 3414) reports, as net-snmp words them.
      'Unsupported Security Level': 'niveau de sécurité refusé par l’agent (Unsupported Security Level)',
      'Not In Time Window': 'message hors de la fenêtre de temps de l’agent (Not In Time Window)',
      'Unknown User Name': 'utilisateur inconnu de l’agent (Unknown User Name)',
      'Unknown Engine ID': 'identifiant de moteur SNMP inconnu de l’agent (Unknown Engine ID)',
      'Wrong Digest (incorrect password, community or key)':
        'authentification refusée : mot de passe, communauté ou clé incorrects (Wrong Digest)',
      'Decryption Error': 'échec du déchiffrement, clé de confidentialité incorrecte ? (Decryption Error)',
    },
  },
};

/**
 * Says an error name from the agent or the library (`NoSuchName: OID`, `Unknown User Name`)
 * in `language`, the OID it names first; a name not in the table is given as it is.
 */
function explainAgentError(text: string, language: Language): string {
  const { agentErrors, colon } = SAY[language];
  const [name = '', ...rest] = text.split(': ');
  const known = Object.hasOwn(agentErrors, name) ? agentErrors[name] : undefined;
  if (!known) return text;
  return rest.length ? `${rest.join(': ')}${colon}${known}` : known;
}

/**
 * Why the agent gave no value, from net-snmp's `NoSuchObject: OID`: as it is in English, in
 * words without the OID in French (the label before it names the value).
 */
function varbindProblem(error: string, language: Language): string {
  const { agentErrors } = SAY[language];
  const name = error.split(': ')[0] ?? '';
  return (Object.hasOwn(agentErrors, name) && agentErrors[name]) || error;
}

/** The SNMP library, loaded on first use: most plans' servers start no SNMP check. */
function loadSnmp(): Promise<typeof Snmp> {
  return (loaded ??= import('net-snmp').then((module) => module.default));
}
let loaded: Promise<typeof Snmp> | undefined;

function openSession(snmp: typeof Snmp, config: SnmpConfig): Snmp.Session {
  const common = {
    port: config.target.port,
    transport: config.target.host.includes(':') ? ('udp6' as const) : ('udp4' as const),
    // Retries grow the wait 1 s, 1.5 s, 2.3 s…; the signal ends it all at the check's timeout.
    timeout: 1000,
    retries: 5,
    backoff: 1.5,
  };
  if (config.version !== '3') {
    const version = config.version === '1' ? snmp.Version1 : snmp.Version2c;
    return snmp.createSession(config.target.host, config.community, { ...common, version });
  }
  const level = config.privKey
    ? snmp.SecurityLevel.authPriv
    : config.authKey
      ? snmp.SecurityLevel.authNoPriv
      : snmp.SecurityLevel.noAuthNoPriv;
  return snmp.createV3Session(
    config.target.host,
    {
      name: config.user ?? '',
      level,
      authProtocol: snmp.AuthProtocols[config.authProtocol],
      authKey: config.authKey,
      privProtocol: snmp.PrivProtocols[config.privProtocol],
      privKey: config.privKey,
    },
    common,
  );
}

/** Turns what the agent sent into a value a technician reads: text stays text, counters become numbers. */
function readValue(varbind: Snmp.Varbind): ProbeValue {
  const { value } = varbind;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) {
    const text = value.toString('utf8');
    // eslint-disable-next-line no-control-regex -- binary octet strings (MAC addresses…) read better in hex
    return /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(text) ? text : value.toString('hex');
  }
  if (value === null || value === undefined) return '';
  return value;
}

function getOids(session: Snmp.Session, oids: string[]): Promise<Snmp.Varbind[]> {
  return new Promise((resolve, reject) => {
    session.get(oids, (error, varbinds) => (error ? reject(error) : resolve(varbinds ?? [])));
  });
}

/** Reads OIDs from an SNMP agent (v1, v2c, v3) and judges each against its bounds. */
export const snmpProbe = defineProbe({
  kind: 'snmp',
  summary: 'read OIDs from an SNMP agent (v2c or v3), with bounds per OID',
  targetHint: 'HOST[:PORT] (with --option oids=OID,OID)',
  configSchema: SnmpConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const where = `SNMP v${config.version} ${formatHostPort(config.target)}`;
    let session: Snmp.Session | undefined;
    try {
      const snmp = await loadSnmp();
      session = openSession(snmp, config);
      const opened = session;
      // A socket error is reported through the pending request; this keeps it from going uncaught.
      opened.on('error', () => undefined);
      const varbinds = await untilAborted(
        signal,
        getOids(
          opened,
          config.oids.map((check) => check.oid),
        ),
        () => opened.close(),
      );
      const latencyMs = elapsed();
      const values: Record<string, ProbeValue> = {};
      const statuses: ProbeStatus[] = [];
      const problems: string[] = [];
      config.oids.forEach((check, index) => {
        const label = check.name ?? check.oid;
        const varbind = varbinds[index];
        if (!varbind || snmp.isVarbindError(varbind)) {
          statuses.push('down');
          const why = varbind ? varbindProblem(snmp.varbindError(varbind), language) : say.missing;
          problems.push(`${label}${say.colon}${why}`);
          return;
        }
        const value = readValue(varbind);
        values[label] = value;
        const verdict = judgeValue(label, value, check, language);
        statuses.push(verdict.status);
        if (verdict.problem) problems.push(verdict.problem);
      });
      const read = Object.entries(values).map(
        ([label, value]) => `${label} = ${typeof value === 'number' ? formatNumber(value, language) : String(value)}`,
      );
      const head = say.answered(where, formatMs(latencyMs, language));
      const summary = read.length ? `${head}${say.colon}${read.join(', ')}` : head;
      return probeResult(
        worstStatus(...statuses),
        latencyMs,
        problems.length ? `${summary}${say.semicolon}${problems.join(say.semicolon)}` : summary,
        values,
      );
    } catch (error) {
      const latencyMs = elapsed();
      const timedOut = signal.aborted || (error instanceof Error && error.name === 'RequestTimedOutError');
      const reason = timedOut
        ? say.noAnswer(formatWait(waitedMs(signal, latencyMs), language))
        : explainAgentError(describeError(error, language), language);
      return probeResult('down', latencyMs, `${where}${say.colon}${reason}`);
    } finally {
      try {
        session?.close();
      } catch {
        // already closed by the abort
      }
    }
  },
});
