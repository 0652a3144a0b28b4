import { describe, expect, it } from 'vitest';
import { answersTransaction, buildOptionsRequest, parseSipResponse } from './sip-message';

const transaction = { callId: 'abc123@vigie', branch: 'z9hG4bKxyz' };

describe('SIP messages', () => {
  it('builds an OPTIONS request with the headers RFC 3261 requires', () => {
    const request = buildOptionsRequest(
      transaction,
      'udp',
      { host: '127.0.0.1', port: 5060 },
      { host: '127.0.0.1', port: 40000 },
    );
    const lines = request.split('\r\n');
    expect(lines[0]).toBe('OPTIONS sip:127.0.0.1:5060 SIP/2.0');
    expect(lines).toContain('Via: SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKxyz;rport');
    expect(lines).toContain('Call-ID: abc123@vigie');
    expect(lines).toContain('CSeq: 1 OPTIONS');
    expect(lines).toContain('Max-Forwards: 70');
    expect(request.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('reads a response written with compact header names', () => {
    const text = 'SIP/2.0 200 OK\r\ni: abc123@vigie\r\nCSeq: 1 OPTIONS\r\nl: 4\r\n\r\nbody';
    const parsed = parseSipResponse(text);
    expect(parsed?.length).toBe(text.length);
    expect(parsed?.response.code).toBe(200);
    expect(parsed?.response.reason).toBe('OK');
    expect(answersTransaction(parsed!.response, transaction)).toBe(true);
    expect(answersTransaction(parsed!.response, { ...transaction, callId: 'other@vigie' })).toBe(false);
  });

  it('waits for the rest of a message cut in two', () => {
    expect(parseSipResponse('SIP/2.0 100 Trying\r\nCall-ID: x')).toBeUndefined();
    expect(parseSipResponse('SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nabc')).toBeUndefined();
  });

  it('refuses what is not a SIP response', () => {
    expect(() => parseSipResponse('HTTP/1.1 400 Bad Request\r\n\r\n')).toThrow('not a SIP response');
    expect(() => parseSipResponse('SIP/2.0 OK\r\n\r\n')).toThrow('malformed status line');
  });

  it('says in French why an answer is not SIP', () => {
    expect(() => parseSipResponse('HTTP/1.1 400 Bad Request\r\n\r\n', 'fr')).toThrow(
      'ce n’est pas une réponse SIP : « HTTP/1.1 400 Bad Request »',
    );
    expect(() => parseSipResponse('SIP/2.0 OK\r\n\r\n', 'fr')).toThrow(
      'la ligne d’état de la réponse est mal formée : « SIP/2.0 OK »',
    );
  });
});
