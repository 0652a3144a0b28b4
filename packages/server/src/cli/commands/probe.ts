import { InvalidArgumentError, type Command } from 'commander';
import { LanguageSchema, MAX_PROBE_TIMEOUT_MS, type Language } from '@vigie/contract';
import {
  isActiveProbeKind,
  parseMilliseconds,
  PROBES,
  probeFor,
  runProbe,
  type ProbeResult,
  type ProbeStatus,
} from '@vigie/probes';
import { CommandFailed, terminal } from '../io';

/** Exit codes of `vigie probe`, those of monitoring plugins: up 0, degraded 1, down 2, unusable command 3. */
export const PROBE_EXIT = { up: 0, degraded: 1, down: 2, unknown: 3 } as const;

const STATUS_WORD: Record<ProbeStatus, string> = { up: 'UP', degraded: 'DEGRADED', down: 'DOWN' };

/** Adds one `--option key=value` to the options read so far; lists and objects are written in JSON. */
function collectOption(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError(`expected key=value, e.g. keyword=OK`);
  const key = text.slice(0, equals).trim();
  const raw = text.slice(equals + 1);
  if (key === 'target') throw new InvalidArgumentError('the target is the second argument, not an option');
  let value: unknown = raw;
  if (/^\s*[[{]/.test(raw)) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidArgumentError(`the value of ${key} starts like JSON but is not valid JSON`);
    }
  }
  return { ...previous, [key]: value };
}

function parseLanguage(text: string): Language {
  const parsed = LanguageSchema.safeParse(text);
  if (!parsed.success) throw new InvalidArgumentError(`expected fr or en, not "${text}"`);
  return parsed.data;
}

function kindsHelp(): string {
  const width = Math.max(...Object.keys(PROBES).map((kind) => kind.length));
  const lines = Object.values(PROBES).map(
    (probe) => `  ${probe.kind.padEnd(width)}  ${probe.targetHint}\n  ${' '.repeat(width)}  ${probe.summary}`,
  );
  return [
    '',
    'Probe kinds and their targets:',
    ...lines,
    '',
    'Exit status: 0 up, 1 degraded, 2 down, 3 the probe could not run (bad kind, target or option).',
    'Examples:',
    '  vigie probe http https://crm.example/health --option keyword=OK --option certMinDays=21',
    '  vigie probe sip-options "sip:10.0.0.20:5060;transport=tcp" --timeout 5s',
    '  vigie probe nut onduleur@10.0.0.30 --json',
    '  vigie probe snmp 10.0.0.31 --option \'oids=[{"oid":"1.3.6.1.2.1.33.1.2.4.0","min":20}]\'',
  ].join('\n');
}

/** Prints a result for a technician: the verdict, the message, then each measured value. */
function renderResult(kind: string, target: string, result: ProbeResult): string {
  const rows: Array<[string, string]> = [
    ['latency', `${result.latencyMs} ms`],
    ...Object.entries(result.values).map(([name, value]): [string, string] => [name, String(value)]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `${STATUS_WORD[result.status]}  ${kind} ${target}`,
    result.message,
    ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
  ].join('\n');
}

/** Registers `vigie probe KIND TARGET`: runs one probe once and exits with its status. */
export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('run one probe once against a target and print what it found')
    .argument('<kind>', `probe kind: ${Object.keys(PROBES).join(', ')}`)
    .argument('<target>', 'what to probe; its form depends on the kind (see below)')
    .option('-o, --option <key=value>', 'a probe option, repeatable (JSON for lists)', collectOption)
    .option('--timeout <duration>', 'give up after this long: 500ms, 10s, 1m', '10s')
    .option('--json', 'print the result as JSON')
    .option(
      '--lang <language>',
      "the message's language: en, or fr as Vigie writes it for a French plan",
      parseLanguage,
      'en',
    )
    .addHelpText('after', kindsHelp())
    // Usage errors exit 3 like every other reason the probe could not run: 2 already means "down".
    .configureOutput({ outputError: () => undefined })
    .showHelpAfterError(false)
    .exitOverride((error) => {
      if (error.exitCode === 0) throw error;
      const reason = error.message.replace(/^error: /, '');
      throw new CommandFailed(
        `vigie probe: ${reason}\n(vigie probe --help lists the kinds and their targets)`,
        PROBE_EXIT.unknown,
      );
    })
    .action(
      async (
        kind: string,
        target: string,
        options: { option?: Record<string, unknown>; timeout: string; json?: boolean; lang: Language },
      ) => {
        if (!isActiveProbeKind(kind)) {
          const passive = kind === 'heartbeat' || kind === 'agent';
          throw new CommandFailed(
            passive
              ? `vigie probe: ${kind} checks are fed by what reports to Vigie, there is nothing to probe`
              : `vigie probe: unknown probe kind "${kind}"; one of ${Object.keys(PROBES).join(', ')}`,
            PROBE_EXIT.unknown,
          );
        }
        const timeoutMs = parseMilliseconds(options.timeout);
        if (timeoutMs === undefined || timeoutMs <= 0 || timeoutMs > MAX_PROBE_TIMEOUT_MS) {
          throw new CommandFailed(
            `vigie probe: --timeout "${options.timeout}" is not a duration such as 500ms, 10s or 1m, of 10m at most`,
            PROBE_EXIT.unknown,
          );
        }
        const outcome = await runProbe(
          probeFor(kind),
          { ...(options.option ?? {}), target },
          {
            timeoutMs,
            language: options.lang,
          },
        );
        if (!outcome.ok) {
          throw new CommandFailed(
            `vigie probe ${kind}: the probe cannot run:\n  ${outcome.problems.join('\n  ')}`,
            PROBE_EXIT.unknown,
          );
        }
        const { result } = outcome;
        terminal.out(
          options.json ? JSON.stringify({ kind, target, ...result }, null, 2) : renderResult(kind, target, result),
        );
        process.exitCode = PROBE_EXIT[result.status];
      },
    );
}
