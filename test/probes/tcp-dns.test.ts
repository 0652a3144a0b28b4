import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsProbe, parseProbeConfig, runProbe, tcpProbe, type Probe } from '@vigie/probes';
import { startDnsResponder, type DnsResponder } from '../support/peers/dns';
import { freePort } from '../support/peers/process';

async function run<C>(probe: Probe<C>, input: Record<string, unknown>, timeoutMs = 10_000) {
  const outcome = await runProbe(probe, input, { timeoutMs });
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
