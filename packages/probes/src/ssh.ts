import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { untilAborted } from './abort';
import { formatHostPort, parseHostPort, type HostPort } from './address';
import { describeError } from './errors';
import { inEachLanguage, WordedError, type Language, type Wording } from './language';
import { integerOption } from './options';
import { defineProbe, type ProbeStatus } from './probe';
import { formatMs, probeResult, stopwatch, worstStatus } from './result';
import { formatWait, waitedMs } from './wait';
import { judgeValue, ThresholdSchema } from './thresholds';

const MAX_OUTPUT = 64 * 1024;
const FIRST_NUMBER = /(-?\d+(?:\.\d+)?)/;

const SshTargetSchema = z.string({ error: 'the target is required: USER@HOST[:PORT]' }).transform((text, ctx) => {
  const at = text.lastIndexOf('@');
  const user = text.slice(0, at);
  const address = at > 0 ? parseHostPort(text.slice(at + 1), 22) : undefined;
  if (!address || !/^[A-Za-z0-9._-]+$/.test(user)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not USER@HOST[:PORT], e.g. supervision@10.0.0.5` });
    return z.NEVER;
  }
  return { user, ...address };
});

const RegexSchema = z.string().transform((text, ctx) => {
  try {
    return new RegExp(text, 'm');
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a valid regular expression` });
    return z.NEVER;
  }
});

/** The options of an `ssh` check: a fixed command, its expected output or a number read from it. */
export const SshConfigSchema = ThresholdSchema.extend({
  target: SshTargetSchema,
  /** The command run on the host, always the same: the probe never builds command lines. */
  command: z.string({ error: 'command is required: the command to run on the host' }).min(1),
  /** A file holding the private key (OpenSSH or PEM format). */
  privateKeyFile: z.string({ error: 'privateKeyFile is required: the private key to log in with' }).min(1),
  passphrase: z.string().optional(),
  /** The host key fingerprint to insist on, as `ssh-keygen -l` prints it: `SHA256:…`. */
  hostKey: z
    .string()
    .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { error: 'hostKey must read SHA256:… as ssh-keygen -l prints it' })
    .optional(),
  /** The output must match this regular expression. */
  match: RegexSchema.optional(),
  /** Where to find the number judged by min/max: the first group of this expression (the first number by default). */
  extract: RegexSchema.optional(),
  /** What the number measures, for messages; `value` unless told. */
  label: z.string().min(1).optional(),
  expectExitCode: integerOption('expectExitCode', 0, 255).default(0),
});

/** A parsed `ssh` check. */
export type SshConfig = z.infer<typeof SshConfigSchema>;

const SAY: Wording<{
  value: string;
  hostKeyMismatch: (presented: string, expected: string) => string;
  noResult: (time: string) => string;
  refusedKey: string;
  failed: (where: string, reason: string) => string;
  exitCode: (code: number | null, expected: number) => string;
  noMatch: (source: string) => string;
  ran: (where: string, command: string, time: string, output: string) => string;
  problems: (summary: string, problems: string[]) => string;
}> = {
  en: {
    value: 'value',
    hostKeyMismatch: (presented, expected) =>
      `the host key is ${presented}, not ${expected}: another machine answers, or the host was reinstalled`,
    noResult: (time) => `no result within ${time}`,
    refusedKey: 'the host refused the key',
    failed: (where, reason) => `${where}: ${reason}`,
    exitCode: (code, expected) => `exited with code ${code ?? 'none (killed)'}, expected ${expected}`,
    noMatch: (source) => `the output does not match /${source}/`,
    ran: (where, command, time, output) => `${where} ran "${command}" in ${time}: ${output || '(no output)'}`,
    problems: (summary, problems) => `${summary}; ${problems.join('; ')}`,
  },
  fr: {
    value: 'valeur',
    hostKeyMismatch: (presented, expected) =>
      `la clé d’hôte est ${presented}, et non ${expected} : une autre machine répond, ou l’hôte a été réinstallé`,
    noResult: (time) => `aucun résultat en ${time}`,
    refusedKey: 'l’hôte a refusé la clé',
    failed: (where, reason) => `${where} : ${reason}`,
    exitCode: (code, expected) =>
      code === null
        ? `commande interrompue sans code de sortie (${expected} attendu)`
        : `code de sortie ${code} au lieu de ${expected}`,
    noMatch: (source) => `la sortie ne correspond pas à /${source}/`,
    ran: (where, command, time, output) =>
      `${where} : commande « ${command} » exécutée en ${time} : ${output || '(aucune sortie)'}`,
    problems: (summary, problems) => `${summary} ; ${problems.join(' ; ')}`,
  },
};

/** Why a key file cannot be read, in French (English keeps Node's own words). */
const KEY_FILE_REASONS_FR: Record<string, string> = {
  ENOENT: 'fichier introuvable',
  EACCES: 'lecture non autorisée',
  EISDIR: 'c’est un répertoire',
};

