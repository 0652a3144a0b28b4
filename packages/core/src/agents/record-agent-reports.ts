import { AgentReportBatchSchema, type AgentReport, type ReportsAccepted } from '@vigie/contract';
import { invalid } from '../errors';
import type { AgentContext } from './context';
import { checksFedBy, judgeAgentCheck } from './agent-checks';
import type { AgentCheckResult } from './evaluate-agent-check';
import { REPORT_HISTORY_KEEP, type AgentIdentity } from './model';

/** A check result a report produced, handed to the monitoring. */
export interface FedCheckResult {
  checkId: string;
  at: number;
  result: AgentCheckResult;
}

/**
 * Stores an agent's reports (a batch, perhaps buffered while the server was away) in one
 * transaction; a report already received is ignored, so a batch sent again after a lost answer
 * stores nothing twice. Each new report is judged against the plan's checks the agent feeds,
 * in the order observed, and the results go to the monitoring (`ctx.feedCheck`).
 */
export async function recordAgentReports(
  ctx: AgentContext,
  agent: AgentIdentity,
  batch: { reports: AgentReport[] },
): Promise<ReportsAccepted & { fed: FedCheckResult[] }> {
  const { reports } = AgentReportBatchSchema.parse(batch);
  const foreign = reports.find((r) => r.agentId !== agent.id);
  if (foreign) {
    throw invalid(
      `a report of agent ${foreign.agentId} came with the token of agent ${agent.id}: check agentId and token in the agent configuration`,
    );
  }
  const ordered = [...reports].sort((a, b) => a.seq - b.seq || a.at - b.at);
  const now = ctx.clock.now();
  const active = await ctx.plans.active();
  const { accepted, fed } = await ctx.store.transaction(async (tx) => {
    const accepted: AgentReport[] = [];
    for (const report of ordered) {
      if (await tx.agentReports.insert({ agentId: agent.id, receivedAt: now, report })) accepted.push(report);
    }
    const fed: FedCheckResult[] = [];
    if (accepted.length === 0) return { accepted, fed };
    const last = accepted.at(-1)!;
    await tx.agents.recordReport(agent.id, now, last.intervalMs);
    await tx.agentReports.prune(agent.id, REPORT_HISTORY_KEEP);
    const record = await tx.agents.findById(agent.id);
    const checks = active && record ? checksFedBy(active.plan, record) : [];
    for (const report of accepted) {
      // A report held back while the server was away is judged as of when it was made.
      const at = Math.min(report.at, now);
      const observation = { agentId: agent.id, agentName: agent.name, report, receivedAt: at };
      for (const check of checks) {
        fed.push({ checkId: check.id, at, result: await judgeAgentCheck(tx, check, now, { observation, at }) });
      }
    }
    return { accepted, fed };
  });
  if (ctx.feedCheck) for (const item of fed) await ctx.feedCheck(item.checkId, item.result, item.at);
  return { accepted: accepted.length, duplicates: reports.length - accepted.length, fed };
}
