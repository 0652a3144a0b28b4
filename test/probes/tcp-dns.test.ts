import { createSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsProbe, parseProbeConfig, runProbe, tcpProbe, type Language, type Probe } from '@vigie/probes';
import { startDnsResponder, type DnsResponder } from '../support/peers/dns';
import { freePort, startProcess, waitUntil, type PeerProcess } from '../support/peers/process';

async function run<C>(probe: Probe<C>, input: Record<string, unknown>, timeoutMs = 10_000, language?: Language) {
  const outcome = await runProbe(probe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

describe('tcp probe', () => {
  const server = createServer((socket) => socket.end());
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  it('is up when the port accepts the connection', async () => {
    const result = await run(tcpProbe, { target: `127.0.0.1:${port}` });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      new RegExp(`^TCP 127\\.0\\.0\\.1:${port} accepted the connection after [\\d.]+ ms$`),
    );
    expect(result.values.remoteAddress).toBe('127.0.0.1');
  });

  it('is degraded when connecting takes longer than maxLatency', async () => {
    const result = await run(tcpProbe, { target: `127.0.0.1:${port}`, maxLatency: 0 });
    expect(result.status).toBe('degraded');
    expect(result.message).toContain('slower than 0.0 ms');
  });

  it('is down with "connection refused" on a closed port', async () => {
    const closed = await freePort();
    const result = await run(tcpProbe, { target: `127.0.0.1:${closed}` });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(new RegExp(`^TCP 127\\.0\\.0\\.1:${closed}: connection refused after`));
  });

  it('reaches IPv6 loopback written in brackets', async () => {
    const v6 = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    try {
      const { port: v6Port } = v6.address() as { port: number };
      const result = await run(tcpProbe, { target: `[::1]:${v6Port}` });
      expect(result.status).toBe('up');
      expect(result.message).toContain(`[::1]:${v6Port}`);
    } finally {
      v6.close();
    }
  });

  it('writes its messages in French when asked: up, degraded, refused', async () => {
    const up = await run(tcpProbe, { target: `127.0.0.1:${port}` }, 10_000, 'fr');
    expect(up.status).toBe('up');
    expect(up.message).toMatch(new RegExp(`^TCP 127\\.0\\.0\\.1:${port} a accepté la connexion en \\d+(,\\d)? ms$`));
    const slow = await run(tcpProbe, { target: `127.0.0.1:${port}`, maxLatency: 0 }, 10_000, 'fr');
    expect(slow.status).toBe('degraded');
    expect(slow.message).toMatch(/ en [\d,]+ ms : plus lent que 0,0 ms$/);
    const closed = await freePort();
    const refused = await run(tcpProbe, { target: `127.0.0.1:${closed}` }, 10_000, 'fr');
    expect(refused.status).toBe('down');
    expect(refused.message).toMatch(
      new RegExp(`^TCP 127\\.0\\.0\\.1:${closed} : connexion refusée après \\d+(,\\d)? ms$`),
    );
  });

  it('is down when the port never completes the connection before the timeout, in both languages', async () => {
    // A listener that never accepts, its queue (backlog 0: one connection) filled: Linux drops
    // the SYNs that follow, as a firewall that drops packets would.
    const listener: PeerProcess = startProcess('/usr/bin/python3', [
      '-u',
      '-c',
      [
        'import socket, time',
        'listener = socket.socket()',
        "listener.bind(('127.0.0.1', 0))",
        'listener.listen(0)',
        "print('listening', listener.getsockname()[1])",
        'time.sleep(600)',
      ].join('\n'),
    ]);
    let filler: Socket | undefined;
    try {
      let silent = 0;
      await waitUntil(
        'silent listener',
        () => (silent = Number(/listening (\d+)/.exec(listener.output())?.[1] ?? 0)) > 0,
        { peer: listener },
      );
      const queued = connect({ host: '127.0.0.1', port: silent });
      filler = queued;
      await new Promise<void>((resolve, reject) => queued.once('connect', resolve).once('error', reject));
      const english = await run(tcpProbe, { target: `127.0.0.1:${silent}` }, 500);
      expect(english.status).toBe('down');
      expect(english.message).toMatch(
        new RegExp(`^TCP 127\\.0\\.0\\.1:${silent} did not accept a connection within \\d+ ms$`),
      );
      const french = await run(tcpProbe, { target: `127.0.0.1:${silent}` }, 500, 'fr');
      expect(french.status).toBe('down');
      expect(french.message).toMatch(
        new RegExp(`^TCP 127\\.0\\.0\\.1:${silent} n’a accepté aucune connexion en \\d+ ms$`),
      );
    } finally {
      filler?.destroy();
      await listener.stop();
    }
  });

  it('refuses a target without a port, or an option it does not know', () => {
    expect(parseProbeConfig(tcpProbe, { target: 'pbx.local', timeout: 3 })).toEqual({
      ok: false,
      problems: ['target: "pbx.local" is not HOST:PORT, e.g. 127.0.0.1:8080', 'unknown option "timeout"'],
    });
  });
});

describe('dns probe against a DNS responder on 127.0.0.1', () => {
  let dns: DnsResponder;
  let server: string;
  beforeAll(async () => {
    dns = await startDnsResponder({
      'crm.centre.test': { A: ['127.0.0.10', '127.0.0.11'], TXT: ['v=ok'] },
      'broken.centre.test': 'servfail',
      'private.centre.test': 'refused',
      'hung.centre.test': 'silent',
    });
    server = `127.0.0.1:${dns.port}`;
  });
  afterAll(() => dns.stop());

  it('is up when the server answers, listing the addresses', async () => {
    const result = await run(dnsProbe, { target: 'crm.centre.test', server, expect: '127.0.0.11' });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      new RegExp(`^DNS A crm\\.centre\\.test at ${server} answered 127\\.0\\.0\\.10, 127\\.0\\.0\\.11 after`),
    );
    expect(result.values).toEqual({ answers: '127.0.0.10, 127.0.0.11', answerCount: 2 });
  });

  it('reads other record types', async () => {
    const result = await run(dnsProbe, { target: 'crm.centre.test', server, type: 'txt' });
    expect(result.status).toBe('up');
    expect(result.values.answers).toBe('v=ok');
  });

  it('is down when the expected address is not among the answers', async () => {
    const result = await run(dnsProbe, { target: 'crm.centre.test', server, expect: '127.0.0.99' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('expected 127.0.0.99');
  });

  it.each([
    ['gone.centre.test', 'the name does not exist (NXDOMAIN)'],
    ['broken.centre.test', 'the server failed to answer (SERVFAIL)'],
    ['private.centre.test', 'the server refused the query (REFUSED)'],
  ])('is down for %s: %s', async (name, reason) => {
    const result = await run(dnsProbe, { target: name, server });
    expect(result.status).toBe('down');
    expect(result.message).toContain(`DNS A ${name} at ${server}: ${reason}`);
  });

  it('is down when the name has no record of the asked type', async () => {
    const result = await run(dnsProbe, { target: 'crm.centre.test', server, type: 'AAAA' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('the name has no record of this type');
  });

  it('is down with "no answer" when the server stays silent', async () => {
    const before = dns.queries();
    const result = await run(dnsProbe, { target: 'hung.centre.test', server }, 1500);
    expect(result.status).toBe('down');
    expect(result.message).toContain('no answer');
    expect(dns.queries()).toBeGreaterThan(before);
  });

  it('is down when no DNS server listens on the port', async () => {
    const closed = await freePort('udp');
    const result = await run(dnsProbe, { target: 'crm.centre.test', server: `127.0.0.1:${closed}` }, 5000);
    expect(result.status).toBe('down');
    expect(result.message).toContain('the server port is closed (connection refused)');
  });

  it('is down, without throwing, when the server answers garbage', async () => {
    const garbage = createSocket('udp4');
    garbage.on('message', (_query, from) => garbage.send('not a DNS answer', from.port, from.address));
    await new Promise<void>((resolve) => garbage.bind(0, '127.0.0.1', resolve));
    try {
      const at = `127.0.0.1:${garbage.address().port}`;
      const result = await run(dnsProbe, { target: 'crm.centre.test', server: at });
      expect(result.status).toBe('down');
      expect(result.message).toContain(`DNS A crm.centre.test at ${at}: the server sent a malformed answer`);
    } finally {
      garbage.close();
    }
  });

  it('writes its messages in French when asked: answers, expected value, slowness', async () => {
    const up = await run(dnsProbe, { target: 'crm.centre.test', server }, 10_000, 'fr');
    expect(up.status).toBe('up');
    expect(up.message).toMatch(
      new RegExp(
        `^DNS A crm\\.centre\\.test sur ${server} a répondu 127\\.0\\.0\\.10, 127\\.0\\.0\\.11 en \\d+(,\\d)? ms$`,
      ),
    );
    const wrong = await run(dnsProbe, { target: 'crm.centre.test', server, expect: '127.0.0.99' }, 10_000, 'fr');
    expect(wrong.status).toBe('down');
    expect(wrong.message).toMatch(/ en [\d,]+ ms : attendu 127\.0\.0\.99$/);
    const slow = await run(dnsProbe, { target: 'crm.centre.test', server, maxLatency: 0 }, 10_000, 'fr');
    expect(slow.status).toBe('degraded');
    expect(slow.message).toMatch(/ : plus lent que 0,0 ms$/);
  });

  it.each([
    ['gone.centre.test', 'A', 'le nom n’existe pas (NXDOMAIN)'],
    ['broken.centre.test', 'A', 'le serveur n’a pas su répondre (SERVFAIL)'],
    ['private.centre.test', 'A', 'le serveur a refusé la requête (REFUSED)'],
    ['crm.centre.test', 'AAAA', 'le nom n’a pas d’enregistrement de ce type'],
  ])('is down for %s (%s), in French: %s', async (name, type, reason) => {
    const result = await run(dnsProbe, { target: name, server, type }, 10_000, 'fr');
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(
        `^DNS ${type} ${name.replace(/\./g, '\\.')} sur ${server} : ${reason.replace(/[()]/g, '\\$&')} après [\\d,]+ ms$`,
      ),
    );
  });

  it('is down in French when the server is silent, or when nothing listens on its port', async () => {
    const silent = await run(dnsProbe, { target: 'hung.centre.test', server }, 1500, 'fr');
    expect(silent.status).toBe('down');
    expect(silent.message).toMatch(/^DNS A hung\.centre\.test sur .+ : aucune réponse après /);
    const closed = await freePort('udp');
    const refused = await run(dnsProbe, { target: 'crm.centre.test', server: `127.0.0.1:${closed}` }, 5000, 'fr');
    expect(refused.status).toBe('down');
    expect(refused.message).toContain(' : le port du serveur est fermé (connexion refusée) après ');
  });

  it('needs the server to ask, as an IP address', () => {
    expect(parseProbeConfig(dnsProbe, { target: 'crm.centre.test' })).toEqual({
      ok: false,
      problems: ['server: server is required: the DNS server to ask, IP[:PORT]'],
    });
    const named = parseProbeConfig(dnsProbe, { target: 'crm.centre.test', server: 'ns1.example', type: 'ANY' });
    expect(named.ok ? [] : named.problems).toEqual([
      'server: server "ns1.example" is not an IP address with an optional port',
      'type: type must be one of A, AAAA, CNAME, MX, NS, TXT, SRV, PTR, SOA',
    ]);
  });
});
