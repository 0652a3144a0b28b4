import type { z } from 'zod';
import { describeError } from './errors';
import type { Probe, ProbeResult } from './probe';
import { formatMs, probeResult } from './result';

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
  options: { timeoutMs: number },
): Promise<ProbeRun> {
  const parsed = parseProbeConfig(probe, input);
  if (!parsed.ok) return parsed;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let guard: NodeJS.Timeout | undefined;
  const cutOff = new Promise<ProbeResult>((resolve) => {
    guard = setTimeout(
      () =>
        resolve(
          probeResult('down', options.timeoutMs, `${probe.kind}: no result within ${formatMs(options.timeoutMs)}`),
        ),
      options.timeoutMs + GRACE_MS,
    );
  });
  try {
    const result = await Promise.race([probe.run(parsed.config, signal), cutOff]);
    return { ok: true, result };
  } catch (error) {
    return { ok: true, result: probeResult('down', 0, `${probe.kind}: the probe failed: ${describeError(error)}`) };
  } finally {
    clearTimeout(guard);
  }
}
