import { z } from 'zod';

/** A destination named on the command line: a folder, or a folder on an SFTP server. */
export type DestinationSpec =
  { kind: 'folder'; path: string } | { kind: 'sftp'; user: string; host: string; port: number; path: string };

/** Reads `DIR` or `sftp://USER@HOST[:PORT]/PATH` (`/~/PATH` for a path below the user's home). */
export const DestinationSpecSchema = z
  .string({ error: 'the destination is required: a folder or sftp://USER@HOST[:PORT]/PATH' })
  .min(1, { error: 'the destination is empty' })
  .transform((text, ctx): DestinationSpec => {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'folder', path: text };
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a URL: expected sftp://USER@HOST[:PORT]/PATH` });
      return z.NEVER;
    }
    if (url.protocol !== 'sftp:') {
      ctx.addIssue({ code: 'custom', message: `"${url.protocol}//" is not supported: use a folder or sftp://` });
      return z.NEVER;
    }
    if (url.password !== '') {
      ctx.addIssue({ code: 'custom', message: 'no password in the URL: SFTP uses a key (--identity)' });
      return z.NEVER;
    }
    if (url.username === '' || url.hostname === '') {
      ctx.addIssue({ code: 'custom', message: `"${text}" lacks the user or the host: sftp://USER@HOST[:PORT]/PATH` });
      return z.NEVER;
    }
    const pathname = decodeURIComponent(url.pathname);
    // sftp://host/~/audio is relative to the login folder, sftp://host/srv/audio is absolute.
    const path = pathname.startsWith('/~/') ? pathname.slice(3) || '.' : pathname === '/~' ? '.' : pathname || '/';
    return {
      kind: 'sftp',
      user: decodeURIComponent(url.username),
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? 22 : Number(url.port),
      path: path.length > 1 ? path.replace(/\/+$/, '') : path,
    };
  });

/** The destination as it is written in the index and in messages. */
export function describeDestination(spec: DestinationSpec): string {
  if (spec.kind === 'folder') return spec.path;
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  const path = spec.path.startsWith('/') ? spec.path : `/~/${spec.path === '.' ? '' : spec.path}`;
  return `sftp://${spec.user}@${host}:${spec.port}${path}`;
}
