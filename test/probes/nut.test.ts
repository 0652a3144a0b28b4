import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nutProbe, parseProbeConfig, runProbe, type Language, type ProbeResult } from '@vigie/probes';
import { startNut, type NutPeer } from '../support/peers/nut';
import { freePort, waitUntil } from '../support/peers/process';

async function run(
  input: Record<string, unknown>,
  timeoutMs = 10_000,
  language: Language = 'en',
): Promise<ProbeResult> {
  const outcome = await runProbe(nutProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

/** Probes until the UPS reports all of `expected` (the driver re-reads its file every second). */
async function probeUntil(
  target: string,
  expected: Record<string, string | number>,
  language: Language = 'en',
): Promise<ProbeResult> {
  let last: ProbeResult | undefined;
  await waitUntil(`UPS values ${JSON.stringify(expected)}`, async () => {
    last = await run({ target }, 10_000, language);
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

  it('says it in French: sur secteur (up), sur batterie (degraded), batterie faible (down)', async () => {
    nut.setVariables({ 'ups.status': 'OL', 'battery.charge': 100, 'battery.runtime': 1800, 'input.voltage': 230 });
    const online = await probeUntil(nut.target, { 'ups.status': 'OL', 'battery.charge': 100 }, 'fr');
    expect(online.status).toBe('up');
    expect(online.message).toBe(`Onduleur ${nut.target} [OL], batterie 100 %, autonomie 30 min : sur secteur`);

    nut.setVariables({ 'ups.status': 'OB DISCHRG', 'battery.charge': 80, 'battery.runtime': 1200, 'input.voltage': 0 });
    const onBattery = await probeUntil(nut.target, { 'ups.status': 'OB DISCHRG', 'battery.charge': 80 }, 'fr');
    expect(onBattery.status).toBe('degraded');
    expect(onBattery.message).toBe(
      `Onduleur ${nut.target} [OB DISCHRG], batterie 80 %, autonomie 20 min : ` +
        'sur batterie : le site a perdu l’alimentation secteur',
    );

    nut.setVariables({ 'ups.status': 'OB LB', 'battery.charge': 9, 'battery.runtime': 120 });
    const low = await probeUntil(nut.target, { 'ups.status': 'OB LB', 'battery.charge': 9 }, 'fr');
    expect(low.status).toBe('down');
    expect(low.message).toBe(
      `Onduleur ${nut.target} [OB LB], batterie 9 %, autonomie 2 min : ` +
        'sur batterie : le site a perdu l’alimentation secteur ; batterie faible : l’onduleur va bientôt s’arrêter',
    );

    nut.setVariables({ 'ups.status': 'OL CHRG', 'battery.charge': 40, 'battery.runtime': 600 });
    await probeUntil(nut.target, { 'ups.status': 'OL CHRG', 'battery.charge': 40 });
    const strict = await run({ target: nut.target, minCharge: 50, minRuntime: 900 }, 10_000, 'fr');
    expect(strict.status).toBe('degraded');
    expect(strict.message).toBe(
      `Onduleur ${nut.target} [OL CHRG], batterie 40 %, autonomie 10 min : ` +
        'sur secteur ; charge de la batterie sous 50 % ; autonomie de la batterie sous 900 s',
    );
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

  it('says in French why upsd gave nothing: unknown UPS, refused, another protocol, silence', async () => {
    const unknown = await run({ target: `onduleur@127.0.0.1:${nut.port}` }, 10_000, 'fr');
    expect(unknown.status).toBe('down');
    expect(unknown.message).toBe(`Onduleur onduleur@127.0.0.1:${nut.port} : upsd ne connaît pas ce nom d’onduleur`);
    expect(unknown.values).toEqual({ error: 'UNKNOWN-UPS' });

    const port = await freePort();
    const refused = await run({ target: `dummy@127.0.0.1:${port}` }, 10_000, 'fr');
    expect(refused.message).toBe(`Onduleur dummy@127.0.0.1:${port} : connexion refusée`);

    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const webPort = (web.address() as { port: number }).port;
      const other = await run({ target: `dummy@127.0.0.1:${webPort}` }, 10_000, 'fr');
      expect(other.status).toBe('down');
      expect(other.message).toBe(
        `Onduleur dummy@127.0.0.1:${webPort} : upsd a envoyé une ligne inattendue : « HTTP/1.1 400 Bad Request »`,
      );
      const silentPort = (silent.address() as { port: number }).port;
      const mute = await run({ target: `dummy@127.0.0.1:${silentPort}` }, 1000, 'fr');
      expect(mute.status).toBe('down');
      expect(mute.message).toBe(`Onduleur dummy@127.0.0.1:${silentPort} : aucune réponse d’upsd en 1 s`);
      const muteEn = await run({ target: `dummy@127.0.0.1:${silentPort}` }, 1000);
      expect(muteEn.message).toBe(`UPS dummy@127.0.0.1:${silentPort}: no answer from upsd within 1000 ms`);
    } finally {
      web.close();
      silent.close();
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
      const french = await run({ target: alone.target }, 10_000, 'fr');
      expect(french.message).toMatch(
        /^Onduleur dummy@127\.0\.0\.1:\d+ : (upsd a perdu le pilote de l’onduleur \(DRIVER-NOT-CONNECTED\)|le pilote de l’onduleur n’a pas mis à jour ses données récemment \(DATA-STALE\))$/,
      );
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
