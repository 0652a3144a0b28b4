import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProbeConfig, pingProbe, runProbe, type ProbeRun } from '@vigie/probes';
import { LOOPBACK_UP, runInNetworkNamespace } from '../support/peers/netns';

const RUN_PROBE = fileURLToPath(new URL('./fixtures/run-probe.ts', import.meta.url));

/** Runs the ping probe inside a network namespace prepared by `setup`. */
async function pingInNamespace(setup: string, input: Record<string, unknown>) {
  const run = await runInNetworkNamespace(setup, process.execPath, [
    '--import',
    'tsx',
    RUN_PROBE,
    'ping',
    JSON.stringify(input),
    '15000',
  ]);
  if (run.code !== 0) throw new Error(`the probe runner failed (${run.code}):\n${run.stderr}`);
  const outcome = JSON.parse(run.stdout) as ProbeRun;
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

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
    const dropHalf = [
      LOOPBACK_UP,
      'nft add table inet vigie',
      'nft add chain inet vigie input "{ type filter hook input priority 0; }"',
      'nft add rule inet vigie input icmp type echo-request numgen inc mod 2 == 0 drop',
    ].join('\n');
    const result = await pingInNamespace(dropHalf, { target: '127.0.0.1', count: 4, waitSeconds: 1 });
    expect(result.status).toBe('degraded');
    expect(result.message).toMatch(
      /^ping 127\.0\.0\.1: 2\/4 replies, 50% loss, average round trip [\d.]+ ms: loss above 0%$/,
    );
    expect(result.values).toMatchObject({ transmitted: 4, received: 2, lossPercent: 50 });
  });

  it('is down when the host ignores every echo request', async () => {
    const ignoreEcho = `${LOOPBACK_UP}\necho 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all`;
    const result = await pingInNamespace(ignoreEcho, { target: '127.0.0.1', count: 2, waitSeconds: 1 });
    expect(result.status).toBe('down');
    expect(result.message).toBe('ping 127.0.0.1: no reply to 2 echo requests (100% loss)');
    expect(result.values).toEqual({ transmitted: 2, received: 0, lossPercent: 100 });
  });

  it('is down, with ping’s own reason, when the network is unreachable', async () => {
    const result = await pingInNamespace('true', { target: '127.0.0.1', count: 1, waitSeconds: 1 });
    expect(result.status).toBe('down');
    expect(result.message).toBe('ping 127.0.0.1 failed: connect: Network is unreachable');
  });

  it('never passes an option to ping as a target', () => {
    const parsed = parseProbeConfig(pingProbe, { target: '-f', count: 100 });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'target: the target must be a host name or an IP address',
      'count: count must be at most 20',
    ]);
  });
});
