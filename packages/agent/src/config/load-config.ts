import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { AgentConfigSchema, type AgentConfig } from '@vigie/contract';
import { defaultStateDir } from './state-dir';

/** The configuration cannot be used; every problem is listed, each with where it is. */
export class AgentConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file}: the configuration has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`,
    );
  }
}

/** The configuration with its paths made absolute (relative ones are read from the file's folder). */
export type LoadedConfig = AgentConfig & { stateDir: string; file: string };

/** `backups.SQL: expected an id …`: where the problem is, and what it is (a bad name says why, not just "invalid key"). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
}

/** Reads and checks the agent's configuration file (YAML, or JSON which YAML reads too). */
export async function loadAgentConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AgentConfigError(file, [`cannot read it: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new AgentConfigError(file, [`not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = AgentConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AgentConfigError(file, parsed.error.issues.map(describeIssue));
  }
  const base = dirname(resolve(file));
  const at = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const config = parsed.data;
  return {
    ...config,
    file: resolve(file),
    stateDir: at(config.stateDir ?? defaultStateDir()),
    ...(config.caFile !== undefined && { caFile: at(config.caFile) }),
    backups: Object.fromEntries(
      Object.entries(config.backups).map(([name, backup]) => [name, { ...backup, path: at(backup.path) }]),
    ),
  };
}
