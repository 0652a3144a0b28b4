import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '@vigie/core';
import { probeFor, runProbe, type ActiveProbeKind } from '@vigie/probes';
import { DEFAULT_PLAN_PATH } from '../config';
import { Demo, DEMO_PARTS, type DemoPart } from './demo';

const loaded = loadPlan('seed.yaml', readFileSync(DEFAULT_PLAN_PATH, 'utf8'));
if (!loaded.ok) throw new Error('the seed plan does not load');
const seed = loaded.plan;

/** The demo's simulators, seen through Vigie's real probes. */
describe('the demo contact centre', () => {
  const demo = new Demo();
  beforeAll(() => demo.start());
  afterAll(() => demo.stop());

  const statusOf = async (checkId: string): Promise<string> => {
    const check = demo.overlay(seed).checks.find((c) => c.id === checkId)!;
    const run = await runProbe(
      probeFor(check.probe as ActiveProbeKind),
      { target: check.target, ...check.options },
      { timeoutMs: 2_000 },
    );
    if (!run.ok) throw new Error(run.problems.join('; '));
    return run.result.status;
  };

  it('points every active example check of the seed plan at a simulator, and they are all up', async () => {
    const overlaid = demo
      .overlay(seed)
      .checks.filter((c) => !c.example && c.probe !== 'agent' && c.probe !== 'heartbeat');
    expect(overlaid.map((c) => c.id).sort()).toEqual(
      [
        'crm-web',
        'groupe-etat',
        'media-gateway-sip',
        'onduleur-etat',
        'serveurs-accessibles',
        'si-ocm-web',
        'sql-connexion',
        'synchro-secours',
      ].sort(),
    );
    for (const check of overlaid) expect(await statusOf(check.id), check.id).toBe('up');
  });

  it.each([
    ['power', 'onduleur-etat', 'degraded'],
    ['gateway', 'media-gateway-sip', 'down'],
    ['crm', 'crm-web', 'down'],
    ['ocm', 'si-ocm-web', 'down'],
    ['sql', 'sql-connexion', 'down'],
    ['servers', 'serveurs-accessibles', 'down'],
    ['sync', 'synchro-secours', 'down'],
  ] as const)('breaking %s makes %s %s, repairing brings it back', async (part, checkId, status) => {
    await demo.set(part as DemoPart, true);
    expect(await statusOf(checkId)).toBe(status);
    await demo.set(part as DemoPart, false);
    expect(await statusOf(checkId)).toBe('up');
  });

  it('feeds the agent and heartbeat checks itself, the SQL backup among them', () => {
    const fed = demo.overlay(seed).checks.filter((c) => !c.example && (c.probe === 'agent' || c.probe === 'heartbeat'));
    expect(fed.map((c) => c.id).sort()).toEqual(
      ['hmp-disque', 'onnet32-service', 'ports-usb', 'sauvegarde-fraicheur', 'sauvegarde-sql'].sort(),
    );
  });

  it('a power cut with a generator in fault leaves the site without power', async () => {
    await demo.set('power', true);
    expect(await statusOf('groupe-etat')).not.toBe('down');
    await demo.set('generator', true);
    expect(await statusOf('groupe-etat')).toBe('down');
    await demo.set('generator', false);
    await demo.set('power', false);
    expect(await statusOf('groupe-etat')).toBe('up');
    expect(Object.keys(DEMO_PARTS)).toContain('generator');
  });
});
