import { describe, expect, it } from 'vitest';
import type { Check, Language } from '@vigie/contract';
import type { AgentRecord, Repositories } from '../ports';
import { checksFedBy, judgeAgentCheck } from './agent-checks';

const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);

function check(id: string, options: Record<string, unknown>): Check {
  return {
    id,
    asset: 'serveur-hmp',
    probe: 'agent',
    every: 60_000,
    timeout: 10_000,
    failAfter: 3,
    recoverAfter: 2,
    options,
    example: false,
  };
}

const agent: AgentRecord = {
  id: 'hmp-01',
  name: 'hmp-01',
  assets: ['serveur-hmp'],
  tokenHash: 'x',
  enrolledBy: 'admin',
  enrolledAt: NOW - 86_400_000,
  lastSeenAt: null,
  lastReportAt: null,
  reportIntervalMs: null,
  revokedAt: null,
  silenceFedAt: null,
};

/** Just what judging reads: one agent serving the asset, which never reported. */
const tx = {
  agents: { serving: async () => [agent], findById: async () => undefined },
  agentReports: { latest: async () => undefined },
} as unknown as Repositories;

const plan = (language: Language) => ({
  language,
  checks: [check('hmp-disque', { disk: 'C:' }), check('mauvaise', { usbStorage: 'off' })],
});

describe('agent checks are judged in their plan’s language', () => {
  it('carries the plan’s language with each check an agent feeds', () => {
    expect(checksFedBy(plan('fr'), agent).map((c) => [c.id, c.language])).toEqual([
      ['hmp-disque', 'fr'],
      ['mauvaise', 'fr'],
    ]);
  });

  it.each([
    ['fr', 'hmp-disque', 'agent hmp-01 : aucun rapport reçu à ce jour'],
    ['en', 'hmp-disque', 'agent hmp-01 has never reported'],
    ['fr', 'mauvaise', 'options de la vérification incorrectes : expected disabled or enabled'],
    ['en', 'mauvaise', "the check's options are wrong: expected disabled or enabled"],
  ] as const)('in %s, %s says', async (language, id, message) => {
    const fed = checksFedBy(plan(language), agent).find((c) => c.id === id)!;
    expect(await judgeAgentCheck(tx, fed, NOW)).toMatchObject({ status: 'down', message });
  });
});
