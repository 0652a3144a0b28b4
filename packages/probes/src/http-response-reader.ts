/**
 * Reads one HTTP/1.x answer from the bytes of a connection, as they arrive: the status,
 * the headers, and as much of the body as the check needs. Pure: bytes in, state out.
 *
 * A check only needs the status and, for a keyword, the start of the page; the answer is
 * over when its body has all arrived (by its length, its last chunk or the end of the
 * connection) or when the check has read what it needs.
 */

import { inEachLanguage, WordedError, type Wording } from './language';

/** The peer answered, but not in HTTP (or in broken HTTP). */
export class UnreadableAnswerError extends WordedError {
  override readonly name = 'UnreadableAnswerError';
}

/** The peer closed the connection before the answer (or the part of it the check needs) came. */
export class ClosedEarlyError extends WordedError {
  override readonly name = 'ClosedEarlyError';
}

interface Phrases {
  closedWithoutAnswer: string;
  closedInHeaders: string;
  closedInPage: (bytes: number) => string;
  headersTooLarge: string;
  notHeader: (line: string) => string;
  notLength: (text: string) => string;
  chunkLineTooLong: string;
  chunkTooLong: string;
  notChunkSize: (line: string) => string;
  notHttp: (line: string) => string;
  notStatus: (code: string) => string;
}

const SAY: Wording<Phrases> = {
  en: {
    closedWithoutAnswer: 'the connection closed without an answer',
    closedInHeaders: 'the connection closed in the middle of the headers',
    closedInPage: (bytes) => `the connection closed after ${bytes} bytes of the page`,
    headersTooLarge: 'headers larger than 64 kB',
    notHeader: (line) => `a header line is not a header: "${line}"`,
    notLength: (text) => `Content-Length "${text}" is not a length`,
    chunkLineTooLong: 'a chunk line longer than 1 kB',
    chunkTooLong: 'a chunk longer than its size',
    notChunkSize: (line) => `"${line}" is not a chunk size`,
    notHttp: (line) => `not an HTTP answer: "${line}"`,
    notStatus: (code) => `status ${code} is not an HTTP status`,
  },
  fr: {
    closedWithoutAnswer: 'connexion fermée sans réponse',
    closedInHeaders: 'connexion fermée au milieu des en-têtes',
    closedInPage: (bytes) => `connexion fermée après ${bytes} octet${bytes > 1 ? 's' : ''} de la page`,
    headersTooLarge: 'en-têtes de plus de 64 ko',
    notHeader: (line) => `« ${line} » n’est pas une ligne d’en-tête`,
    notLength: (text) => `Content-Length « ${text} » n’est pas une longueur`,
    chunkLineTooLong: 'une ligne de chunk de plus de 1 ko',
    chunkTooLong: 'un chunk plus long que sa taille',
    notChunkSize: (line) => `« ${line} » n’est pas une taille de chunk`,
    notHttp: (line) => `« ${line} » n’est pas une réponse HTTP`,
    notStatus: (code) => `le statut ${code} n’est pas un statut HTTP`,
  },
};

export interface ResponseReaderOptions {
  /** The request was a HEAD: the answer has no body whatever its headers say. */
  head: boolean;
  /** Body bytes to keep (for a keyword); 0 keeps none. */
  keepBytes: number;
  /**
   * Reading stops at the headers unless the body is known to be this short (a short
   * answer is let to end by itself; a long one, or one of unknown length, is cut).
   * Infinity reads every body to its end (or to `keepBytes` bytes kept).
   */
  readBodiesUpTo: number;
}

/** Headers larger than this are refused: no status page needs more. */
const MAX_HEAD_BYTES = 64 * 1024;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,15})[ \t]*(?:;.*)?$/;

