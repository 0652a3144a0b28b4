import { z } from 'zod';
import { describeError } from './errors';
import { formatNumber, type Wording } from './language';
import { DurationOptionSchema } from './options';
import { defineProbe, type ProbeValue } from './probe';
import { formatMs, probeResult, stopwatch, worstStatus } from './result';
import { formatWait, waitedMs } from './wait';
import { queryMssql } from './sql-mssql';
import { queryMysql } from './sql-mysql';
import { queryPostgres, type FirstValue } from './sql-postgres';
import { judgeValue, ThresholdSchema } from './thresholds';

const DIALECTS = {
  'postgres:': { name: 'PostgreSQL', query: queryPostgres },
  'postgresql:': { name: 'PostgreSQL', query: queryPostgres },
  'mysql:': { name: 'MySQL', query: queryMysql },
  'mariadb:': { name: 'MariaDB', query: queryMysql },
  'mssql:': { name: 'SQL Server', query: queryMssql },
  'sqlserver:': { name: 'SQL Server', query: queryMssql },
} as const satisfies Record<
  string,
  { name: string; query: (url: URL, sql: string, signal: AbortSignal) => Promise<FirstValue> }
>;

const SCHEMES = 'postgres://, mysql://, mariadb:// or mssql://';

const SqlUrlSchema = z
  .string({ error: `the target is required: a database URL (${SCHEMES})` })
  .transform((text, ctx) => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || !Object.hasOwn(DIALECTS, url.protocol) || !url.hostname) {
      ctx.addIssue({
        code: 'custom',
        message: `the target is not a database URL (${SCHEMES}USER:PASSWORD@HOST[:PORT]/DATABASE)`,
      });
      return z.NEVER;
    }
    return url;
  });

/** The options of a `sql` check: a query, and bounds on the first column of its first row. */
export const SqlConfigSchema = ThresholdSchema.extend({
  target: SqlUrlSchema,
  /** Run in a read-only transaction; the first column of the first row is judged. */
  query: z.string().trim().min(1).default('SELECT 1'),
  /** What the first value measures, for messages (e.g. `replication lag (s)`); `first value` unless told. */
  label: z.string().min(1).optional(),
  maxLatency: DurationOptionSchema.optional(),
});

/** A parsed `sql` check. */
export type SqlConfig = z.infer<typeof SqlConfigSchema>;

const SAY: Wording<{
  firstValue: string;
  answered: (database: string, time: string, label: string, value: string | undefined) => string;
  slowerThan: (time: string) => string;
  problems: (summary: string, problems: string[]) => string;
  noAnswer: (time: string) => string;
  failed: (database: string, reason: string) => string;
}> = {
  en: {
    firstValue: 'first value',
    answered: (database, time, label, value) =>
      `${database} answered in ${time}: ${label} ${value === undefined ? 'absent (no row)' : `= ${value}`}`,
    slowerThan: (time) => `slower than ${time}`,
    problems: (summary, problems) => `${summary}; ${problems.join('; ')}`,
    noAnswer: (time) => `no answer within ${time}`,
    failed: (database, reason) => `${database}: ${reason}`,
  },
  fr: {
    firstValue: 'première valeur',
    answered: (database, time, label, value) =>
      `${database} a répondu en ${time} : ${label} ${value === undefined ? 'introuvable (aucune ligne)' : `= ${value}`}`,
    slowerThan: (time) => `réponse plus lente que ${time}`,
    problems: (summary, problems) => `${summary} ; ${problems.join(' ; ')}`,
    noAnswer: (time) => `aucune réponse en ${time}`,
    failed: (database, reason) => `${database} : ${reason}`,
  },
};

/** The database as messages name it: engine, host, port and database, never the password. */
function describeDatabase(url: URL): string {
  const dialect = DIALECTS[url.protocol as keyof typeof DIALECTS];
  return `${dialect.name} ${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
}

function toProbeValue(value: unknown): ProbeValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  // Drivers return NUMERIC and BIGINT as text to keep precision: a check wants the number.
  const text = Buffer.isBuffer(value)
    ? value.toString('utf8')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  return /^-?\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

/** Connects to PostgreSQL, MySQL/MariaDB or SQL Server, runs a query, judges its first value. */
export const sqlProbe = defineProbe({
  kind: 'sql',
  summary: 'connect to a database, run a read-only query, judge its first value',
  targetHint: 'postgres://USER@HOST/DB, mysql://…, mariadb://…, mssql://…',
  configSchema: SqlConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const label = config.label ?? say.firstValue;
    const elapsed = stopwatch();
    const database = describeDatabase(config.target);
    const dialect = DIALECTS[config.target.protocol as keyof typeof DIALECTS];
    try {
      const { value, rowCount } = await dialect.query(config.target, config.query, signal);
      const latencyMs = elapsed();
      const measured = toProbeValue(value);
      const values = { value: measured, rowCount };
      const shown = typeof measured === 'number' ? formatNumber(measured, language) : String(measured);
      const summary = say.answered(database, formatMs(latencyMs, language), label, rowCount === 0 ? undefined : shown);
      const verdict = judgeValue(label, measured, config, language);
      const slow = config.maxLatency !== undefined && latencyMs > config.maxLatency;
      const problems = [
        verdict.problem,
        slow ? say.slowerThan(formatMs(config.maxLatency ?? 0, language)) : undefined,
      ].filter((problem): problem is string => Boolean(problem));
      const status = worstStatus(verdict.status, slow ? 'degraded' : 'up');
      return probeResult(status, latencyMs, problems.length ? say.problems(summary, problems) : summary, values);
    } catch (error) {
      const latencyMs = elapsed();
      const reason = signal.aborted
        ? say.noAnswer(formatWait(waitedMs(signal, latencyMs), language))
        : describeError(error, language);
      return probeResult('down', latencyMs, say.failed(database, reason));
    }
  },
});
