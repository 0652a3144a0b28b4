import { createSocket, type RemoteInfo } from 'node:dgram';

/** How the responder treats a name: records by type, or a failure to play. */
export type DnsZoneEntry = { A?: string[]; TXT?: string[] } | 'servfail' | 'refused' | 'silent';

/** A tiny authoritative DNS server on 127.0.0.1 (UDP), answering from a fixed zone. */
export interface DnsResponder {
  port: number;
  /** How many queries it has read. */
  queries(): number;
  stop(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_TXT = 16;
const RCODE = { ok: 0, servfail: 2, nxdomain: 3, refused: 5 } as const;

function readQuestion(packet: Buffer): { name: string; type: number; end: number } | undefined {
  const labels: string[] = [];
  let offset = 12;
  while (offset < packet.length) {
    const length = packet[offset] ?? 0;
    if (length === 0) break;
    labels.push(packet.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  if (offset + 5 > packet.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: packet.readUInt16BE(offset + 1), end: offset + 5 };
}

function answer(query: Buffer, questionEnd: number, rcode: number, records: Array<{ type: number; data: Buffer }>) {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the query's ID
  const recursionDesired = (query[2] ?? 0) & 0x01;
  header.writeUInt16BE(0x8400 | (recursionDesired << 8) | rcode, 2); // QR, AA, RD echoed
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map(({ type, data }) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question
    fixed.writeUInt16BE(type, 2);
    fixed.writeUInt16BE(1, 4); // class IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

/** Starts the responder on a free UDP port of 127.0.0.1. */
export function startDnsResponder(zone: Record<string, DnsZoneEntry>): Promise<DnsResponder> {
  const socket = createSocket('udp4');
  let count = 0;
  socket.on('message', (query: Buffer, from: RemoteInfo) => {
    count += 1;
    const question = readQuestion(query);
    if (!question) return;
    const entry = zone[question.name];
    if (entry === 'silent') return;
    let reply: Buffer;
    if (entry === undefined) reply = answer(query, question.end, RCODE.nxdomain, []);
    else if (entry === 'servfail') reply = answer(query, question.end, RCODE.servfail, []);
    else if (entry === 'refused') reply = answer(query, question.end, RCODE.refused, []);
    else {
      const records: Array<{ type: number; data: Buffer }> = [];
      if (question.type === TYPE_A) {
        for (const ip of entry.A ?? []) records.push({ type: TYPE_A, data: Buffer.from(ip.split('.').map(Number)) });
      }
      if (question.type === TYPE_TXT) {
        for (const text of entry.TXT ?? []) {
          records.push({ type: TYPE_TXT, data: Buffer.concat([Buffer.from([text.length]), Buffer.from(text)]) });
        }
      }
      reply = answer(query, question.end, RCODE.ok, records);
    }
    socket.send(reply, from.port, from.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () =>
      resolve({
        port: socket.address().port,
        queries: () => count,
        stop: () => new Promise<void>((done) => socket.close(() => done())),
      }),
    );
  });
}
