import { z } from 'zod';
import { formatHostPort, parseHostPort } from './address';
import { describeError } from './errors';
import { formatNumber, type Wording } from './language';
import { listUpsVariables, NutError } from './nut-protocol';
import { numberOption } from './options';
import { defineProbe, type ProbeStatus } from './probe';
import { probeResult, stopwatch, worstStatus } from './result';
import { formatWait, waitedMs } from './wait';

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

/** The ups.status flags Vigie judges; others (CHRG, DISCHRG…) only inform. */
type Flag = 'OL' | 'OB' | 'LB' | 'FSD' | 'OFF' | 'RB' | 'OVER' | 'BYPASS' | 'ALARM';

// What each flag means for the site.
const FLAGS: Record<Flag, ProbeStatus> = {
  OL: 'up',
  OB: 'degraded',
  LB: 'down',
  FSD: 'down',
  OFF: 'down',
  RB: 'degraded',
  OVER: 'degraded',
  BYPASS: 'degraded',
  ALARM: 'degraded',
};

function isFlag(flag: string): flag is Flag {
  return Object.hasOwn(FLAGS, flag);
}

const SAY: Wording<{
  flags: Record<Flag, string>;
  where: (ups: string, address: string) => string;
  noAnswer: (within: string) => string;
  unknownStatus: (status: string) => string;
  noStatus: string;
  noStatusShort: string;
  chargeUnder: (percent: number) => string;
  runtimeUnder: (seconds: number) => string;
  charge: (percent: number) => string;
  runtime: (minutes: number) => string;
  colon: string;
  semicolon: string;
}> = {
  en: {
    flags: {
      OL: 'on mains',
      OB: 'on battery: the site has lost mains power',
      LB: 'battery low: the UPS will soon shut down',
      FSD: 'forced shutdown in progress',
      OFF: 'the UPS output is off',
      RB: 'the battery needs replacing',
      OVER: 'overloaded',
      BYPASS: 'on bypass: the load is not protected',
      ALARM: 'the UPS raises an alarm',
    },
    where: (ups, address) => `UPS ${ups}@${address}`,
    noAnswer: (within) => `no answer from upsd within ${within}`,
    unknownStatus: (status) => `status "${status}" is not one Vigie knows`,
    noStatus: 'upsd reports no status',
    noStatusShort: 'no status',
    chargeUnder: (percent) => `battery charge under ${percent}%`,
    runtimeUnder: (seconds) => `battery runtime under ${seconds} s`,
    charge: (percent) => `battery ${percent}%`,
    runtime: (minutes) => `runtime ${minutes} min`,
    colon: ': ',
    semicolon: '; ',
  },
  fr: {
    flags: {
      OL: 'sur secteur',
      OB: 'sur batterie : le site a perdu l’alimentation secteur',
      LB: 'batterie faible : l’onduleur va bientôt s’arrêter',
      FSD: 'arrêt forcé en cours',
      OFF: 'la sortie de l’onduleur est coupée',
      RB: 'la batterie est à remplacer',
      OVER: 'surcharge',
      BYPASS: 'en bypass : les équipements ne sont pas protégés',
      ALARM: 'l’onduleur signale une alarme',
    },
    where: (ups, address) => `Onduleur ${ups}@${address}`,
    noAnswer: (within) => `aucune réponse d’upsd en ${within}`,
    unknownStatus: (status) => `état « ${status} » inconnu de Vigie`,
    noStatus: 'upsd n’indique aucun état',
    noStatusShort: 'sans état',
    chargeUnder: (percent) => `charge de la batterie sous ${formatNumber(percent, 'fr')} %`,
    runtimeUnder: (seconds) => `autonomie de la batterie sous ${formatNumber(seconds, 'fr')} s`,
    charge: (percent) => `batterie ${formatNumber(percent, 'fr')} %`,
    runtime: (minutes) => `autonomie ${minutes} min`,
    colon: ' : ',
    semicolon: ' ; ',
  },
};

/** Reads a UPS through Network UPS Tools (upsd): status flags, battery charge and runtime. */
export const nutProbe = defineProbe({
  kind: 'nut',
  summary: 'a UPS through Network UPS Tools: on mains, on battery, battery low, charge, runtime',
  targetHint: 'UPS@HOST[:PORT]',
  configSchema: NutConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const { ups, ...address } = config.target;
    const where = say.where(ups, formatHostPort(address));
    let variables: Map<string, string>;
    try {
      variables = await listUpsVariables(address, ups, signal, language);
    } catch (error) {
      const latencyMs = elapsed();
      const reason = signal.aborted
        ? say.noAnswer(formatWait(waitedMs(signal, latencyMs), language))
        : describeError(error, language);
      return probeResult('down', latencyMs, `${where}${say.colon}${reason}`, {
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

    const known = flags.filter(isFlag);
    const statuses: ProbeStatus[] = known.map((flag) => FLAGS[flag]);
    const sayings = known.filter((flag) => flag !== 'OL' || !flags.includes('OB')).map((flag) => say.flags[flag]);
    if (known.length === 0) {
      statuses.push('degraded');
      sayings.push(statusText ? say.unknownStatus(statusText) : say.noStatus);
    }
    if (config.minCharge !== undefined && values['battery.charge'] !== undefined && charge < config.minCharge) {
      statuses.push('degraded');
      sayings.push(say.chargeUnder(config.minCharge));
    }
    if (config.minRuntime !== undefined && values['battery.runtime'] !== undefined && runtime < config.minRuntime) {
      statuses.push('degraded');
      sayings.push(say.runtimeUnder(config.minRuntime));
    }
    const measures = [
      values['battery.charge'] === undefined ? undefined : say.charge(charge),
      values['battery.runtime'] === undefined ? undefined : say.runtime(Math.round(runtime / 60)),
    ].filter(Boolean);
    const status = worstStatus(...statuses);
    const head = `${where} [${statusText || say.noStatusShort}]${measures.length ? `, ${measures.join(', ')}` : ''}`;
    return probeResult(status, latencyMs, `${head}${say.colon}${sayings.join(say.semicolon)}`, values);
  },
});
