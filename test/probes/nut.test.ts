import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nutProbe, parseProbeConfig, runProbe, type ProbeResult } from '@vigie/probes';
import { startNut, type NutPeer } from '../support/peers/nut';
import { freePort, waitUntil } from '../support/peers/process';

async function run(input: Record<string, unknown>, timeoutMs = 10_000): Promise<ProbeResult> {
  const outcome = await runProbe(nutProbe, input, { timeoutMs });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

/** Probes until the UPS reports all of `expected` (the driver re-reads its file every second). */
async function probeUntil(target: string, expected: Record<string, string | number>): Promise<ProbeResult> {
  let last: ProbeResult | undefined;
  await waitUntil(`UPS values ${JSON.stringify(expected)}`, async () => {
    last = await run({ target });
    return Object.entries(expected).every(([name, value]) => last?.values[name] === value);
  });
  return last!;
}

describe('nut probe against upsd and dummy-ups', () => {
  let nut: NutPeer;
  beforeAll(async () => {
    nut = await startNut({ 'ups.status': 'OL', 'battery.charge': 100, 'battery.runtime': 1800, 'input.voltage': 230 });
  });
  afterAll(() => nut.stop());

  it('follows a power cut: on mains (up), on battery (degraded), battery low (down)', async () => {
    const online = await probeUntil(nut.target, { 'ups.status': 'OL', 'battery.runtime': 1800 });
    expect(online.status).toBe('up');
    expect(online.message).toBe(`UPS ${nut.target} [OL], battery 100%, runtime 30 min: on mains`);
    expect(online.values).toMatchObject({ onBattery: false, 'battery.charge': 100, 'input.voltage': 230 });

    nut.setVariables({ 'ups.status': 'OB DISCHRG', 'battery.charge': 80, 'battery.runtime': 1200, 'input.voltage': 0 });
    const onBattery = await probeUntil(nut.target, {
      'ups.status': 'OB DISCHRG',
      'battery.charge': 80,
      'battery.runtime': 1200,
    });
    expect(onBattery.status).toBe('degraded');
    expect(onBattery.message).toBe(
      `UPS ${nut.target} [OB DISCHRG], battery 80%, runtime 20 min: on battery: the site has lost mains power`,
    );
    expect(onBattery.values).toMatchObject({ onBattery: true, lowBattery: false, 'battery.runtime': 1200 });

    nut.setVariables({ 'ups.status': 'OB LB', 'battery.charge': 9, 'battery.runtime': 120 });
    const low = await probeUntil(nut.target, { 'ups.status': 'OB LB', 'battery.charge': 9 });
    expect(low.status).toBe('down');
    expect(low.message).toContain('battery low: the UPS will soon shut down');
    expect(low.values).toMatchObject({ onBattery: true, lowBattery: true, 'battery.charge': 9 });

    nut.setVariables({ 'ups.status': 'OL CHRG', 'battery.charge': 40, 'battery.runtime': 600 });
    const back = await probeUntil(nut.target, { 'ups.status': 'OL CHRG', 'battery.charge': 40 });
    expect(back.status).toBe('up');
    const strict = await run({ target: nut.target, minCharge: 50 });
    expect(strict.status).toBe('degraded');
    expect(strict.message).toContain('battery charge under 50%');
  });

  it('is down when upsd does not know the UPS name', async () => {
    const result = await run({ target: `onduleur@127.0.0.1:${nut.port}` });
    expect(result.status).toBe('down');
    expect(result.message).toBe(`UPS onduleur@127.0.0.1:${nut.port}: upsd does not know this UPS name`);
    expect(result.values).toEqual({ error: 'UNKNOWN-UPS' });
  });

  it('is down when upsd is not listening', async () => {
    const port = await freePort();
    const result = await run({ target: `dummy@127.0.0.1:${port}` });
    expect(result.status).toBe('down');
    expect(result.message).toBe(`UPS dummy@127.0.0.1:${port}: connection refused`);
  });

  it('is down, without throwing, when the port speaks another protocol', async () => {
    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = web.address() as { port: number };
      const result = await run({ target: `dummy@127.0.0.1:${port}` });
      expect(result.status).toBe('down');
      expect(result.message).toBe(
        `UPS dummy@127.0.0.1:${port}: upsd sent an unexpected line: "HTTP/1.1 400 Bad Request"`,
      );
    } finally {
      web.close();
    }
  });

  it('is down when upsd has lost its driver', async () => {
    const alone = await startNut({ 'ups.status': 'OL' });
    try {
      await probeUntil(alone.target, { 'ups.status': 'OL' });
      await alone.stopDriver();
      let result: ProbeResult | undefined;
      await waitUntil('upsd notices the driver is gone', async () => {
        result = await run({ target: alone.target });
        return result.status === 'down';
      });
      expect(result?.message).toMatch(/DRIVER-NOT-CONNECTED|DATA-STALE/);
    } finally {
      await alone.stop();
    }
  });

  it('explains a malformed target', () => {
    expect(parseProbeConfig(nutProbe, { target: '127.0.0.1:3493' })).toEqual({
      ok: false,
      problems: ['target: "127.0.0.1:3493" is not UPS@HOST[:PORT], e.g. onduleur@192.168.1.20'],
    });
  });
});
