import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { describeError } from './errors';
import type { HttpResponseReader } from './http-response-reader';

/** One HTTP request as a check sends it. */
export interface HttpRequestSpec {
  url: URL;
  method: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
}

/** How to open the connection of an https:// check. */
export interface TlsOptions {
  rejectUnauthorized: boolean;
  /** Authorities to trust instead of the system's (PEM). */
  ca: string | undefined;
}

/** Headers the exchange sets itself: one request per connection, its own framing. */
const FRAMING_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding']);

/**
 * The bytes of a request: request line, `Host`, the check's headers, `Connection: close`
 * (one request per connection, like a user arriving), the body's length, and the body.
 * Credentials in the URL become a Basic `Authorization`, as browsers and curl do.
 */
export function requestBytes(spec: HttpRequestSpec): Buffer {
  const { url } = spec;
  const given = new Map(Object.entries(spec.headers).map(([name, value]) => [name.toLowerCase(), [name, value]]));
  const lines = [`${spec.method} ${url.pathname}${url.search} HTTP/1.1`];
  if (!given.has('host')) lines.push(`Host: ${url.host}`);
  if (!given.has('user-agent')) lines.push('User-Agent: Vigie');
  if (!given.has('authorization') && (url.username || url.password)) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    lines.push(`Authorization: Basic ${Buffer.from(credentials).toString('base64')}`);
  }
  for (const [lower, [name, value]] of given) if (!FRAMING_HEADERS.has(lower)) lines.push(`${name}: ${value}`);
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  if (body !== undefined || spec.method === 'POST') lines.push(`Content-Length: ${body?.length ?? 0}`);
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join('\r\n'), 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** The host to connect to: an IPv6 address without its brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Sends `request` over a new connection to `url` (TLS when `tls` is given) and feeds the
 * answer to `reader` until it is done; the connection is then closed. Resolves with the
 * server's TLS certificate, if any; rejects with the socket's error, the reader's, or the
 * signal's reason when it aborts first (the connection is closed then too).
 */
export function exchange(
  url: URL,
  request: Buffer,
  tls: TlsOptions | undefined,
  reader: HttpResponseReader,
  signal: AbortSignal,
): Promise<PeerCertificate | undefined> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const host = hostOf(url);
    let certificate: PeerCertificate | undefined;
    let socket: Socket;
    if (tls) {
      const secure: TLSSocket = tlsConnect({
        host,
        port: Number(url.port) || 443,
        // A name only: RFC 6066 has no server name for an address.
        ...(isIP(host) === 0 && { servername: host }),
        rejectUnauthorized: tls.rejectUnauthorized,
        ...(tls.ca !== undefined && { ca: tls.ca }),
      });
      secure.once('secureConnect', () => (certificate = secure.getPeerCertificate()));
      socket = secure;
    } else {
      socket = netConnect({ host, port: Number(url.port) || 80 });
    }
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error === undefined) resolve(certificate);
      else reject(error instanceof Error ? error : new Error(describeError(error)));
    };
    const onAbort = () => settle(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      try {
        if (reader.push(chunk)) settle();
      } catch (error) {
        settle(error);
      }
    });
    socket.once('end', () => {
      try {
        reader.end();
        settle();
      } catch (error) {
        settle(error);
      }
    });
    socket.once('error', settle);
    // Written as soon as the connection (and its TLS handshake) is up; the side stays open
    // (some servers give up on a request whose sender has finished).
    socket.write(request);
  });
}
