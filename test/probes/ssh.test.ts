import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeConfig, runProbe, sshProbe, type Language } from '@vigie/probes';
import { freePort } from '../support/peers/process';
import { startSshd, type SshdPeer } from '../support/peers/sshd';

async function run(input: Record<string, unknown>, timeoutMs = 15_000, language?: Language) {
  const outcome = await runProbe(sshProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

describe('ssh probe against OpenSSH', () => {
  let sshd: SshdPeer;
  let login: { target: string; privateKeyFile: string };
  beforeAll(async () => {
    sshd = await startSshd();
    login = { target: sshd.target, privateKeyFile: sshd.clientKeyFile };
  });
  afterAll(() => sshd.stop());

  it('is up when the command succeeds and its output matches, pinning the host key', async () => {
    const result = await run({
      ...login,
      command: 'echo Hermes service: RUNNING',
      match: 'RUNNING$',
      hostKey: sshd.hostKey,
    });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(
      /^SSH \w+@127\.0\.0\.1:\d+ ran "echo Hermes service: RUNNING" in [\d.]+ m?s: Hermes service: RUNNING$/,
    );
    expect(result.values).toMatchObject({ exitCode: 0, hostKey: sshd.hostKey });
  });

  it('judges a number read from df: disk used % against its bounds', async () => {
    const command = 'df --output=pcent / | tail -n 1';
    const ok = await run({ ...login, command, label: 'disk used (%)', max: 100 });
    expect(ok.status).toBe('up');
    const used = ok.values.value;
    expect(used).toBeTypeOf('number');
    const warned = await run({ ...login, command, label: 'disk used (%)', warnMax: -1 });
    expect(warned.status).toBe('degraded');
    // The disk may fill by a point between the two readings (other programs write to it).
    const usedNow = warned.values.value;
    expect(usedNow).toBeTypeOf('number');
    expect(Math.abs(Number(usedNow) - Number(used))).toBeLessThanOrEqual(1);
    expect(warned.message).toContain(`disk used (%) is ${String(usedNow)}, above the warning level -1`);
  });

  it('reads the number with a chosen expression', async () => {
    const result = await run({ ...login, command: 'echo "files=12 size=3400"', extract: 'size=(\\d+)', max: 3000 });
    expect(result.status).toBe('down');
    expect(result.message).toContain('value is 3400, above the maximum 3000');
  });

  it('is down when the output does not match, or the command fails', async () => {
    const stopped = await run({ ...login, command: 'echo Hermes service: STOPPED', match: 'RUNNING' });
    expect(stopped.status).toBe('down');
    expect(stopped.message).toContain('the output does not match /RUNNING/');
    const failed = await run({ ...login, command: 'echo disk error >&2; exit 3' });
    expect(failed.status).toBe('down');
    expect(failed.message).toContain(': disk error; exited with code 3, expected 0');
    expect(failed.values.exitCode).toBe(3);
  });

  it('is down when the host refuses the key', async () => {
    const result = await run({ target: sshd.target, privateKeyFile: sshd.strangerKeyFile, command: 'true' });
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/^SSH \w+@127\.0\.0\.1:\d+: the host refused the key$/);
  });

  it('is down when another host key answers', async () => {
    const wrong = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const result = await run({ ...login, command: 'true', hostKey: wrong });
    expect(result.status).toBe('down');
    expect(result.message).toContain(`the host key is ${sshd.hostKey}, not ${wrong}: another machine answers`);
  });

  it('is down with "no result" when the command outlasts the timeout', async () => {
    const result = await run({ ...login, command: 'sleep 20' }, 1500);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/: no result within [\d.]+ m?s$/);
  });

  it('is down when nothing listens', async () => {
    const port = await freePort();
    const result = await run({ target: `root@127.0.0.1:${port}`, privateKeyFile: sshd.clientKeyFile, command: 'true' });
    expect(result.message).toBe(`SSH root@127.0.0.1:${port}: connection refused`);
  });

  it('speaks French when the check is in French: command run, output, exit code, number', async () => {
    const french = (input: Record<string, unknown>, timeoutMs = 15_000) => run(input, timeoutMs, 'fr');
    const ok = await french({ ...login, command: 'echo Hermes service: RUNNING', match: 'RUNNING$' });
    expect(ok.status).toBe('up');
    expect(ok.message).toMatch(
      /^SSH \w+@127\.0\.0\.1:\d+ : commande « echo Hermes service: RUNNING » exécutée en \d+(?:,\d)? m?s : Hermes service: RUNNING$/,
    );
    const stopped = await french({ ...login, command: 'echo Hermes service: STOPPED', match: 'RUNNING' });
    expect(stopped.status).toBe('down');
    expect(stopped.message).toMatch(/ : Hermes service: STOPPED ; la sortie ne correspond pas à \/RUNNING\/$/);
    const failed = await french({ ...login, command: 'echo disk error >&2; exit 3' });
    expect(failed.status).toBe('down');
    expect(failed.message).toMatch(/ : disk error ; code de sortie 3 au lieu de 0$/);
    const silent = await french({ ...login, command: 'true', expectExitCode: 1 });
    expect(silent.message).toMatch(/ : \(aucune sortie\) ; code de sortie 0 au lieu de 1$/);
    const disk = await french({ ...login, command: 'echo 12.5', label: 'espace disque libre (%)', warnMin: 20 });
    expect(disk.status).toBe('degraded');
    expect(disk.message).toMatch(/ : 12\.5 ; espace disque libre \(%\) vaut 12,5, sous le seuil d’alerte 20$/);
    const bounded = await french({ ...login, command: 'echo "files=12 size=3400"', extract: 'size=(\\d+)', max: 3000 });
    expect(bounded.message).toMatch(/ ; valeur vaut 3400, au-dessus du maximum 3000$/);
  });

  it('gives the reasons a command could not run in French', async () => {
    const refused = await run(
      { target: sshd.target, privateKeyFile: sshd.strangerKeyFile, command: 'true' },
      15_000,
      'fr',
    );
    expect(refused.status).toBe('down');
    const where = `SSH ${sshd.target}`;
    expect(refused.message).toBe(`${where} : l’hôte a refusé la clé`);
    const wrong = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const other = await run({ ...login, command: 'true', hostKey: wrong }, 15_000, 'fr');
    expect(other.message).toBe(
      `${where} : la clé d’hôte est ${sshd.hostKey}, et non ${wrong} : ` +
        'une autre machine répond, ou l’hôte a été réinstallé',
    );
    const missingKey = `${sshd.folder}/no-such-key`;
    const noKey = await run({ ...login, privateKeyFile: missingKey, command: 'true' }, 15_000, 'fr');
    expect(noKey.message).toBe(`${where} : impossible de lire la clé privée « ${missingKey} » : fichier introuvable`);
    const slow = await run({ ...login, command: 'sleep 20' }, 1500, 'fr');
    expect(slow.message).toMatch(/^SSH \w+@127\.0\.0\.1:\d+ : aucun résultat en \d+(?:,\d)? m?s$/);
    const port = await freePort();
    const closed = await run(
      { target: `root@127.0.0.1:${port}`, privateKeyFile: sshd.clientKeyFile, command: 'true' },
      15_000,
      'fr',
    );
    expect(closed.message).toBe(`SSH root@127.0.0.1:${port} : connexion refusée`);
  });

  it('needs a command and a key, and a valid expression', () => {
    const parsed = parseProbeConfig(sshProbe, { target: 'supervision@10.0.0.5', match: '(' });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'command: command is required: the command to run on the host',
      'privateKeyFile: privateKeyFile is required: the private key to log in with',
      'match: "(" is not a valid regular expression',
    ]);
  });
});
