import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeConfig, runProbe, sipOptionsProbe, type Language } from '@vigie/probes';
import { freePort } from '../support/peers/process';
import { startSipp, type SippPeer, type SippScenario } from '../support/peers/sipp';

async function run(input: Record<string, unknown>, timeoutMs = 10_000, language: Language = 'en') {
  const outcome = await runProbe(sipOptionsProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

describe('sip-options probe against sipp', () => {
  const peers = new Map<string, SippPeer>();
  const peer = (scenario: SippScenario, transport: 'udp' | 'tcp') => {
    const found = peers.get(`${scenario}/${transport}`);
    if (!found) throw new Error(`sipp ${scenario}/${transport} is not running`);
    return found;
  };
  beforeAll(async () => {
    const wanted: Array<[SippScenario, 'udp' | 'tcp']> = [
      ['options-200', 'udp'],
      ['options-200', 'tcp'],
      ['options-503', 'udp'],
      ['options-silent', 'udp'],
      ['options-silent', 'tcp'],
    ];
    for (const [scenario, transport] of wanted) {
      peers.set(`${scenario}/${transport}`, await startSipp(scenario, transport));
    }
  });
  afterAll(async () => {
    for (const running of peers.values()) await running.stop();
  });

  it('is up on 200 OK over UDP, with the round trip and the server name', async () => {
    const { port } = peer('options-200', 'udp');
    const result = await run({ target: `sip:127.0.0.1:${port}` });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(new RegExp(`^SIP 200 OK from 127\\.0\\.0\\.1:${port} \\(UDP\\) after [\\d.]+ ms$`));
    expect(result.values).toMatchObject({ outcome: 'answered', statusCode: 200, server: 'sipp-vigie-test' });
  });

  it('says it in French: up on 200 OK, with a decimal comma', async () => {
    const { port } = peer('options-200', 'udp');
    const result = await run({ target: `sip:127.0.0.1:${port}` }, 10_000, 'fr');
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      new RegExp(`^SIP OPTIONS 127\\.0\\.0\\.1:${port} \\(UDP\\) : réponse 200 OK en \\d+(,\\d)? ms$`),
    );
    const tcp = await run({ target: `sip:127.0.0.1:${peer('options-200', 'tcp').port};transport=tcp` }, 10_000, 'fr');
    expect(tcp.message).toContain(`(TCP) : réponse 200 OK en `);
  });

  it('is up on 200 OK over TCP, chosen by the target or by the option', async () => {
    const { port } = peer('options-200', 'tcp');
    const byTarget = await run({ target: `sip:127.0.0.1:${port};transport=tcp` });
    expect(byTarget.status).toBe('up');
    expect(byTarget.message).toContain(`SIP 200 OK from 127.0.0.1:${port} (TCP)`);
    const byOption = await run({ target: `127.0.0.1:${port}`, transport: 'tcp' });
    expect(byOption.status).toBe('up');
  });

  it('is down on 503 Service Unavailable, told apart from silence', async () => {
    const { port } = peer('options-503', 'udp');
    const result = await run({ target: `sip:127.0.0.1:${port}` });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(
        `^SIP 503 Service Unavailable from 127\\.0\\.0\\.1:${port} \\(UDP\\) after [\\d.]+ ms: the peer cannot serve`,
      ),
    );
    expect(result.values).toMatchObject({ outcome: 'answered', statusCode: 503 });
  });

  it("says it in French: down on 503, the peer's reason phrase kept", async () => {
    const { port } = peer('options-503', 'udp');
    const result = await run({ target: `sip:127.0.0.1:${port}` }, 10_000, 'fr');
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      new RegExp(
        `^SIP OPTIONS 127\\.0\\.0\\.1:${port} \\(UDP\\) : réponse 503 Service Unavailable en \\d+(,\\d)? ms : ` +
          `le correspondant ne peut pas traiter la requête \\(attendu 200-299\\)$`,
      ),
    );
  });

  it('accepts 503 as up when the check says so', async () => {
    const { port } = peer('options-503', 'udp');
    expect((await run({ target: `sip:127.0.0.1:${port}`, status: '200-299,503' })).status).toBe('up');
  });

  it('is down with "no answer" when the peer is silent, after retransmitting over UDP', async () => {
    const { port } = peer('options-silent', 'udp');
    const result = await run({ target: `sip:127.0.0.1:${port}` }, 2000);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(new RegExp(`^No SIP answer from 127\\.0\\.0\\.1:${port} \\(UDP\\) within`));
    // RFC 3261 timer E: sent at 0, 0.5 s and 1.5 s within 2 s (a busy machine may lose the last).
    expect(result.values.outcome).toBe('no-answer');
    expect(result.values.requestsSent).toBeGreaterThanOrEqual(2);
    expect(result.latencyMs).toBeGreaterThanOrEqual(1900);
  });

  it('is down with "no answer" when the peer is silent over TCP', async () => {
    const { port } = peer('options-silent', 'tcp');
    const result = await run({ target: `sip:127.0.0.1:${port};transport=tcp` }, 1500);
    expect(result.status).toBe('down');
    expect(result.values).toEqual({ outcome: 'no-answer', requestsSent: 1 });
  });

  it('quotes the timeout it waited, not the milliseconds measured past it', async () => {
    const { port } = peer('options-silent', 'tcp');
    const result = await run({ target: `sip:127.0.0.1:${port};transport=tcp` }, 1500);
    expect(result.latencyMs).toBeGreaterThanOrEqual(1490);
    expect(result.message).toBe(`No SIP answer from 127.0.0.1:${port} (TCP) within 1500 ms`);
  });

  it('says it in French: down with "aucune réponse" when the peer is silent', async () => {
    const { port } = peer('options-silent', 'udp');
    const udp = await run({ target: `sip:127.0.0.1:${port}` }, 2000, 'fr');
    expect(udp.status).toBe('down');
    expect(udp.message).toBe(`SIP OPTIONS 127.0.0.1:${port} (UDP) : aucune réponse en 2 s`);
    const tcp = await run({ target: `sip:127.0.0.1:${peer('options-silent', 'tcp').port};transport=tcp` }, 1500, 'fr');
    expect(tcp.message).toMatch(/ \(TCP\) : aucune réponse en 1,5 s$/);
  });

  it('is down with a transport error when no SIP peer listens, over UDP and TCP', async () => {
    const udp = await run({ target: `sip:127.0.0.1:${await freePort('udp')}` });
    expect(udp.status).toBe('down');
    expect(udp.message).toContain('(UDP): transport error: connection refused');
    expect(udp.values).toEqual({ outcome: 'transport-error' });
    const tcp = await run({ target: `sip:127.0.0.1:${await freePort('tcp')};transport=tcp` });
    expect(tcp.message).toContain('(TCP): transport error: connection refused');
  });

  it('is down, without throwing, when the peer answers something that is not SIP', async () => {
    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = web.address() as { port: number };
      const result = await run({ target: `sip:127.0.0.1:${port};transport=tcp` });
      expect(result.status).toBe('down');
      expect(result.message).toContain(
        'unreadable answer: the answer is not a SIP response: "HTTP/1.1 400 Bad Request',
      );
      expect(result.values).toEqual({ outcome: 'garbage' });
    } finally {
      web.close();
    }
  });

  it('says it in French: a refused connection and an answer that is not SIP', async () => {
    const refused = await run({ target: `sip:127.0.0.1:${await freePort('tcp')};transport=tcp` }, 10_000, 'fr');
    expect(refused.status).toBe('down');
    expect(refused.message).toMatch(
      /^SIP OPTIONS 127\.0\.0\.1:\d+ \(TCP\) : erreur réseau : connexion refusée après [\d,]+ ms$/,
    );
    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = web.address() as { port: number };
      const result = await run({ target: `sip:127.0.0.1:${port};transport=tcp` }, 10_000, 'fr');
      expect(result.status).toBe('down');
      expect(result.message).toContain(
        '(TCP) : réponse illisible : ce n’est pas une réponse SIP : « HTTP/1.1 400 Bad Request Content-Length » après',
      );
    } finally {
      web.close();
    }
  });

  it('explains a malformed target', () => {
    expect(parseProbeConfig(sipOptionsProbe, { target: 'sip:pbx;transport=sctp' })).toEqual({
      ok: false,
      problems: ['target: "sip:pbx;transport=sctp" is not sip:HOST[:PORT][;transport=udp|tcp]'],
    });
  });
});
