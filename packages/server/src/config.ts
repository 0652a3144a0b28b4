import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The plan Vigie ships and loads when no other is named. */
export const DEFAULT_PLAN_PATH = fileURLToPath(new URL('../../../plans/media-contact-cameroun.yaml', import.meta.url));
export const DEFAULT_DATABASE_URL = 'sqlite:./data/vigie.db';

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
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}
