import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigie } from '../support/cli';
import { freePort } from '../support/peers/process';
import { startSipp, type SippPeer } from '../support/peers/sipp';

const POSTGRES = process.env['VIGIE_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('vigie probe', { timeout: 120_000 }, () => {
  let answering: SippPeer;
  let busy: SippPeer;
  beforeAll(async () => {
    answering = await startSipp('options-200');
    busy = await startSipp('options-503');
  });
  afterAll(async () => {
    await answering.stop();
    await busy.stop();
  });

  it('prints an up result readably and exits 0', async () => {
    const result = await runVigie(['probe', 'sip-options', `sip:127.0.0.1:${answering.port}`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`UP  sip-options sip:127.0.0.1:${answering.port}`);
    expect(lines[1]).toMatch(
      new RegExp(`^SIP 200 OK from 127\\.0\\.0\\.1:${answering.port} \\(UDP\\) after [\\d.]+ ms$`),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}statusCode +200$/));
  });

  it('prints a down result as JSON and exits 2', async () => {
    const result = await runVigie(['probe', 'sip-options', `sip:127.0.0.1:${busy.port}`, '--json', '--timeout', '5s']);
    expect(result.code).toBe(2);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({
      kind: 'sip-options',
      target: `sip:127.0.0.1:${busy.port}`,
      status: 'down',
      values: { outcome: 'answered', statusCode: 503 },
    });
    expect(printed.message).toContain('SIP 503 Service Unavailable');
  });

  it('exits 1 when degraded (a value past its warning level, on PostgreSQL)', async () => {
    const result = await runVigie(['probe', 'sql', POSTGRES, '-o', 'query=SELECT 42', '-o', 'warnMax=30']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^DEGRADED {2}sql /);
    expect(result.stdout).toContain('first value is 42, above the warning level 30');
  });

  it('exits 3 with every problem when the options are wrong', async () => {
    const result = await runVigie(['probe', 'sip-options', 'sip:pbx:99999', '-o', 'status=ok', '-o', 'trasport=tcp']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'vigie probe sip-options: the probe cannot run:',
        '  target: "sip:pbx:99999" is not sip:HOST[:PORT][;transport=udp|tcp]',
        '  status: "ok" is not a list of status codes such as 200-299,301',
        '  unknown option "trasport"',
        '',
      ].join('\n'),
    );
  });

  it('exits 3 for an unknown kind, a malformed option or a bad timeout', async () => {
    const unknown = await runVigie(['probe', 'smtp', '127.0.0.1:25']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('unknown probe kind "smtp"; one of http, tcp, dns, ping, sip-options');
    const malformed = await runVigie(['probe', 'tcp', '127.0.0.1:5432', '-o', 'maxLatency']);
    expect(malformed.code).toBe(3);
    expect(malformed.stderr).toContain('expected key=value');
    const timeout = await runVigie(['probe', 'tcp', '127.0.0.1:5432', '--timeout', 'soon']);
    expect(timeout.code).toBe(3);
    expect(timeout.stderr).toContain('--timeout "soon" is not a duration');
    // Node would fire a timer of 25 days or more at once: no probe is given that long.
    const tooLong = await runVigie(['probe', 'tcp', '127.0.0.1:5432', '--timeout', '30d']);
    expect(tooLong.code).toBe(3);
    expect(tooLong.stderr).toContain('--timeout "30d" is not a duration such as 500ms, 10s or 1m, of 10m at most');
  });

  it('writes its message in French when asked, as Vigie does for a French plan', async () => {
    const closed = await freePort();
    const result = await runVigie(['probe', 'tcp', `127.0.0.1:${closed}`, '--lang', 'fr']);
    expect(result.code).toBe(2);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`DOWN  tcp 127.0.0.1:${closed}`);
    expect(lines[1]).toMatch(new RegExp(`^TCP 127\\.0\\.0\\.1:${closed} : connexion refusée après [\\d,]+ ms$`));
    const unknown = await runVigie(['probe', 'tcp', `127.0.0.1:${closed}`, '--lang', 'de']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('expected fr or en, not "de"');
  });

  it('explains every kind and the exit statuses in its help', async () => {
    const result = await runVigie(['probe', '--help']);
    expect(result.code).toBe(0);
    for (const kind of ['http', 'tcp', 'dns', 'ping', 'sip-options', 'sql', 'nut', 'snmp', 'modbus', 'ssh']) {
      expect(result.stdout).toMatch(new RegExp(`^ {2}${kind} +\\S`, 'm'));
    }
    expect(result.stdout).toContain('Exit status: 0 up, 1 degraded, 2 down, 3 the probe could not run');
  });
});
