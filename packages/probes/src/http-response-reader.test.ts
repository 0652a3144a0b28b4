import { describe, expect, it } from 'vitest';
import { WordedError } from './language';
import {
  ClosedEarlyError,
  HttpResponseReader,
  UnreadableAnswerError,
  type ResponseReaderOptions,
} from './http-response-reader';

const KEYWORD: ResponseReaderOptions = { head: false, keepBytes: 1024 * 1024, readBodiesUpTo: 64 * 1024 };
const STATUS_ONLY: ResponseReaderOptions = { head: false, keepBytes: 0, readBodiesUpTo: 64 * 1024 };

/** Feeds `text` in pieces of `size` bytes (1: byte by byte); returns the reader. */
function read(text: string, options: ResponseReaderOptions, size = Number.POSITIVE_INFINITY): HttpResponseReader {
  const reader = new HttpResponseReader(options);
  const bytes = Buffer.from(text, 'latin1');
  for (let at = 0; at < bytes.length && !reader.done; at += size) reader.push(bytes.subarray(at, at + size));
  return reader;
}

const PAGE = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 22\r\n\r\n<html>status OK</html>';
const CHUNKED =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '6\r\n<html>\r\n' +
  'a;name=value\r\nstatus OK \r\n' +
  '7\r\n</html>\r\n' +
  '0\r\nX-Trailer: yes\r\n\r\n';

