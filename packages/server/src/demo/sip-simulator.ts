import { createSocket, type Socket } from 'node:dgram';

export type SipMode = 'ok' | 'unavailable' | 'silent';

/** Copies the headers a response must echo (RFC 3261 §8.2.6.2). */
function echoHeaders(request: string): string[] {
  const wanted = ['via', 'from', 'to', 'call-id', 'cseq'];
  return request
    .split(/\r?\n/)
    .filter((line) => wanted.includes(line.split(':')[0]?.trim().toLowerCase() ?? ''))
    .map((line) => (/^to\s*:/i.test(line) && !/;tag=/i.test(line) ? `${line};tag=vigie-demo` : line));
}

/** A Media Gateway on loopback that answers SIP OPTIONS over UDP: 200, 503, or nothing. */
export class SipSimulator {
  mode: SipMode = 'ok';
  private socket: Socket | undefined;
  port = 0;

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    socket.on('message', (message, remote) => {
      const request = message.toString('utf8');
      if (this.mode === 'silent' || !request.startsWith('OPTIONS ')) return;
      const status = this.mode === 'ok' ? '200 OK' : '503 Service Unavailable';
      const response = [
        `SIP/2.0 ${status}`,
        ...echoHeaders(request),
        'Server: Vigie demo gateway',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(response, remote.port, remote.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.port = socket.address().port;
    this.socket = socket;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
