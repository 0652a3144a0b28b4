import { z } from 'zod';
import { formatHostPort, hostPortSchema } from './address';
import { describeError } from './errors';
import { formatNumber, type Wording } from './language';
import { ModbusException, ModbusTcpClient, type ModbusTable } from './modbus-tcp';
import { integerOption, numberOption } from './options';
import { defineProbe, type ProbeStatus } from './probe';
import { probeResult, stopwatch, worstStatus } from './result';
import { formatWait, waitedMs } from './wait';

const POINT = /^(!?)(coil|discrete|holding|input):(\d{1,5})(?:\.(\d{1,2}))?$/;

/** Where a value lives on the controller: `coil:0`, `discrete:3`, `holding:40.2` (bit 2), `!discrete:5` (inverted). */
export interface ModbusPoint {
  table: ModbusTable;
  address: number;
  bit?: number;
  inverted: boolean;
}

const PointSchema = z.string().transform((text, ctx): ModbusPoint => {
  const match = POINT.exec(text.trim());
  const table = match?.[2] as ModbusTable | undefined;
  const address = Number(match?.[3]);
  const bit = match?.[4] === undefined ? undefined : Number(match[4]);
  const bitless = table === 'coil' || table === 'discrete';
  if (!match || !table || address > 65_535 || (bit !== undefined && (bitless || bit > 15))) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a point such as coil:0, discrete:3, holding:40 or holding:40.2 (bit 2), ! to invert`,
    });
    return z.NEVER;
  }
  return { table, address, bit, inverted: match[1] === '!' };
});

const RegisterSchema = PointSchema.refine((point) => point.table === 'holding' || point.table === 'input', {
  error: 'fuelLevel must be a register: holding:N or input:N',
});

/** The options of a `modbus` check: a generator controller's register map. */
export const ModbusConfigSchema = z.strictObject({
  target: hostPortSchema(502),
  unitId: integerOption('unitId', 0, 255).default(1),
  /** True while the engine runs. */
  running: PointSchema,
  /** True while the mains (utility) supply is present. */
  mainsPresent: PointSchema.optional(),
  /** True while the controller signals a fault (shutdown alarm). */
  fault: PointSchema.optional(),
  /** The fuel level register, read as a percentage once multiplied by `fuelScale`. */
  fuelLevel: RegisterSchema.optional(),
  fuelScale: numberOption('fuelScale').default(1),
  /** Fuel under this percentage is degraded. */
  fuelLowPercent: numberOption('fuelLowPercent').default(25),
});

/** A parsed `modbus` check. */
export type ModbusConfig = z.infer<typeof ModbusConfigSchema>;

const SAY: Wording<{
  where: (address: string, unitId: number) => string;
  noAnswer: (time: string) => string;
  failed: (where: string, reason: string) => string;
  mains: (present: boolean) => string;
  running: (running: boolean) => string;
  fault: (fault: boolean) => string;
  fuel: (percent: string) => string;
  faultReported: string;
  mainsLostStopped: string;
  mainsLostRunning: string;
  fuelLow: (percent: string) => string;
  fine: (running: boolean) => string;
  message: (where: string, facts: string[], says: string[]) => string;
}> = {
  en: {
    where: (address, unitId) => `Generator ${address} (unit ${unitId})`,
    noAnswer: (time) => `no answer within ${time}`,
    failed: (where, reason) => `${where}: ${reason}`,
    mains: (present) => (present ? 'mains present' : 'mains absent'),
    running: (running) => (running ? 'running' : 'stopped'),
    fault: (fault) => (fault ? 'FAULT' : 'no fault'),
    fuel: (percent) => `fuel ${percent}%`,
    faultReported: 'the controller reports a fault',
    mainsLostStopped: 'mains power is absent and the generator is not running',
    mainsLostRunning: 'mains power is absent: the site runs on the generator',
    fuelLow: (percent) => `fuel is low (under ${percent}%)`,
    fine: (running) => (running ? 'generator running' : 'generator on standby'),
    message: (where, facts, says) => `${where}: ${facts.join(', ')}: ${says.join('; ')}`,
  },
  fr: {
    where: (address, unitId) => `Groupe électrogène ${address} (unité ${unitId})`,
    noAnswer: (time) => `aucune réponse en ${time}`,
    failed: (where, reason) => `${where} : ${reason}`,
    mains: (present) => (present ? 'secteur présent' : 'secteur absent'),
    running: (running) => (running ? 'en marche' : 'à l’arrêt'),
    fault: (fault) => (fault ? 'DÉFAUT' : 'aucun défaut'),
    fuel: (percent) => `carburant ${percent} %`,
    faultReported: 'le contrôleur signale un défaut',
    mainsLostStopped: 'secteur absent et groupe électrogène à l’arrêt',
    mainsLostRunning: 'secteur absent : le site est alimenté par le groupe électrogène',
    fuelLow: (percent) => `carburant bas (sous ${percent} %)`,
    fine: (running) => (running ? 'groupe électrogène en marche' : 'groupe électrogène en veille'),
    message: (where, facts, says) => `${where} : ${facts.join(', ')} : ${says.join(' ; ')}`,
  },
};

async function readFlag(client: ModbusTcpClient, point: ModbusPoint, signal: AbortSignal): Promise<boolean> {
  const [word = 0] = await client.read(point.table, point.address, 1, signal);
  const raw = point.bit === undefined ? word !== 0 : ((word >> point.bit) & 1) === 1;
  return point.inverted ? !raw : raw;
}

/** Reads a generator controller over Modbus TCP: running, mains present, fault, fuel level. */
export const modbusProbe = defineProbe({
  kind: 'modbus',
  summary: 'a generator controller over Modbus TCP: running, mains, fault, fuel',
  targetHint: 'HOST[:PORT] (with --option running=coil:0 …)',
  configSchema: ModbusConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const percent = (value: number) => formatNumber(value, language);
    const elapsed = stopwatch();
    const where = say.where(formatHostPort(config.target), config.unitId);
    let client: ModbusTcpClient | undefined;
    let running: boolean;
    let mainsPresent: boolean | undefined;
    let fault: boolean | undefined;
    let fuelPercent: number | undefined;
    try {
      client = await ModbusTcpClient.connect(config.target, config.unitId, signal);
      running = await readFlag(client, config.running, signal);
      if (config.mainsPresent) mainsPresent = await readFlag(client, config.mainsPresent, signal);
      if (config.fault) fault = await readFlag(client, config.fault, signal);
      if (config.fuelLevel) {
        const [raw = 0] = await client.read(config.fuelLevel.table, config.fuelLevel.address, 1, signal);
        fuelPercent = Math.round(raw * config.fuelScale * 10) / 10;
      }
    } catch (error) {
      const latencyMs = elapsed();
      const reason = signal.aborted
        ? say.noAnswer(formatWait(waitedMs(signal, latencyMs), language))
        : describeError(error, language);
      return probeResult('down', latencyMs, say.failed(where, reason), {
        exception: error instanceof ModbusException ? error.code : undefined,
      });
    } finally {
      client?.close();
    }
    const latencyMs = elapsed();
    const facts = [
      mainsPresent === undefined ? undefined : say.mains(mainsPresent),
      say.running(running),
      fault === undefined ? undefined : say.fault(fault),
      fuelPercent === undefined ? undefined : say.fuel(percent(fuelPercent)),
    ].filter((fact): fact is string => fact !== undefined);
    const statuses: ProbeStatus[] = [];
    const says: string[] = [];
    if (fault) {
      statuses.push('down');
      says.push(say.faultReported);
    }
    if (mainsPresent === false && !running) {
      statuses.push('down');
      says.push(say.mainsLostStopped);
    } else if (mainsPresent === false) {
      statuses.push('degraded');
      says.push(say.mainsLostRunning);
    }
    if (fuelPercent !== undefined && fuelPercent < config.fuelLowPercent) {
      statuses.push('degraded');
      says.push(say.fuelLow(percent(config.fuelLowPercent)));
    }
    const status = worstStatus(...statuses);
    if (status === 'up') says.push(say.fine(running));
    return probeResult(status, latencyMs, say.message(where, facts, says), {
      running,
      mainsPresent,
      fault,
      fuelPercent,
    });
  },
});
