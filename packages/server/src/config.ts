import { join } from 'node:path';
import { z } from 'zod';
import { parseDuration } from '@vigie/contract';
import { SERVER_ROOT } from './package-root';

/** The plan Vigie ships and loads when no other is named. */
export const DEFAULT_PLAN_PATH = join(SERVER_ROOT, '../../plans/media-contact-cameroun.yaml');
export const DEFAULT_DATABASE_URL = 'sqlite:./data/vigie.db';

/** A duration setting written `7d`, `30s`…, read into milliseconds. */
function durationSetting(name: string, fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected a duration such as 30s, 7d or 90d` });
        return z.NEVER;
      }
      return ms;
    });
}

const ConfigSchema = z.object({
  databaseUrl: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { error: 'VIGIE_DB / --db: expected sqlite:PATH or postgres://…' })
    .default(DEFAULT_DATABASE_URL),
  planPath: z.string().min(1).default(DEFAULT_PLAN_PATH),
  host: z.string().min(1).default('0.0.0.0'),
  port: z.coerce.number({ error: 'VIGIE_PORT / --port: expected a port number' }).int().min(0).max(65535).default(8080),
  adminEmail: z.email({ error: 'VIGIE_ADMIN_EMAIL: expected an email address' }).optional(),
  adminPassword: z.string().min(12, { error: 'VIGIE_ADMIN_PASSWORD: expected at least 12 characters' }).optional(),
  secureCookies: z
    .enum(['true', 'false', '1', '0'], { error: 'VIGIE_SECURE_COOKIES: expected true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'VIGIE_LOG_LEVEL: expected info, warn, debug…',
    })
    .default('info'),
  loginRateLimit: z.coerce.number().int().min(1).default(10),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/.+/, {
      error: 'VIGIE_SMTP_URL: expected smtp://user:password@host:port?from=vigie@example.org',
    })
    .optional(),
  publicUrl: z
    .url({ error: 'VIGIE_PUBLIC_URL: expected the address people use, e.g. https://vigie.example.org' })
    .optional(),
  secretKey: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, {
      error: 'VIGIE_SECRET_KEY: expected the base64 of 32 random bytes',
    })
    .optional(),
  /** Where the secret key file lives when VIGIE_SECRET_KEY is not given. */
  dataDir: z.string().min(1).default('./data'),
  /** Monitoring: raw check results kept this long, then only their rollups. */
  resultsRetentionMs: durationSetting('VIGIE_RESULTS_RETENTION', '7d'),
  /** Monitoring: 5-minute rollups kept this long (hourly ones are kept). */
  rollupRetentionMs: durationSetting('VIGIE_ROLLUP_RETENTION', '90d'),
  /** Monitoring: a node that stops renewing loses its check shards within this time. */
  shardLeaseMs: durationSetting('VIGIE_SHARD_LEASE', '30s'),
  /** Monitoring: checks running at once, in all and against one host. */
  checkConcurrency: z.coerce.number({ error: 'VIGIE_CHECK_CONCURRENCY: expected a number' }).int().min(1).default(256),
  checkTargetConcurrency: z.coerce
    .number({ error: 'VIGIE_CHECK_TARGET_CONCURRENCY: expected a number' })
    .int()
    .min(1)
    .default(8),
  /** Monitoring: probe the checks the plan marks as examples (their addresses are not real). */
  probeExamples: z
    .enum(['true', 'false', '1', '0'], { error: 'VIGIE_PROBE_EXAMPLES: expected true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  /** Run the living demo: simulators on loopback for the seed plan's example checks. */
  demo: z
    .enum(['true', 'false', '1', '0'], { error: 'VIGIE_DEMO / --demo: expected true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
});

export type Config = z.infer<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Command-line flags win over the environment; the one place that reads process.env. */
export function readConfig(flags: Partial<Record<keyof Config, string | undefined>>, env = process.env): ConfigResult {
  const pick = (flag: string | undefined, name: string): string | undefined => flag ?? (env[name] || undefined);
  const parsed = ConfigSchema.safeParse({
    databaseUrl: pick(flags.databaseUrl, 'VIGIE_DB'),
    planPath: pick(flags.planPath, 'VIGIE_PLAN'),
    host: pick(flags.host, 'VIGIE_HOST'),
    port: pick(flags.port, 'VIGIE_PORT'),
    adminEmail: pick(flags.adminEmail, 'VIGIE_ADMIN_EMAIL'),
    adminPassword: pick(flags.adminPassword, 'VIGIE_ADMIN_PASSWORD'),
    secureCookies: pick(flags.secureCookies, 'VIGIE_SECURE_COOKIES'),
    logLevel: pick(flags.logLevel, 'VIGIE_LOG_LEVEL'),
    loginRateLimit: pick(flags.loginRateLimit, 'VIGIE_LOGIN_RATE_LIMIT'),
    smtpUrl: pick(flags.smtpUrl, 'VIGIE_SMTP_URL'),
    publicUrl: pick(flags.publicUrl, 'VIGIE_PUBLIC_URL'),
    secretKey: pick(flags.secretKey, 'VIGIE_SECRET_KEY'),
    dataDir: pick(flags.dataDir, 'VIGIE_DATA_DIR'),
    resultsRetentionMs: pick(flags.resultsRetentionMs, 'VIGIE_RESULTS_RETENTION'),
    rollupRetentionMs: pick(flags.rollupRetentionMs, 'VIGIE_ROLLUP_RETENTION'),
    shardLeaseMs: pick(flags.shardLeaseMs, 'VIGIE_SHARD_LEASE'),
    checkConcurrency: pick(flags.checkConcurrency, 'VIGIE_CHECK_CONCURRENCY'),
    checkTargetConcurrency: pick(flags.checkTargetConcurrency, 'VIGIE_CHECK_TARGET_CONCURRENCY'),
    probeExamples: pick(flags.probeExamples, 'VIGIE_PROBE_EXAMPLES'),
    demo: pick(flags.demo, 'VIGIE_DEMO'),
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}
