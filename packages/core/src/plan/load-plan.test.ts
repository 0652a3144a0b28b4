import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPlanError, loadPlan } from './load-plan';

const SEED = readFileSync(new URL('../../../../plans/media-contact-cameroun.yaml', import.meta.url), 'utf8');

/** A small valid plan; line numbers below refer to it. */
const MINIMAL = `organisation: Centre
title: PCA
clients:
  - id: ocm
    name: OCM
team:
  - id: admin
    name: Admin
sites:
  - id: principal
    name: Principal
checks:
  - id: disk
    asset: hmp
    probe: agent
assets:
  - id: hmp
    name: HMP
    kind: server
    site: principal
threats:
  - id: espace-hmp
    title: Disque plein
    causes: Fichiers audio
    solution: Archiver
    target: 20m
    detect:
      - check: disk
`;

function errorsOf(text: string): string[] {
  const result = loadPlan('plan.yaml', text);
  if (result.ok) return [];
  return result.errors.map(formatPlanError);
}

describe('loadPlan', () => {
  it('reads the seed plan: nine threats, two escalation steps, the redundant site', () => {
    const result = loadPlan('seed.yaml', SEED);
    if (!result.ok) throw new Error(result.errors.map(formatPlanError).join('\n'));
    expect(result.plan.threats).toHaveLength(9);
    expect(result.plan.escalation.map((s) => s.after)).toEqual([3_600_000, 6 * 3_600_000]);
    expect(result.plan.sites.find((s) => s.redundant)?.id).toBe('secours');
    expect(result.plan.threats.find((t) => t.id === 'arret-service')?.target).toBeUndefined();
    expect(result.plan.controls.filter((c) => !c.optional)).toHaveLength(8);
  });

  it('fills defaults a plan author may leave out', () => {
    const result = loadPlan('plan.yaml', MINIMAL);
    if (!result.ok) throw new Error('expected valid');
    expect(result.plan.language).toBe('fr');
    expect(result.plan.timezone).toBe('Africa/Douala');
    expect(result.plan.checks[0]).toMatchObject({ every: 60_000, timeout: 10_000, failAfter: 3, recoverAfter: 2 });
  });

  it('points at a YAML syntax error', () => {
    const text = MINIMAL.replace('    name: Admin', '    name: Admin: Bob');
    const [first] = errorsOf(text);
    expect(first).toMatch(/^plan\.yaml:8:\d+: YAML syntax: /);
  });

  it('points at a wrong type and names what was expected', () => {
    const text = MINIMAL.replace('  - id: ocm\n    name: OCM', '  - id: ocm\n    name: [O, C, M]');
    expect(errorsOf(text)).toEqual(['plan.yaml:5:11: `name`: expected text, found a list']);
  });

  it('points at an unknown key', () => {
    const text = MINIMAL.replace('    target: 20m', '    target: 20m\n    colour: red');
    expect(errorsOf(text)).toEqual(['plan.yaml:27:5: unknown key "colour"']);
  });

  it('points at a bad duration', () => {
    const text = MINIMAL.replace('target: 20m', 'target: 20 minutes');
    expect(errorsOf(text)).toEqual([
      'plan.yaml:26:13: `target`: "20 minutes" is not a duration such as 30s, 20m, 4h, 2d or 1y',
    ]);
  });

  it('refuses a check interval, retry or timeout under a second', () => {
    const text = MINIMAL.replace(
      '    probe: agent',
      '    probe: agent\n    every: 0s\n    retryEvery: 0s\n    timeout: 0s',
    );
    expect(errorsOf(text)).toEqual([
      'plan.yaml:16:12: `every`: expected at least 1s',
      'plan.yaml:17:17: `retryEvery`: expected at least 1s',
      'plan.yaml:18:14: `timeout`: expected at least 1s',
    ]);
  });

  it('refuses a probe timeout longer than ten minutes', () => {
    const text = MINIMAL.replace('    probe: agent', '    probe: agent\n    timeout: 30d');
    expect(errorsOf(text)).toEqual(['plan.yaml:16:14: `timeout`: expected at most 10m']);
    expect(errorsOf(MINIMAL.replace('    probe: agent', '    probe: agent\n    timeout: 10m'))).toEqual([]);
  });

  it('refuses an id longer than the database keeps', () => {
    const long = `espace-${'x'.repeat(60)}`;
    const text = MINIMAL.replace('  - id: espace-hmp', `  - id: ${long}`);
    expect(errorsOf(text)).toEqual(['plan.yaml:22:9: `id`: expected an id of 64 characters at most']);
    expect(errorsOf(MINIMAL.replace('  - id: espace-hmp', `  - id: ${long.slice(0, 64)}`))).toEqual([]);
  });

  it('points at a dangling reference and lists what is known', () => {
    const text = MINIMAL.replace('      - check: disk', '      - check: disque');
    expect(errorsOf(text)).toEqual(['plan.yaml:28:16: unknown check "disque" (known: disk)']);
  });

  it('points at a missing field on the item that lacks it', () => {
    const text = MINIMAL.replace('    causes: Fichiers audio\n', '');
    expect(errorsOf(text)).toEqual(['plan.yaml:22:5: `causes`: missing: expected text']);
  });

  it('reports every schema problem at once, in file order', () => {
    const text = MINIMAL.replace('    kind: server', '    kind: serveur').replace('target: 20m', 'target: soon');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^plan\.yaml:19:11: `kind`: expected an asset kind/);
    expect(errors[1]).toMatch(/^plan\.yaml:26:13: /);
  });

  it('refuses duplicate ids', () => {
    const text = MINIMAL.replace(
      '  - id: principal\n    name: Principal',
      '  - id: principal\n    name: Principal\n  - id: principal\n    name: Again',
    );
    expect(errorsOf(text)).toEqual(['plan.yaml:12:9: duplicate site id "principal"']);
  });

  it('refuses a document that is not a plan', () => {
    expect(errorsOf('- just\n- a list\n')[0]).toMatch(/^plan\.yaml:1:1: expected a plan/);
  });

  it('refuses a class that contradicts the target', () => {
    const text = MINIMAL.replace('    target: 20m', '    target: 20m\n    class: long');
    expect(errorsOf(text)[0]).toMatch(/^plan\.yaml:27:12: the class follows from the target/);
  });

  it('reads combination rules: checks picked by what they watch, and `all:` conditions', () => {
    const result = loadPlan(
      'plan.yaml',
      MINIMAL.replace(
        '      - check: disk\n',
        `      - checks: { site: principal, probe: agent }
        count: all
      - all:
          - check: disk
          - checks: { asset: hmp, assetKind: server }
            state: degraded
`,
      ),
    );
    if (!result.ok) throw new Error(result.errors.map(formatPlanError).join('\n'));
    expect(result.plan.threats[0]!.detect).toEqual([
      { checks: { site: 'principal', probe: 'agent' }, count: 'all', state: 'down' },
      {
        all: [
          { check: 'disk', state: 'down' },
          { checks: { asset: 'hmp', assetKind: 'server' }, state: 'degraded' },
        ],
        state: 'down',
      },
    ]);
  });

  it('points at combination rules that pick no check or name unknown ones', () => {
    const text = MINIMAL.replace(
      '      - check: disk\n',
      `      - checks: { site: principal, probe: sql }
      - checks: { site: mars }
      - checks: { site: principal }
        count: 3
      - all:
          - check: disk
          - check: disque
`,
    );
    expect(errorsOf(text)).toEqual([
      'plan.yaml:28:17: no check matches { site: principal, probe: sql }',
      'plan.yaml:29:25: unknown site "mars" (known: principal)',
      'plan.yaml:31:16: count 3, but only 1 check matches { site: principal }: disk',
      'plan.yaml:34:20: unknown check "disque" (known: disk)',
    ]);
  });

  it('points at alert patterns that are not regular expressions, or that could take exponential time', () => {
    const text = MINIMAL.replace(
      '      - check: disk\n',
      `      - alert: { alertname: '~Hmp(Disk|Disque)(Full|Plein)' }
      - alert: { alertname: '~Hmp(' }
      - alert: { instance: '~(hmp.*)+' }
`,
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('plan.yaml:29:29: "~Hmp(" is not a valid regular expression');
    expect(errors[1]).toMatch(/^plan\.yaml:30:28: "~\(hmp\.\*\)\+" repeats a repetition \(such as `\(a\+\)\+`/);
  });

  it('points at combination rules written the wrong way', () => {
    const text = MINIMAL.replace(
      '      - check: disk\n',
      `      - checks: { site: principal }
        count: none
      - check: disk
        count: 2
      - all:
          - check: disk
        state: degraded
      - all:
          - check: disk
          - alert: { alertname: Disk }
      - checks: {}
`,
    );
    expect(errorsOf(text)).toEqual([
      'plan.yaml:29:16: `count`: expected any, all, or how many checks at least (2, 3…), found the text "none"',
      'plan.yaml:31:16: `count`: only with `checks:` (how many of the checks it selects must be in the state)',
      'plan.yaml:33:11: `all`: combines at least two conditions (a single one is written directly in `detect:`)',
      'plan.yaml:34:16: `state`: goes on each condition of `all:`, not on the list',
      'plan.yaml:37:20: `alert`: a condition of `all:` names a `check` or `checks:` (alerts and nested `all:` cannot be combined)',
      'plan.yaml:38:17: `checks`: expected at least one of site, asset, assetKind, probe, client',
    ]);
  });

  it('accepts a threat without a target: it escalates on elapsed time alone', () => {
    const result = loadPlan('plan.yaml', MINIMAL.replace('    target: 20m\n', ''));
    expect(result.ok).toBe(true);
  });

  describe('on-call schedules and paging', () => {
    const withTeam = MINIMAL.replace('    name: Admin\n', '    name: Admin\n  - id: tech\n    name: Tech\n');

    it('reads a rotation, usable as a recipient, and the steps of paging', () => {
      const text = `${withTeam}onCall:
  - id: astreinte
    title: Astreinte
    people: [admin, tech]
    every: 1w
    from: '2026-01-05T08:00:00+01:00'
communication:
  notifyOnOpen: [astreinte]
  unacknowledged:
    - after: 15m
      to: [admin, astreinte]
`;
      const result = loadPlan('plan.yaml', text);
      if (!result.ok) throw new Error(result.errors.map(formatPlanError).join('\n'));
      expect(result.plan.onCall).toEqual([
        {
          id: 'astreinte',
          title: 'Astreinte',
          people: ['admin', 'tech'],
          every: 7 * 86_400_000,
          from: '2026-01-05T08:00:00+01:00',
        },
      ]);
      expect(result.plan.communication.notifyOnOpen).toEqual(['astreinte']);
      expect(result.plan.communication.unacknowledged).toEqual([{ after: 900_000, to: ['admin', 'astreinte'] }]);
    });

    it('points at short turns and dates without a time zone', () => {
      const text = `${withTeam}onCall:
  - id: astreinte
    title: Astreinte
    people: [admin]
    every: 30m
    from: 2026-01-05
`;
      expect(errorsOf(text)).toEqual([
        'plan.yaml:35:12: `every`: expected a turn of an hour or more',
        'plan.yaml:36:11: `from`: expected a date and time such as 2026-01-05T08:00:00+01:00',
      ]);
    });

    it('points at unknown people, an id taken by a person, and unknown recipients', () => {
      const text = `${withTeam}onCall:
  - id: astreinte
    title: Astreinte
    people: [admin, ocm-x]
    every: 1w
    from: '2026-01-05T08:00:00+01:00'
  - id: tech
    title: Doublon
    people: [tech]
    every: 1d
    from: '2026-01-05T08:00:00+01:00'
communication:
  unacknowledged:
    - after: 15m
      to: [astreinte-nuit]
`;
      expect(errorsOf(text)).toEqual([
        'plan.yaml:34:21: unknown team member "ocm-x" (known: admin, tech)',
        'plan.yaml:37:9: on-call schedule id "tech" is already the id of a person',
        'plan.yaml:45:12: unknown recipient "astreinte-nuit" (expected a group: client-it, client, crisis-cell, team, all-parties, the id of a person or of an on-call schedule)',
      ]);
    });
  });
});
