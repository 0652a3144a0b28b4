import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Language, Wording } from './language';

/** The transport a SIP request travels on. */
export type SipTransport = 'udp' | 'tcp';

/** Identifies one OPTIONS transaction, to match its answer and ignore strays. */
export interface SipTransaction {
  callId: string;
  branch: string;
}

/** A SIP response, reduced to what the probe reads. */
export interface SipResponse {
  code: number;
  reason: string;
  headers: Map<string, string>;
}

// RFC 3261 §7.3.3: compact header names a peer may use instead of the long ones.
const COMPACT_NAMES: Record<string, string> = {
  i: 'call-id',
  v: 'via',
  f: 'from',
  t: 'to',
  l: 'content-length',
  m: 'contact',
};

const SAY: Wording<{
  notSip: (start: string) => string;
  badStatusLine: (line: string) => string;
}> = {
  en: {
    notSip: (start) => `the answer is not a SIP response: "${start}"`,
    badStatusLine: (line) => `the answer has a malformed status line: "${line}"`,
  },
  fr: {
    notSip: (start) => `ce n’est pas une réponse SIP : « ${start.trim()} »`,
    badStatusLine: (line) => `la ligne d’état de la réponse est mal formée : « ${line.trim()} »`,
  },
};

/** A fresh transaction: random Call-ID and a branch with the RFC 3261 magic cookie. */
export function newTransaction(): SipTransaction {
  return {
    callId: `${randomBytes(12).toString('hex')}@vigie`,
    branch: `z9hG4bK${randomBytes(10).toString('hex')}`,
  };
}

function hostPart(host: string, port: number): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Builds an OPTIONS request to `host:port`, sent from `local` over `transport`. */
export function buildOptionsRequest(
  transaction: SipTransaction,
  transport: SipTransport,
  remote: { host: string; port: number },
  local: { host: string; port: number },
): string {
  const uri = `sip:${hostPart(remote.host, remote.port)}`;
  const localPart = hostPart(local.host, local.port);
  return [
    `OPTIONS ${uri} SIP/2.0`,
    `Via: SIP/2.0/${transport.toUpperCase()} ${localPart};branch=${transaction.branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:vigie@${localPart}>;tag=${randomBytes(6).toString('hex')}`,
    `To: <${uri}>`,
    `Call-ID: ${transaction.callId}`,
    'CSeq: 1 OPTIONS',
    `Contact: <sip:vigie@${localPart};transport=${transport}>`,
    'Accept: application/sdp',
    'User-Agent: Vigie',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/**
 * Reads one SIP response from the start of `text`; returns it with the length it used, or
 * undefined when the message is not complete yet. Throws when the text is not SIP, saying
 * why in `language`.
 */
export function parseSipResponse(
  text: string,
  language: Language = 'en',
): { response: SipResponse; length: number } | undefined {
  const say = SAY[language];
  const headEnd = text.indexOf('\r\n\r\n');
  if (text.length >= 8 && !text.startsWith('SIP/2.0 ')) {
    throw new Error(say.notSip(text.slice(0, 40).replace(/\s+/g, ' ')));
  }
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(statusLine);
  if (!status) throw new Error(say.badStatusLine(statusLine.slice(0, 60)));
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT_NAMES[raw] ?? raw;
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const bodyLength = Number(headers.get('content-length') ?? 0) || 0;
  const length = headEnd + 4 + bodyLength;
  if (text.length < length) return undefined;
  return { response: { code: Number(status[1]), reason: status[2] ?? '', headers }, length };
}

/** Whether a response answers this transaction (same Call-ID, CSeq method OPTIONS). */
export function answersTransaction(response: SipResponse, transaction: SipTransaction): boolean {
  const cseq = response.headers.get('cseq') ?? '';
  return response.headers.get('call-id') === transaction.callId && /\bOPTIONS$/i.test(cseq);
}
