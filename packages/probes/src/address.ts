import { isIPv6 } from 'node:net';
import { z } from 'zod';

/** A host and a port to reach. */
export interface HostPort {
  host: string;
  port: number;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

/** Whether the text is a host name, an IPv4 address or an IPv6 address (never an option such as `-f`). */
export function isHost(text: string): boolean {
  return HOST_NAME.test(text) || isIPv6(text);
}

/** Parses `host`, `host:port`, `[v6]:port` or a bare IPv6 address; undefined when malformed. */
export function parseHostPort(text: string, defaultPort?: number): HostPort | undefined {
  const trimmed = text.trim();
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if (isIPv6(trimmed)) {
    host = trimmed;
  } else {
    const colon = trimmed.lastIndexOf(':');
    host = colon === -1 ? trimmed : trimmed.slice(0, colon);
    portText = colon === -1 ? undefined : trimmed.slice(colon + 1);
  }
  if (!isHost(host)) return undefined;
  if (portText !== undefined && !/^\d{1,5}$/.test(portText)) return undefined;
  const port = portText === undefined ? defaultPort : Number(portText);
  if (port === undefined || port < 1 || port > 65_535) return undefined;
  return { host, port };
}

/** Formats `host:port`, with brackets around an IPv6 address. */
export function formatHostPort({ host, port }: HostPort): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A `HOST:PORT` target; the port may be left out when the protocol has a usual one. */
export function hostPortSchema(defaultPort?: number) {
  const example =
    defaultPort === undefined ? 'HOST:PORT, e.g. 127.0.0.1:8080' : `HOST[:PORT] (port ${defaultPort} by default)`;
  return z.string({ error: `the target is required: ${example}` }).transform((text, ctx) => {
    const address = parseHostPort(text, defaultPort);
    if (!address) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not ${example}` });
      return z.NEVER;
    }
    return address;
  });
}
