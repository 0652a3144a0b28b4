import type { z } from 'zod';
import { describeError } from './errors';
import type { Language } from './language';
import type { Probe, ProbeResult } from './probe';
import { probeResult } from './result';
import { formatWait, ProbeTimeout } from './wait';

/** A check's target and options, side by side, as a probe's config schema reads them. */
export type ProbeInput = Record<string, unknown> & { target?: string | undefined };

/** A probe's config, or every problem found in it. */
export type ParsedConfig<Config> = { ok: true; config: Config } | { ok: false; problems: string[] };

/** A probe run, or the problems that kept it from running. */
export type ProbeRun = { ok: true; result: ProbeResult } | { ok: false; problems: string[] };

// A probe that ignores its signal is still cut off this long after the timeout.
const GRACE_MS = 1000;

/** Turns zod issues into lines such as `maxLatency: "fast" is not a duration…`. */
export function formatConfigProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    }
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** Parses `{ target, ...options }` with the probe's schema, listing every problem at once. */
export function parseProbeConfig<Config>(probe: Probe<Config>, input: ProbeInput): ParsedConfig<Config> {
  const parsed = probe.configSchema.safeParse(input);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, problems: formatConfigProblems(parsed.error) };
}

/**
 * Parses the input and runs the probe once, bounded by `timeoutMs`. Whatever happens inside
 * the probe, the caller gets a result: an unexpected exception becomes a `down` result.
 */
export async function runProbe<Config>(
  probe: Probe<Config>,
  input: ProbeInput,
  options: ProbeRunOptions,
): Promise<ProbeRun> {
  const parsed = parseProbeConfig(probe, input);
  if (!parsed.ok) return parsed;
  return { ok: true, result: await runParsedProbe(probe, parsed.config, options) };
}

/** How long a probe may take, and the language of its message (English unless told). */
export interface ProbeRunOptions {
  timeoutMs: number;
  language?: Language | undefined;
}

/**
 * Runs a probe once with a config already parsed (the scheduler parses each check's once),
 * bounded by `timeoutMs`: its signal aborts then, and a probe that ignores it is cut off
 * `GRACE_MS` later. One timer per run, the second only when the first fires: thousands of
 * checks a minute make every timer count.
 */
export async function runParsedProbe<Config>(
  probe: Probe<Config>,
  config: Config,
  options: ProbeRunOptions,
): Promise<ProbeResult> {
  const language = options.language ?? 'en';
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new ProbeTimeout(options.timeoutMs));
      timer = setTimeout(
        () =>
          resolve(
            probeResult(
              'down',
              options.timeoutMs,
              language === 'fr'
                ? `${probe.kind} : aucun résultat en ${formatWait(options.timeoutMs, language)}`
                : `${probe.kind}: no result within ${formatWait(options.timeoutMs, language)}`,
            ),
          ),
        GRACE_MS,
      );
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([probe.run(config, controller.signal, language), cutOff]);
  } catch (error) {
    const reason = describeError(error, language);
    return probeResult(
      'down',
      0,
      language === 'fr'
        ? `${probe.kind} : la sonde a échoué : ${reason}`
        : `${probe.kind}: the probe failed: ${reason}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
