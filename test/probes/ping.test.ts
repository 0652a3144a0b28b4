import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProbeConfig, pingProbe, runProbe, type Language, type ProbeRun } from '@vigie/probes';
import { LOOPBACK_UP, runInNetworkNamespace } from '../support/peers/netns';

const RUN_PROBE = fileURLToPath(new URL('./fixtures/run-probe.ts', import.meta.url));

/** Runs the ping probe inside a network namespace prepared by `setup` (in `language` when told). */
async function pingInNamespace(setup: string, input: Record<string, unknown>, language?: Language) {
  const script = [RUN_PROBE, 'ping', JSON.stringify(input), '15000', ...(language ? [language] : [])];
  const run = await runInNetworkNamespace(setup, process.execPath, ['--import', 'tsx', ...script]);
  if (run.code !== 0) throw new Error(`the probe runner failed (${run.code}):\n${run.stderr}`);
  const outcome = JSON.parse(run.stdout) as ProbeRun;
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

const DROP_HALF = [
  LOOPBACK_UP,
  'nft add table inet vigie',
  'nft add chain inet vigie input "{ type filter hook input priority 0; }"',
  'nft add rule inet vigie input icmp type echo-request numgen inc mod 2 == 0 drop',
].join('\n');
const IGNORE_ECHO = `${LOOPBACK_UP}\necho 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all`;

describe('ping probe with the system ping', () => {
  it('is up when 127.0.0.1 answers every echo request', async () => {
    const outcome = await runProbe(pingProbe, { target: '127.0.0.1', count: 3 }, { timeoutMs: 15_000 });
    if (!outcome.ok) throw new Error(outcome.problems.join());
    const { result } = outcome;
    expect(result.status).toBe('up');
    expect(result.message).toMatch(/^ping 127\.0\.0\.1: 3\/3 replies, 0% loss, average round trip [\d.]+ ms$/);
    expect(result.values).toMatchObject({ transmitted: 3, received: 3, lossPercent: 0 });
    expect(result.values.rttAvgMs).toBeTypeOf('number');
  });

  it('is degraded when a loopback drops every other echo request (nftables, in a namespace)', async () => {
    const result = await pingInNamespace(DROP_HALF, { target: '127.0.0.1', count: 4, waitSeconds: 1 });
    expect(result.status).toBe('degraded');
    expect(result.message).toMatch(
      /^ping 127\.0\.0\.1: 2\/4 replies, 50% loss, average round trip [\d.]+ ms: loss above 0%$/,
    );
    expect(result.values).toMatchObject({ transmitted: 4, received: 2, lossPercent: 50 });
  });

  it('is down when the host ignores every echo request', async () => {
    const result = await pingInNamespace(IGNORE_ECHO, { target: '127.0.0.1', count: 2, waitSeconds: 1 });
    expect(result.status).toBe('down');
    expect(result.message).toBe('ping 127.0.0.1: no reply to 2 echo requests (100% loss)');
    expect(result.values).toEqual({ transmitted: 2, received: 0, lossPercent: 100 });
  });

  it('is down, with ping’s own reason, when the network is unreachable', async () => {
    const result = await pingInNamespace('true', { target: '127.0.0.1', count: 1, waitSeconds: 1 });
    expect(result.status).toBe('down');
    expect(result.message).toBe('ping 127.0.0.1 failed: connect: Network is unreachable');
  });

  it('speaks French when the check is in French: replies, loss, silence, unreachable network', async () => {
    const french = { timeoutMs: 15_000, language: 'fr' } as const;
    const up = await runProbe(pingProbe, { target: '127.0.0.1', count: 3 }, french);
    if (!up.ok) throw new Error(up.problems.join());
    expect(up.result.status).toBe('up');
    expect(up.result.message).toMatch(
      /^ping 127\.0\.0\.1 : 3\/3 réponses, 0 % de perte, aller-retour moyen \d+(?:,\d)? ms$/,
    );
    const slow = await runProbe(pingProbe, { target: '127.0.0.1', count: 1, maxRtt: 0 }, french);
    if (!slow.ok) throw new Error(slow.problems.join());
    expect(slow.result.status).toBe('degraded');
    expect(slow.result.message).toMatch(/ : aller-retour plus lent que 0,0 ms$/);

    const [lossy, silent, unreachable] = await Promise.all([
      pingInNamespace(DROP_HALF, { target: '127.0.0.1', count: 4, waitSeconds: 1 }, 'fr'),
      pingInNamespace(IGNORE_ECHO, { target: '127.0.0.1', count: 2, waitSeconds: 1 }, 'fr'),
      pingInNamespace('true', { target: '127.0.0.1', count: 1, waitSeconds: 1 }, 'fr'),
    ]);
    expect(lossy.status).toBe('degraded');
    expect(lossy.message).toMatch(
      /^ping 127\.0\.0\.1 : 2\/4 réponses, 50 % de perte, aller-retour moyen \d+(?:,\d)? ms : perte au-delà de 0 %$/,
    );
    expect(silent.status).toBe('down');
    expect(silent.message).toBe('ping 127.0.0.1 : aucune réponse aux 2 demandes d’écho (100 % de perte)');
    expect(unreachable.status).toBe('down');
    // ping's own reason is given as it is.
    expect(unreachable.message).toBe('ping 127.0.0.1 a échoué : connect: Network is unreachable');
  });

  it('never passes an option to ping as a target', () => {
    const parsed = parseProbeConfig(pingProbe, { target: '-f', count: 100 });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'target: the target must be a host name or an IP address',
      'count: count must be at most 20',
    ]);
  });
});
