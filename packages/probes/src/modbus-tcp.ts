import { connect, type Socket } from 'node:net';
import type { HostPort } from './address';
import { untilAborted } from './abort';
import { inEachLanguage, WordedError, type Language, type Wording } from './language';

/** The four Modbus data tables, with the function code that reads each. */
export const MODBUS_TABLES = { coil: 1, discrete: 2, holding: 3, input: 4 } as const;

/** A Modbus data table: coils and discrete inputs hold bits, holding and input registers 16-bit words. */
export type ModbusTable = keyof typeof MODBUS_TABLES;

const EXCEPTIONS: Wording<Record<number, string>> = {
  en: {
    1: 'illegal function',
    2: 'illegal data address',
    3: 'illegal data value',
    4: 'server device failure',
    6: 'server device busy',
    10: 'gateway path unavailable',
    11: 'gateway target device failed to respond',
  },
  fr: {
    1: 'fonction non prise en charge',
    2: 'adresse de données invalide',
    3: 'valeur de données invalide',
    4: 'panne de l’équipement',
    6: 'équipement occupé',
    10: 'chemin de passerelle indisponible',
    11: 'l’équipement derrière la passerelle ne répond pas',
  },
};

const SAY: Wording<{
  exception: (code: number) => string;
  closed: string;
  otherFunction: (functionCode: number) => string;
  fewerBits: string;
  fewerRegisters: string;
  notModbus: string;
}> = {
  en: {
    exception: (code) => `Modbus exception ${code} (${EXCEPTIONS.en[code] ?? 'unknown'})`,
    closed: 'the device closed the connection',
    otherFunction: (functionCode) => `the device answered function ${functionCode}`,
    fewerBits: 'the device sent fewer bits than asked',
    fewerRegisters: 'the device sent fewer registers than asked',
    notModbus: 'the device answered something that is not Modbus TCP',
  },
  fr: {
    exception: (code) => `exception Modbus ${code} (${EXCEPTIONS.fr[code] ?? 'inconnue'})`,
    closed: 'l’équipement a fermé la connexion',
    otherFunction: (functionCode) => `l’équipement a répondu avec la fonction ${functionCode}`,
    fewerBits: 'l’équipement a renvoyé moins de bits que demandé',
    fewerRegisters: 'l’équipement a renvoyé moins de registres que demandé',
    notModbus: 'la réponse de l’équipement n’est pas du Modbus TCP',
  },
};

/** What went wrong in a Modbus exchange, told in each language (see `WordedError`). */
export class ModbusError extends WordedError {}

/** Builds a `ModbusError` from the same phrase in each language. */
function modbusError(phrase: (say: (typeof SAY)[Language]) => string): ModbusError {
  return new ModbusError(inEachLanguage(SAY, phrase));
}

/** A Modbus exception response: the device understood the request and refused it. */
export class ModbusException extends ModbusError {
  constructor(readonly code: number) {
    super(inEachLanguage(SAY, (say) => say.exception(code)));
  }
}

/** A Modbus TCP client on one connection, one request at a time (what small controllers accept). */
export class ModbusTcpClient {
  private buffer = Buffer.alloc(0);
  private transaction = 0;
  private waiting?: { id: number; resolve: (pdu: Buffer) => void; reject: (error: Error) => void };

  private constructor(
    private readonly socket: Socket,
    private readonly unitId: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(modbusError((say) => say.closed)));
  }

  /** Connects to `address` (port 502 usually) for the device `unitId`. */
  static async connect(address: HostPort, unitId: number, signal: AbortSignal): Promise<ModbusTcpClient> {
    const socket = connect({ host: address.host, port: address.port });
    const connected = new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    await untilAborted(signal, connected, () => socket.destroy());
    return new ModbusTcpClient(socket, unitId);
  }

  /** Reads `count` bits (coils, discrete inputs) or words (registers) from `start`. */
  async read(table: ModbusTable, start: number, count: number, signal: AbortSignal): Promise<number[]> {
    this.transaction = (this.transaction + 1) & 0xffff;
    const request = Buffer.alloc(12);
    request.writeUInt16BE(this.transaction, 0);
    request.writeUInt16BE(0, 2); // protocol: Modbus
    request.writeUInt16BE(6, 4); // unit id + PDU
    request.writeUInt8(this.unitId, 6);
    request.writeUInt8(MODBUS_TABLES[table], 7);
    request.writeUInt16BE(start, 8);
    request.writeUInt16BE(count, 10);
    const answered = new Promise<Buffer>((resolve, reject) => {
      this.waiting = { id: this.transaction, resolve, reject };
    });
    this.socket.write(request);
    const pdu = await untilAborted(signal, answered, () => this.close());
    const functionCode = pdu.readUInt8(0);
    if (functionCode === (MODBUS_TABLES[table] | 0x80)) throw new ModbusException(pdu.readUInt8(1));
    if (functionCode !== MODBUS_TABLES[table]) throw modbusError((say) => say.otherFunction(functionCode));
    const data = pdu.subarray(2, 2 + pdu.readUInt8(1));
    if (table === 'coil' || table === 'discrete') {
      if (data.length * 8 < count) throw modbusError((say) => say.fewerBits);
      return Array.from({ length: count }, (_, i) => ((data[i >> 3] ?? 0) >> (i & 7)) & 1);
    }
    if (data.length < count * 2) throw modbusError((say) => say.fewerRegisters);
    return Array.from({ length: count }, (_, i) => data.readUInt16BE(i * 2));
  }

  /** Closes the connection. */
  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    // MBAP header: transaction (2), protocol (2), length (2) of unit id + PDU.
    while (this.buffer.length >= 7) {
      const length = this.buffer.readUInt16BE(4);
      if (this.buffer.readUInt16BE(2) !== 0 || length < 2 || length > 254) {
        return this.fail(modbusError((say) => say.notModbus));
      }
      if (this.buffer.length < 6 + length) return;
      const id = this.buffer.readUInt16BE(0);
      const pdu = this.buffer.subarray(7, 6 + length);
      this.buffer = this.buffer.subarray(6 + length);
      if (this.waiting?.id === id) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(pdu);
      }
    }
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
