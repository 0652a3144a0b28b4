import { readConfig, type Config } from '../config';
import type { Console } from '../main';

/** Where commands write: stdout for results, stderr for problems. */
export const terminal: Console = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class CommandFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

/** Reads the configuration or stops with every problem listed at once. */
export function configOrExit(flags: Parameters<typeof readConfig>[0]): Config {
  const result = readConfig(flags);
  if (result.ok) return result.config;
  throw new CommandFailed(`invalid configuration:\n  ${result.problems.join('\n  ')}`, EXIT.usage);
}

export const DB_OPTION_HELP = 'database URL: sqlite:PATH or postgres://USER@HOST:PORT/NAME (env VIGIE_DB)';
