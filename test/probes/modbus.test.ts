import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modbusProbe, parseProbeConfig, runProbe, type Language } from '@vigie/probes';
import { startModbusController, type ModbusPeer } from '../support/peers/modbus';
import { freePort } from '../support/peers/process';

/** A register map like a generator controller's: the fault is bit 2 of a status word, fuel in tenths of %. */
const MAP = {
  running: 'coil:0',
  mainsPresent: 'discrete:1',
  fault: 'holding:5.2',
  fuelLevel: 'input:10',
  fuelScale: 0.1,
};

async function run(input: Record<string, unknown>, timeoutMs = 10_000, language?: Language) {
  const outcome = await runProbe(modbusProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

describe('modbus probe against a simulated generator controller (pymodbus)', () => {
  let controller: ModbusPeer;
  let target: string;
  beforeAll(async () => {
    controller = await startModbusController();
    target = `127.0.0.1:${controller.port}`;
  });
  afterAll(() => controller.stop());

  async function setState(state: { running: 0 | 1; mains: 0 | 1; statusWord: number; fuelTenths: number }) {
    await controller.set('coil', 0, state.running);
    await controller.set('discrete', 1, state.mains);
    await controller.set('holding', 5, state.statusWord);
    await controller.set('input', 10, state.fuelTenths);
  }

  it('is up on mains with the generator on standby', async () => {
    await setState({ running: 0, mains: 1, statusWord: 0b0000_0001, fuelTenths: 875 });
    const result = await run({ target, ...MAP });
    expect(result.status).toBe('up');
    expect(result.message).toBe(
      `Generator ${target} (unit 1): mains present, stopped, no fault, fuel 87.5%: generator on standby`,
    );
    expect(result.values).toEqual({ running: false, mainsPresent: true, fault: false, fuelPercent: 87.5 });
  });

  it('is degraded when mains power is cut and the generator has taken over', async () => {
    await setState({ running: 1, mains: 0, statusWord: 0, fuelTenths: 620 });
    const result = await run({ target, ...MAP });
    expect(result.status).toBe('degraded');
    expect(result.message).toContain(
      'mains absent, running, no fault, fuel 62%: mains power is absent: the site runs on the generator',
    );
  });

  it('is down when mains power is absent and the generator is not running', async () => {
    await setState({ running: 0, mains: 0, statusWord: 0, fuelTenths: 620 });
    const result = await run({ target, ...MAP });
    expect(result.status).toBe('down');
    expect(result.message).toContain('mains power is absent and the generator is not running');
  });

  it('is down when the controller reports a fault (bit 2 of the status word)', async () => {
    await setState({ running: 0, mains: 1, statusWord: 0b0000_0101, fuelTenths: 620 });
    const result = await run({ target, ...MAP });
    expect(result.status).toBe('down');
    expect(result.message).toContain('FAULT');
    expect(result.values.fault).toBe(true);
  });

  it('is degraded when fuel runs low', async () => {
    await setState({ running: 1, mains: 1, statusWord: 0, fuelTenths: 180 });
    const result = await run({ target, ...MAP });
    expect(result.status).toBe('degraded');
    expect(result.message).toContain('fuel 18%: fuel is low (under 25%)');
    expect((await run({ target, ...MAP, fuelLowPercent: 10 })).status).toBe('up');
  });

  it('reads an inverted point (a "mains failure" input instead of "mains present")', async () => {
    await setState({ running: 1, mains: 0, statusWord: 0, fuelTenths: 900 });
    const result = await run({ target, running: 'coil:0', mainsPresent: '!discrete:1' });
    expect(result.values).toEqual({ running: true, mainsPresent: true });
    expect(result.status).toBe('up');
  });

  it('is down with the Modbus exception for an address the controller lacks, and for a silent unit', async () => {
    const outside = await run({ target, running: 'coil:5000' });
    expect(outside.status).toBe('down');
    expect(outside.message).toBe(`Generator ${target} (unit 1): Modbus exception 2 (illegal data address)`);
    expect(outside.values).toEqual({ exception: 2 });
    // pymodbus stays silent for a unit it does not serve, as many gateways do.
    const otherUnit = await run({ target, unitId: 7, running: 'coil:0' }, 1500);
    expect(otherUnit.status).toBe('down');
    expect(otherUnit.message).toMatch(/^Generator 127\.0\.0\.1:\d+ \(unit 7\): no answer within \d+ ms$/);
  });

  it('is down when nothing listens, and when the peer does not speak Modbus', async () => {
    const port = await freePort();
    expect((await run({ target: `127.0.0.1:${port}`, running: 'coil:0' })).message).toBe(
      `Generator 127.0.0.1:${port} (unit 1): connection refused`,
    );
    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const { port: webPort } = web.address() as { port: number };
      const result = await run({ target: `127.0.0.1:${webPort}`, running: 'coil:0' });
      expect(result.status).toBe('down');
      expect(result.message).toBe(
        `Generator 127.0.0.1:${webPort} (unit 1): the device answered something that is not Modbus TCP`,
      );
    } finally {
      web.close();
    }
  });

  it('speaks French when the check is in French: standby, running on the generator, stopped, fault, fuel', async () => {
    const french = (input: Record<string, unknown>, timeoutMs = 10_000) => run(input, timeoutMs, 'fr');
    const where = `Groupe électrogène ${target} (unité 1)`;
    await setState({ running: 0, mains: 1, statusWord: 0b0000_0001, fuelTenths: 875 });
    const standby = await french({ target, ...MAP });
    expect(standby.status).toBe('up');
    expect(standby.message).toBe(
      `${where} : secteur présent, à l’arrêt, aucun défaut, carburant 87,5 % : groupe électrogène en veille`,
    );
    await setState({ running: 1, mains: 1, statusWord: 0, fuelTenths: 900 });
    expect((await french({ target, ...MAP })).message).toBe(
      `${where} : secteur présent, en marche, aucun défaut, carburant 90 % : groupe électrogène en marche`,
    );
    await setState({ running: 1, mains: 0, statusWord: 0, fuelTenths: 180 });
    const onGenerator = await french({ target, ...MAP, fuelLowPercent: 25.5 });
    expect(onGenerator.status).toBe('degraded');
    expect(onGenerator.message).toBe(
      `${where} : secteur absent, en marche, aucun défaut, carburant 18 % : ` +
        'secteur absent : le site est alimenté par le groupe électrogène ; carburant bas (sous 25,5 %)',
    );
    await setState({ running: 0, mains: 0, statusWord: 0b0000_0100, fuelTenths: 620 });
    const stopped = await french({ target, ...MAP });
    expect(stopped.status).toBe('down');
    expect(stopped.message).toBe(
      `${where} : secteur absent, à l’arrêt, DÉFAUT, carburant 62 % : ` +
        'le contrôleur signale un défaut ; secteur absent et groupe électrogène à l’arrêt',
    );
  });

  it('gives the reasons a controller cannot be read in French', async () => {
    const outside = await run({ target, running: 'coil:5000' }, 10_000, 'fr');
    expect(outside.status).toBe('down');
    expect(outside.message).toBe(
      `Groupe électrogène ${target} (unité 1) : exception Modbus 2 (adresse de données invalide)`,
    );
    const otherUnit = await run({ target, unitId: 7, running: 'coil:0' }, 1500, 'fr');
    expect(otherUnit.message).toMatch(
      /^Groupe électrogène 127\.0\.0\.1:\d+ \(unité 7\) : aucune réponse en [\d,]+ m?s$/,
    );
    const port = await freePort();
    expect((await run({ target: `127.0.0.1:${port}`, running: 'coil:0' }, 10_000, 'fr')).message).toBe(
      `Groupe électrogène 127.0.0.1:${port} (unité 1) : connexion refusée`,
    );
    const web = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const { port: webPort } = web.address() as { port: number };
      const result = await run({ target: `127.0.0.1:${webPort}`, running: 'coil:0' }, 10_000, 'fr');
      expect(result.message).toBe(
        `Groupe électrogène 127.0.0.1:${webPort} (unité 1) : la réponse de l’équipement n’est pas du Modbus TCP`,
      );
    } finally {
      web.close();
    }
  });

  it('explains a malformed register map', () => {
    const parsed = parseProbeConfig(modbusProbe, { target: '127.0.0.1', running: 'coil:0.3', fuelLevel: 'coil:4' });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'running: "coil:0.3" is not a point such as coil:0, discrete:3, holding:40 or holding:40.2 (bit 2), ! to invert',
      'fuelLevel: fuelLevel must be a register: holding:N or input:N',
    ]);
  });
});
