import { AGENT_SILENT_INTERVALS } from '@vigie/contract';
import type { AgentContext } from './context';
import { checksFedBy, judgeAgentCheck } from './agent-checks';
import type { FedCheckResult } from './record-agent-reports';

/**
 * Feeds the checks of every agent silent for `AGENT_SILENT_INTERVALS` report intervals with a
 * `down` result ("agent silent"), once per report interval while the silence lasts, so their
 * state counts the missed reports. Several nodes may sweep: each silence is claimed by one.
 */
export async function feedSilentAgents(ctx: AgentContext): Promise<FedCheckResult[]> {
  const now = ctx.clock.now();
  const active = await ctx.plans.active();
  if (!active) return [];
  const fed = await ctx.store.transaction(async (tx) => {
    const fed: FedCheckResult[] = [];
    for (const agent of await tx.agents.list()) {
      if (agent.revokedAt !== null || agent.lastReportAt === null) continue;
      const interval = agent.reportIntervalMs ?? 60_000;
      if (now - agent.lastReportAt <= AGENT_SILENT_INTERVALS * interval) continue;
      const checks = checksFedBy(active.plan, agent);
      if (checks.length === 0 || !(await tx.agents.claimSilence(agent.id, now, now - interval))) continue;
      for (const check of checks)
        fed.push({ checkId: check.id, at: now, result: await judgeAgentCheck(tx, check, now) });
    }
    return fed;
  });
  if (ctx.feedCheck) for (const item of fed) await ctx.feedCheck(item.checkId, item.result, item.at);
  return fed;
}