describe('HttpResponseReader', () => {
  it('reads the status, the headers and a body of known length, whatever pieces it comes in', () => {
    for (const size of [Number.POSITIVE_INFINITY, 1, 2, 7, 64]) {
      const reader = read(PAGE, KEYWORD, size);
      expect(reader.done).toBe(true);
      expect(reader.statusCode).toBe(200);
      expect(reader.headers.get('content-type')).toBe('text/html');
      expect(reader.text).toBe('<html>status OK</html>');
      expect(reader.bodyBytes).toBe(22);
    }
  });

  it('joins a chunked body, its extensions and trailers left out, whatever pieces it comes in', () => {
    for (const size of [Number.POSITIVE_INFINITY, 1, 3, 16]) {
      const reader = read(CHUNKED, KEYWORD, size);
      expect(reader.done).toBe(true);
      expect(reader.text).toBe('<html>status OK </html>');
      expect(reader.bodyBytes).toBe(23);
    }
  });

  it('is not done before the last chunk of a chunked body', () => {
    expect(read(CHUNKED.slice(0, -5), KEYWORD).done).toBe(false);
  });

  it('skips interim answers (100 Continue, 103 Early Hints) for the real one', () => {
    const reader = read(
      `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n${PAGE}`,
      KEYWORD,
      5,
    );
    expect(reader.statusCode).toBe(200);
    expect(reader.headers.has('link')).toBe(false);
    expect(reader.text).toContain('status OK');
  });

  it('expects no body after a HEAD, a 204 or a 304, whatever the length says', () => {
    const head = read('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n', { ...KEYWORD, head: true });
    expect([head.done, head.statusCode, head.bodyBytes]).toEqual([true, 200, 0]);
    expect(read('HTTP/1.1 204 No Content\r\n\r\n', KEYWORD).done).toBe(true);
    expect(read('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', KEYWORD).done).toBe(true);
  });

  it('without a keyword, reads a short body to its end but stops at the headers of a long or unsized one', () => {
    const short = read(PAGE.slice(0, -4), STATUS_ONLY);
    expect(short.done).toBe(false);
    short.push(Buffer.from('tml>'));
    expect([short.done, short.bodyBytes, short.text]).toEqual([true, 22, '']);
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\nxx', STATUS_ONLY).done).toBe(true);
    expect(read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', STATUS_ONLY).done).toBe(true);
    expect(read('HTTP/1.0 200 OK\r\n\r\n', STATUS_ONLY).done).toBe(true);
  });

  it('reads a body without length to the end of the connection', () => {
    const reader = read('HTTP/1.0 200 OK\r\n\r\nHello, ', KEYWORD);
    reader.push(Buffer.from('world'));
    expect(reader.done).toBe(false);
    reader.end();
    expect([reader.done, reader.text]).toEqual([true, 'Hello, world']);
  });

  it('keeps no more of the page than asked, and is done once it has it', () => {
    const reader = read(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${'a'.repeat(100)}`, {
      ...KEYWORD,
      keepBytes: 10,
    });
    expect([reader.done, reader.text, reader.bodyBytes]).toEqual([true, 'a'.repeat(10), 100]);
  });

  it('accepts bare line feeds and joins repeated headers', () => {
    const reader = read('HTTP/1.1 200 OK\nSet-Cookie: a=1\nSet-Cookie: b=2\nContent-Length: 2\n\nok', KEYWORD);
    expect([reader.done, reader.text, reader.headers.get('set-cookie')]).toEqual([true, 'ok', 'a=1, b=2']);
  });

  it('tells what is not HTTP as soon as it is seen, in words', () => {
    const greeting = new HttpResponseReader(KEYWORD);
    expect(() => greeting.push(Buffer.from('220 mail.example ESMTP ready\r\n'))).toThrow(
      new UnreadableAnswerError('not an HTTP answer: "220 mail.example ESMTP ready"'),
    );
    // Five bytes are enough when the line never ends (an SSH server waits for its client).
    expect(() => new HttpResponseReader(KEYWORD).push(Buffer.from('SSH-2.0-OpenSSH'))).toThrow(UnreadableAnswerError);
    expect(() => read('HTTP/1.1 2OO OK\r\n\r\n', KEYWORD)).toThrow(/not an HTTP answer: "HTTP\/1\.1 2OO OK"/);
    expect(() => read('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', KEYWORD)).toThrow(/a header line is not a header/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n', KEYWORD)).toThrow(/is not a length/);
    expect(() => read('HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n', KEYWORD)).toThrow(/is not a length/);
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', KEYWORD)).toThrow(
      /"zz" is not a chunk size/,
    );
    expect(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', KEYWORD)).toThrow(
      /a chunk longer than its size/,
    );
    expect(() => read(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`, KEYWORD)).toThrow(/headers larger than 64 kB/);
    // Printed safely: no control characters from the peer in a message.
    expect(() => read('\x00\x01\x02\x03\x04\x05\r\n', KEYWORD)).toThrow(/"\?\?\?\?\?\?"/);
  });

  it('says where the connection closed when it closes early', () => {
    expect(() => new HttpResponseReader(KEYWORD).end()).toThrow(
      new ClosedEarlyError('the connection closed without an answer'),
    );
    expect(() => read('HTTP/1.1 200 OK\r\nContent-', KEYWORD).end()).toThrow(/in the middle of the headers/);
    expect(() => read(PAGE.slice(0, -5), KEYWORD).end()).toThrow(/closed after 17 bytes of the page/);
    // The status was all a check without keyword needed.
    const statusOnly = read(PAGE.slice(0, -5), STATUS_ONLY);
    statusOnly.end();
    expect([statusOnly.done, statusOnly.statusCode]).toEqual([true, 200]);
  });

  it('gives the reason of a broken answer in English or in French, the message being the English', () => {
    const reasons = (make: () => unknown): [string, string, string] => {
      try {
        make();
      } catch (error) {
        if (!(error instanceof WordedError)) throw error;
        return [error.message, error.reason('en'), error.reason('fr')];
      }
      throw new Error('no error');
    };
    expect(
      reasons(() => new HttpResponseReader(KEYWORD).push(Buffer.from('220 mail.example ESMTP ready\r\n'))),
    ).toEqual([
      'not an HTTP answer: "220 mail.example ESMTP ready"',
      'not an HTTP answer: "220 mail.example ESMTP ready"',
      '« 220 mail.example ESMTP ready » n’est pas une réponse HTTP',
    ]);
    const french = (make: () => unknown) => reasons(make)[2];
    expect(french(() => read('HTTP/1.1 099 Odd\r\n\r\n', KEYWORD))).toBe('le statut 099 n’est pas un statut HTTP');
    expect(french(() => read('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', KEYWORD))).toBe(
      '« no colon here » n’est pas une ligne d’en-tête',
    );
    expect(french(() => read('HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n', KEYWORD))).toBe(
      'Content-Length « 5, 6 » n’est pas une longueur',
    );
    expect(french(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', KEYWORD))).toBe(
      '« zz » n’est pas une taille de chunk',
    );
    expect(french(() => read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', KEYWORD))).toBe(
      'un chunk plus long que sa taille',
    );
    expect(
      french(() => read(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'1'.repeat(1100)}`, KEYWORD)),
    ).toBe('une ligne de chunk de plus de 1 ko');
    expect(french(() => read(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70_000)}`, KEYWORD))).toBe(
      'en-têtes de plus de 64 ko',
    );
    expect(french(() => new HttpResponseReader(KEYWORD).end())).toBe('connexion fermée sans réponse');
    expect(french(() => read('HTTP/1.1 200 OK\r\nContent-', KEYWORD).end())).toBe(
      'connexion fermée au milieu des en-têtes',
    );
    expect(french(() => read(PAGE.slice(0, -5), KEYWORD).end())).toBe('connexion fermée après 17 octets de la page');
    expect(french(() => read(PAGE.slice(0, -21), KEYWORD).end())).toBe('connexion fermée après 1 octet de la page');
  });
});
