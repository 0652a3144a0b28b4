import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server received it. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  key: string;
  calendar: string | null;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it
 * receives; it can be stopped and started again on the same port to play an outage.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
            this.mails.push({
              to: addresses(parsed.to),
              from: addresses(parsed.from)[0] ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              key: (parsed.headers.get('x-vigie-key') as string | undefined) ?? '',
              calendar: calendar ? calendar.content.toString('utf8') : null,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(from = 'vigie@mediacontact.example'): string {
    return `smtp://127.0.0.1:${this.port}?from=${from}`;
  }

  /** Messages whose subject contains the text. */
  withSubject(text: string): ReceivedMail[] {
    return this.mails.filter((m) => m.subject.includes(text));
  }

  /** The first message that satisfies `predicate`, waiting for it up to `timeoutMs`. */
  async waitForMail(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such mail within ${timeoutMs} ms; received: ${this.mails.map((m) => m.subject).join(' | ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Keys received more than once: there must be none. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const mail of this.mails) seen.set(mail.messageId, (seen.get(mail.messageId) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  }
}
