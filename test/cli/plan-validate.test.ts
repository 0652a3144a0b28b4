import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { runVigie } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'vigie-plans-'));

/** Writes a variant of the seed plan and returns its path and the 1-based line of `marker`. */
function variant(name: string, from: string, to: string): { file: string; line: number } {
  const text = SEED_PLAN_TEXT.replace(from, to);
  if (text === SEED_PLAN_TEXT) throw new Error(`"${from}" not found in the seed plan`);
  const file = join(dir, name);
  writeFileSync(file, text);
  const line = text.slice(0, text.indexOf(to)).split('\n').length;
  return { file, line };
}

describe('vigie plan validate', () => {
  it('accepts the seed plan with exit code 0', async () => {
    const result = await runVigie(['plan', 'validate', 'plans/media-contact-cameroun.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid — 9 threats');
  });

  it.each([
    [
      'a YAML syntax error',
      'syntax.yaml',
      '    solution: Mise à jour du CRM par le fournisseur',
      '    solution: Mise à jour: du CRM: fournisseur',
      /YAML syntax: /,
    ],
    [
      'a wrong type',
      'type.yaml',
      '    severity: major\n    assets: [crm-hermes]',
      '    severity: [major]\n    assets: [crm-hermes]',
      /`severity`: expected a severity: critical, major, minor, found a list/,
    ],
    [
      'an unknown key',
      'key.yaml',
      '    targetText: 15min',
      '    targetText: 15min\n    couleur: rouge',
      /unknown key "couleur"/,
    ],
    [
      'a bad duration',
      'duration.yaml',
      '    target: 2h\n    targetText: Allant jusqu’à 2h de temps\n    severity: critical',
      '    target: 2 heures\n    targetText: Allant jusqu’à 2h de temps\n    severity: critical',
      /`target`: "2 heures" is not a duration/,
    ],
    [
      'a dangling reference',
      'reference.yaml',
      '      - check: hmp-disque',
      '      - check: hmp-disk',
      /unknown check "hmp-disk"/,
    ],
    [
      'an unknown option of an agent check',
      'agent-option.yaml',
      "options: { disk: 'C:', minFreePercent: 15 }",
      "options: { disk: 'C:', minFreePercent: 15, maxFree: 90 }",
      /^check "hmp-disque" \(agent\): unknown option "maxFree": an agent check takes disk, minFreePercent, /,
    ],
    [
      'an agent check option of the wrong type',
      'agent-type.yaml',
      "options: { disk: 'C:', minFreePercent: 15 }",
      "options: { disk: 'C:', minFreePercent: '15 %' }",
      /^check "hmp-disque" \(agent\): `minFreePercent`: expected a number, found the text "15 %"$/,
    ],
    [
      'an agent check judging nothing',
      'agent-criterion.yaml',
      'options: { usbStorage: disabled }',
      'options: {}',
      /^check "ports-usb" \(agent\): an agent check needs disk, service, usbStorage, maxMemoryPercent, maxCpuPercent or backup$/,
    ],
    [
      'a backup check with a bad age limit',
      'agent-backup.yaml',
      'options: { backup: sql-nightly, maxAge: 26h, minSize: 1GB }',
      'options: { backup: sql-nightly, maxAge: 26 heures, minSize: 1GB }',
      /^check "sauvegarde-sql" \(agent\): `maxAge`: "26 heures" is not a duration/,
    ],
  ])('reports %s as FILE:LINE:COL: message and exits 1', async (_what, name, from, to, message) => {
    const { file, line } = variant(name, from, to);
    const result = await runVigie(['plan', 'validate', file]);
    expect(result.code).toBe(1);
    const first = result.stderr.trim().split('\n')[0]!;
    const match = /^(.+):(\d+):(\d+): (.+)$/.exec(first);
    expect(match, first).not.toBeNull();
    expect(match![1]).toBe(file);
    expect(Number(match![2])).toBe(key(name) ? line + 1 : line);
    expect(Number(match![3])).toBeGreaterThan(0);
    expect(match![4]).toMatch(message);
  });

  it('accepts combination rules, and reports those that pick no check or name an unknown one at their line', async () => {
    const rules = '      - check: sql-connexion\n      - check: onnet32-service';
    const good = variant(
      'combination-ok.yaml',
      rules,
      '      - checks: { site: principal, probe: sql }\n        count: all\n      - all:\n          - check: onnet32-service\n          - checks: { asset: serveur-sql, probe: ping }',
    );
    const accepted = await runVigie(['plan', 'validate', good.file]);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);

    const bad = variant(
      'combination.yaml',
      rules,
      '      - checks: { site: principal, probe: snmp }\n      - all:\n          - check: onnet32-service\n          - check: onnet32',
    );
    const refused = await runVigie(['plan', 'validate', bad.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `${bad.file}:${bad.line}:17: no check matches { site: principal, probe: snmp }`,
      expect.stringContaining(`${bad.file}:${bad.line + 3}:20: unknown check "onnet32" (known: `),
    ]);
  });

  it('checks several files and fails if any one fails', async () => {
    const { file } = variant('bad.yaml', '      - check: hmp-disque', '      - check: nowhere');
    const result = await runVigie(['plan', 'validate', 'plans/media-contact-cameroun.yaml', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('media-contact-cameroun.yaml: valid');
    expect(result.stderr).toContain('unknown check "nowhere"');
  });

  it('says clearly when a file cannot be read', async () => {
    const result = await runVigie(['plan', 'validate', join(dir, 'missing.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read the file (ENOENT)');
  });
});

/** The unknown key sits on the line after the one the replacement starts on. */
function key(name: string): boolean {
  return name === 'key.yaml';
}
