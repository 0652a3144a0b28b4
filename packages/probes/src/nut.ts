import { z } from 'zod';
import { formatHostPort, parseHostPort } from './address';
import { describeError } from './errors';
import { listUpsVariables, NutError } from './nut-protocol';
import { numberOption } from './options';
import { defineProbe, type ProbeStatus } from './probe';
import { formatMs, probeResult, stopwatch, worstStatus } from './result';

const UPS_NAME = /^[A-Za-z0-9_.-]+$/;

const NutTargetSchema = z.string({ error: 'the target is required: UPS@HOST[:PORT]' }).transform((text, ctx) => {
  const at = text.indexOf('@');
  const ups = text.slice(0, at);
  const address = at > 0 ? parseHostPort(text.slice(at + 1), 3493) : undefined;
  if (!address || !UPS_NAME.test(ups)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not UPS@HOST[:PORT], e.g. onduleur@192.168.1.20` });
    return z.NEVER;
  }
  return { ups, ...address };
});

/** The options of a `nut` check. */
export const NutConfigSchema = z.strictObject({
  target: NutTargetSchema,
  /** A battery charge (%) under this is degraded. */
  minCharge: numberOption('minCharge').optional(),
  /** A battery runtime (seconds) under this is degraded. */
  minRuntime: numberOption('minRuntime').optional(),
});

/** A parsed `nut` check. */
export type NutConfig = z.infer<typeof NutConfigSchema>;

// What each ups.status flag means for the site; flags not listed (CHRG, DISCHRG…) only inform.
const FLAGS: Record<string, { status: ProbeStatus; says: string }> = {
  OL: { status: 'up', says: 'on mains' },
  OB: { status: 'degraded', says: 'on battery: the site has lost mains power' },
  LB: { status: 'down', says: 'battery low: the UPS will soon shut down' },
  FSD: { status: 'down', says: 'forced shutdown in progress' },
  OFF: { status: 'down', says: 'the UPS output is off' },
  RB: { status: 'degraded', says: 'the battery needs replacing' },
  OVER: { status: 'degraded', says: 'overloaded' },
  BYPASS: { status: 'degraded', says: 'on bypass: the load is not protected' },
  ALARM: { status: 'degraded', says: 'the UPS raises an alarm' },
};

/** Reads a UPS through Network UPS Tools (upsd): status flags, battery charge and runtime. */
export const nutProbe = defineProbe({
  kind: 'nut',
  summary: 'a UPS through Network UPS Tools: on mains, on battery, battery low, charge, runtime',
  targetHint: 'UPS@HOST[:PORT]',
  configSchema: NutConfigSchema,
  async run(config, signal) {
    const elapsed = stopwatch();
    const { ups, ...address } = config.target;
    const where = `UPS ${ups}@${formatHostPort(address)}`;
    let variables: Map<string, string>;
    try {
      variables = await listUpsVariables(address, ups, signal);
    } catch (error) {
      const latencyMs = elapsed();
      const reason = signal.aborted ? `no answer from upsd within ${formatMs(latencyMs)}` : describeError(error);
      return probeResult('down', latencyMs, `${where}: ${reason}`, {
        error: error instanceof NutError ? error.code : undefined,
      });
    }
    const latencyMs = elapsed();
    const statusText = variables.get('ups.status')?.trim() ?? '';
    const flags = statusText.split(/\s+/).filter(Boolean);
    const charge = Number(variables.get('battery.charge') ?? Number.NaN);
    const runtime = Number(variables.get('battery.runtime') ?? Number.NaN);
    const values = {
      'ups.status': statusText,
      onBattery: flags.includes('OB'),
      lowBattery: flags.includes('LB'),
      'battery.charge': Number.isFinite(charge) ? charge : undefined,
      'battery.runtime': Number.isFinite(runtime) ? runtime : undefined,
      'input.voltage': variables.has('input.voltage') ? Number(variables.get('input.voltage')) : undefined,
      'ups.load': variables.has('ups.load') ? Number(variables.get('ups.load')) : undefined,
    };

    const known = flags.filter((flag) => FLAGS[flag]);
    const statuses: ProbeStatus[] = known.map((flag) => FLAGS[flag]?.status ?? 'up');
    const sayings = known.filter((flag) => flag !== 'OL' || !flags.includes('OB')).map((flag) => FLAGS[flag]?.says);
    if (known.length === 0) {
      statuses.push('degraded');
      sayings.push(statusText ? `status "${statusText}" is not one Vigie knows` : 'upsd reports no status');
    }
    if (config.minCharge !== undefined && values['battery.charge'] !== undefined && charge < config.minCharge) {
      statuses.push('degraded');
      sayings.push(`battery charge under ${config.minCharge}%`);
    }
    if (config.minRuntime !== undefined && values['battery.runtime'] !== undefined && runtime < config.minRuntime) {
      statuses.push('degraded');
      sayings.push(`battery runtime under ${config.minRuntime} s`);
    }
    const measures = [
      values['battery.charge'] === undefined ? undefined : `battery ${charge}%`,
      values['battery.runtime'] === undefined ? undefined : `runtime ${Math.round(runtime / 60)} min`,
    ].filter(Boolean);
    const status = worstStatus(...statuses);
    const head = `${where} [${statusText || 'no status'}]${measures.length ? `, ${measures.join(', ')}` : ''}`;
    return probeResult(status, latencyMs, `${head}: ${sayings.join('; ')}`, values);
  },
});
