import type { SmtpSettings } from './email';

/** Reads `smtp://user:password@host:587?from=vigie@example.org` (smtps:// for TLS on connect). */
export function parseSmtpUrl(text: string): SmtpSettings {
  const url = new URL(text);
  const secure = url.protocol === 'smtps:' || url.searchParams.get('secure') === 'true';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
    from: url.searchParams.get('from') ?? 'vigie@localhost',
    rejectUnauthorized: url.searchParams.get('tls') !== 'insecure',
  };
}