type Framing = { kind: 'none' } | { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' };
type ChunkPhase = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/** Incremental reader of one HTTP/1.x answer. */
export class HttpResponseReader {
  statusCode = 0;
  readonly headers = new Map<string, string>();
  /** Body bytes received (kept or not). */
  bodyBytes = 0;
  /** True once the answer is complete or the check has all it needs. */
  done = false;

  /** Bytes of headers not yet complete. */
  private head: Buffer | null = null;
  private headSeen = false;
  private headDone = false;
  private framing: Framing = { kind: 'none' };
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private chunkPhase: ChunkPhase = 'size';
  private chunkLeft = 0;
  private line = '';

  constructor(private readonly options: ResponseReaderOptions) {}

  /** The body kept, as text (UTF-8). */
  get text(): string {
    return Buffer.concat(this.kept, this.keptBytes).toString('utf8');
  }

  /** Feeds bytes from the connection; returns `done`. Throws UnreadableAnswerError on broken HTTP. */
  push(chunk: Buffer): boolean {
    let rest: Buffer | null = chunk;
    while (rest && rest.length > 0 && !this.done) {
      rest = this.headDone ? this.readBody(rest) : this.readHead(rest);
    }
    return this.done;
  }

  /**
   * The peer closed its side. An answer read to the close is then complete; one whose status
   * never came is an error; a body cut short is an error only when its text was wanted.
   */
  end(): void {
    if (this.done) return;
    if (!this.headDone) {
      if (!this.headSeen) throw new ClosedEarlyError(inEachLanguage(SAY, (say) => say.closedWithoutAnswer));
      throw new ClosedEarlyError(inEachLanguage(SAY, (say) => say.closedInHeaders));
    }
    if (this.framing.kind !== 'close' && this.options.keepBytes > 0) {
      throw new ClosedEarlyError(inEachLanguage(SAY, (say) => say.closedInPage(this.bodyBytes)));
    }
    this.done = true;
  }

  private readHead(chunk: Buffer): Buffer | null {
    this.headSeen = true;
    const head: Buffer = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    const end = headEnd(head);
    if (end === -1) {
      // Not HTTP is told at once, not when the peer gives up (a mail or FTP server's greeting).
      const firstLine = head.indexOf(10);
      if (firstLine !== -1) statusOf(head.toString('latin1', 0, firstLine).replace(/\r$/, ''));
      else if (head.length >= 5 && head.toString('latin1', 0, 5) !== 'HTTP/') statusOf(head.toString('latin1'));
      if (head.length > MAX_HEAD_BYTES)
        throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.headersTooLarge));
      this.head = head;
      return null;
    }
    this.head = null;
    // After an interim answer (100 Continue, 103 Early Hints) the real one follows.
    this.parseHead(head.toString('latin1', 0, end.start));
    return head.subarray(end.next);
  }

  private parseHead(text: string): void {
    const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    const code = statusOf(lines[0] ?? '');
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
      if (!TOKEN.test(name))
        throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.notHeader(printable(line))));
      const value = line.slice(colon + 1).trim();
      const before = headers.get(name);
      headers.set(name, before === undefined ? value : `${before}, ${value}`);
    }
    if (code >= 100 && code < 200 && code !== 101) return;
    this.statusCode = code;
    for (const [name, value] of headers) this.headers.set(name, value);
    this.headDone = true;
    this.framing = this.framingOf(code);
    this.settleAfterHead();
  }

  private framingOf(code: number): Framing {
    if (this.options.head || code === 101 || code === 204 || code === 304) return { kind: 'none' };
    const coding = this.headers.get('transfer-encoding');
    if (coding !== undefined) {
      const last = coding.split(',').at(-1)?.trim().toLowerCase();
      return last === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
    }
    const length = this.headers.get('content-length');
    if (length === undefined) return { kind: 'close' };
    const values = new Set(length.split(',').map((value) => value.trim()));
    const [only] = values;
    if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) {
      throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.notLength(printable(length))));
    }
    return { kind: 'length', left: Number(only) };
  }

  private settleAfterHead(): void {
    const framing = this.framing;
    if (framing.kind === 'none' || (framing.kind === 'length' && framing.left === 0)) {
      this.done = true;
      return;
    }
    const known = framing.kind === 'length' ? framing.left : Number.POSITIVE_INFINITY;
    if (this.options.keepBytes === 0 && !(known <= this.options.readBodiesUpTo)) this.done = true;
  }

  private readBody(chunk: Buffer): Buffer | null {
    const framing = this.framing;
    if (framing.kind === 'length') {
      const take = Math.min(framing.left, chunk.length);
      this.receive(chunk.subarray(0, take));
      framing.left -= take;
      if (framing.left === 0) this.done = true;
      return null;
    }
    if (framing.kind === 'close') {
      this.receive(chunk);
      return null;
    }
    return this.readChunked(chunk);
  }

  private readChunked(chunk: Buffer): Buffer | null {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.chunkPhase === 'data') {
        const take = Math.min(this.chunkLeft, chunk.length - at);
        this.receive(chunk.subarray(at, at + take));
        at += take;
        this.chunkLeft -= take;
        if (this.chunkLeft === 0) this.chunkPhase = 'data-end';
        continue;
      }
      const newline = chunk.indexOf(10, at);
      const end = newline === -1 ? chunk.length : newline;
      this.line += chunk.toString('latin1', at, end);
      if (this.line.length > 1024) throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.chunkLineTooLong));
      at = end + 1;
      if (newline === -1) break;
      const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
      this.line = '';
      this.readChunkLine(line);
    }
    return null;
  }

  private readChunkLine(line: string): void {
    if (this.chunkPhase === 'data-end') {
      if (line !== '') throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.chunkTooLong));
      this.chunkPhase = 'size';
      return;
    }
    if (this.chunkPhase === 'trailer') {
      if (line === '') this.done = true;
      return;
    }
    const size = CHUNK_SIZE.exec(line);
    if (!size) throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.notChunkSize(printable(line))));
    this.chunkLeft = Number.parseInt(size[1] ?? '0', 16);
    this.chunkPhase = this.chunkLeft === 0 ? 'trailer' : 'data';
  }

  private receive(bytes: Buffer): void {
    this.bodyBytes += bytes.length;
    const room = this.options.keepBytes - this.keptBytes;
    if (room > 0) {
      const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
      this.kept.push(kept);
      this.keptBytes += kept.length;
      // What a keyword is looked for in has all come.
      if (this.keptBytes >= this.options.keepBytes) this.done = true;
    }
  }
}

/** The status code of a status line; throws when the line is not one. */
function statusOf(line: string): number {
  const status = STATUS_LINE.exec(line);
  if (!status) throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.notHttp(printable(line))));
  const code = Number(status[1]);
  if (code < 100) throw new UnreadableAnswerError(inEachLanguage(SAY, (say) => say.notStatus(status[1] ?? '')));
  return code;
}

/** Where the headers end (the empty line), accepting bare LF line ends; -1 if not yet. */
function headEnd(bytes: Buffer): { start: number; next: number } | -1 {
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) {
    if (bytes[at + 1] === 10) return { start: at, next: at + 2 };
    if (bytes[at + 1] === 13 && bytes[at + 2] === 10) return { start: at, next: at + 3 };
  }
  return -1;
}

/** A line of a broken answer, short and without control characters, for a message. */
function printable(text: string): string {
  const shown = text.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}