/** The host presented another key than the pinned one. */
function hostKeyMismatch(presented: string, expected: string): WordedError {
  return new WordedError(inEachLanguage(SAY, (say) => say.hostKeyMismatch(presented, expected)));
}

/** Reads the private key; a file that cannot be read is named (Node's words in English). */
async function readPrivateKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = KEY_FILE_REASONS_FR[code] ?? describeError(error, 'fr');
    throw new WordedError({
      en: describeError(error),
      fr: `impossible de lire la clé privée « ${file} » : ${reason}`,
    });
  }
}

/** Why a run failed, in `language`: the probe's own reasons, the network's, or ssh2's words. */
function describeSshError(error: unknown, language: Language): string {
  const reason = describeError(error, language);
  return /authentication methods failed/i.test(reason) ? SAY[language].refusedKey : reason;
}

interface CommandRun {
  output: string;
  exitCode: number | null;
  hostKey: string;
}

/** OpenSSH's fingerprint of a raw host key: `SHA256:` then unpadded base64. */
function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

async function runCommand(
  address: HostPort & { user: string },
  privateKey: string,
  config: SshConfig,
  signal: AbortSignal,
): Promise<CommandRun> {
  // Loaded on first use: most plans' servers start no SSH check.
  const ssh2 = await import('ssh2');
  const client = new ssh2.Client();
  let hostKey = '';
  let mismatch: WordedError | undefined;
  const ran = new Promise<CommandRun>((resolve, reject) => {
    client.on('error', (error) => reject(mismatch ?? error));
    client.on('ready', () => {
      client.exec(config.command, (error, stream) => {
        if (error) return reject(error);
        let output = '';
        const keep = (chunk: Buffer) => {
          if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
        };
        stream.on('data', keep);
        stream.stderr.on('data', keep);
        stream.on('close', (code: number | null) =>
          resolve({ output: output.slice(0, MAX_OUTPUT), exitCode: code, hostKey }),
        );
      });
    });
    client.connect({
      host: address.host,
      port: address.port,
      username: address.user,
      privateKey,
      passphrase: config.passphrase,
      readyTimeout: 600_000, // the signal bounds the run
      hostVerifier: (key: Buffer) => {
        hostKey = fingerprint(key);
        const expected = config.hostKey?.replace(/=$/, '');
        if (expected !== undefined && expected !== hostKey) mismatch = hostKeyMismatch(hostKey, expected);
        return mismatch === undefined;
      },
    });
  });
  return untilAborted(signal, ran, () => client.destroy()).finally(() => client.end());
}

/** Runs a fixed command over SSH (key authentication) and judges its exit code and output. */
export const sshProbe = defineProbe({
  kind: 'ssh',
  summary: 'run a fixed command over SSH with a key; match its output or judge a number in it',
  targetHint: 'USER@HOST[:PORT] (with --option command=… --option privateKeyFile=…)',
  configSchema: SshConfigSchema,
  async run(config, signal, language) {
    const say = SAY[language];
    const elapsed = stopwatch();
    const { user, ...address } = config.target;
    const where = `SSH ${user}@${formatHostPort(address)}`;
    let run: CommandRun;
    try {
      const privateKey = await readPrivateKey(config.privateKeyFile);
      run = await runCommand(config.target, privateKey, config, signal);
    } catch (error) {
      const latencyMs = elapsed();
      const reason = signal.aborted
        ? say.noResult(formatWait(waitedMs(signal, latencyMs), language))
        : describeSshError(error, language);
      return probeResult('down', latencyMs, say.failed(where, reason));
    }
    const latencyMs = elapsed();
    const output = run.output.trim();
    const shown = output.length > 200 ? `${output.slice(0, 200)}…` : output;
    const statuses: ProbeStatus[] = [];
    const problems: string[] = [];
    if (run.exitCode !== config.expectExitCode) {
      statuses.push('down');
      problems.push(say.exitCode(run.exitCode, config.expectExitCode));
    }
    if (config.match && !config.match.test(output)) {
      statuses.push('down');
      problems.push(say.noMatch(config.match.source));
    }
    let value: number | string | undefined;
    const bounded = [config.min, config.max, config.warnMin, config.warnMax, config.equals].some(
      (b) => b !== undefined,
    );
    if (bounded) {
      const raw = (config.extract ?? FIRST_NUMBER).exec(output)?.[1] ?? '';
      value = raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
      const verdict = judgeValue(config.label ?? say.value, value, config, language);
      statuses.push(verdict.status);
      if (verdict.problem) problems.push(verdict.problem);
    }
    const summary = say.ran(where, config.command, formatMs(latencyMs, language), shown);
    return probeResult(
      worstStatus(...statuses),
      latencyMs,
      problems.length ? say.problems(summary, problems) : summary,
      { exitCode: run.exitCode ?? -1, output: shown, value, hostKey: run.hostKey },
    );
  },
});
