import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Listens on a loopback port it keeps across outages, so probes see it go and come back. */
abstract class LoopbackService {
  port = 0;
  private server: Server | HttpServer | undefined;
  private readonly sockets = new Set<Socket>();

  protected abstract create(): Server | HttpServer;

  /** Opens the port (again, on the same number after an outage). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = this.create();
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port and every open connection: a server that went away. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get listening(): boolean {
    return this.server !== undefined;
  }
}

/** A TCP service (a database port, a server's management port) that accepts connections while up. */
export class TcpSimulator extends LoopbackService {
  protected create(): Server {
    return createServer((socket) => socket.end());
  }
}

export type HttpMode = 'ok' | 'error' | 'slow';

/** A web application (the CRM, OCM's business applications): 200, 503, or slow to answer. */
export class HttpSimulator extends LoopbackService {
  mode: HttpMode = 'ok';

  constructor(private readonly title: string) {
    super();
  }

  protected create(): HttpServer {
    return createHttpServer((request, response) => {
      const answer = (): void => {
        if (this.mode === 'error') {
          response
            .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`${this.title} : service indisponible`);
          return;
        }
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<!doctype html><title>${this.title}</title><p>${this.title} OK</p>`);
      };
      if (this.mode === 'slow') setTimeout(answer, 4_000);
      else answer();
      request.resume();
    });
  }
}

/** A UPS as upsd shows it over the NUT protocol (`LIST VAR ups`). */
export class NutSimulator extends LoopbackService {
  status = 'OL';
  charge = 100;
  runtime = 2_400;

  constructor(private readonly upsName: string) {
    super();
  }

  protected create(): Server {
    return createServer((socket) => {
      let buffer = '';
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          socket.write(this.answer(line));
        }
      });
      socket.on('error', () => undefined);
    });
  }

  private answer(line: string): string {
    const [command, kind, ups] = line.split(/\s+/);
    if (command === 'LOGOUT') return 'OK Goodbye\n';
    if (ups !== this.upsName) return 'ERR UNKNOWN-UPS\n';
    const vars: Record<string, string | number> = {
      'ups.status': this.status,
      'battery.charge': this.charge,
      'battery.runtime': this.runtime,
      'device.model': 'Onduleur de démonstration',
    };
    if (command === 'LIST' && kind === 'VAR') {
      const lines = Object.entries(vars).map(([name, value]) => `VAR ${ups} ${name} "${value}"`);
      return [`BEGIN LIST VAR ${ups}`, ...lines, `END LIST VAR ${ups}`, ''].join('\n');
    }
    return 'ERR INVALID-ARGUMENT\n';
  }
}

/**
 * A generator controller over Modbus TCP: discrete inputs 0 running, 1 mains present,
 * 2 fault; holding register 0 the fuel level in percent.
 */
export class ModbusSimulator extends LoopbackService {
  engineRunning = false;
  mainsPresent = true;
  fault = false;
  fuelPercent = 80;

  protected create(): Server {
    return createServer((socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 7) {
          const length = buffer.readUInt16BE(4);
          if (buffer.length < 6 + length) break;
          const frame = buffer.subarray(0, 6 + length);
          buffer = buffer.subarray(6 + length);
          socket.write(this.answer(frame));
        }
      });
      socket.on('error', () => undefined);
    });
  }

  private answer(frame: Buffer): Buffer {
    const transaction = frame.readUInt16BE(0);
    const unit = frame.readUInt8(6);
    const fn = frame.readUInt8(7);
    const start = frame.readUInt16BE(8);
    const count = frame.readUInt16BE(10);
    let pdu: Buffer;
    if (fn === 1 || fn === 2) {
      const bits = [this.engineRunning, this.mainsPresent, this.fault];
      const bytes = Buffer.alloc(Math.ceil(count / 8));
      for (let i = 0; i < count; i++) if (bits[start + i]) bytes[i >> 3]! |= 1 << (i & 7);
      pdu = Buffer.concat([Buffer.from([fn, bytes.length]), bytes]);
    } else if (fn === 3 || fn === 4) {
      const words = Buffer.alloc(count * 2);
      for (let i = 0; i < count; i++) words.writeUInt16BE(start + i === 0 ? this.fuelPercent : 0, i * 2);
      pdu = Buffer.concat([Buffer.from([fn, words.length]), words]);
    } else {
      pdu = Buffer.from([fn | 0x80, 0x01]);
    }
    const header = Buffer.alloc(7);
    header.writeUInt16BE(transaction, 0);
    header.writeUInt16BE(0, 2);
    header.writeUInt16BE(pdu.length + 1, 4);
    header.writeUInt8(unit, 6);
    return Buffer.concat([header, pdu]);
  }
}
