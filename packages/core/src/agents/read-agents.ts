import type { AgentDetail, AgentView } from '@vigie/contract';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, notFound } from '../errors';
import type { AgentContext } from './context';
import { checksFedBy, judgeAgentCheck } from './agent-checks';
import { toAgentView, toTaskView } from './model';

/** Tasks shown with an agent. */
const TASKS_SHOWN = 50;

/** Every enrolled agent with its status (administrators and people who operate). */
export async function listAgents(ctx: AgentContext, actor: Actor): Promise<AgentView[]> {
  if (!hasRole(actor, CAN.readInternal)) throw forbidden('agents are for the contact centre’s staff');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const views: AgentView[] = [];
    for (const agent of await tx.agents.list()) {
      const latest = await tx.agentReports.latest(agent.id);
      views.push(toAgentView(agent, now, latest?.report.hostname ?? null));
    }
    return views;
  });
}

/** One agent: its last report, the plan's checks it feeds judged now, and its latest tasks. */
export async function getAgent(ctx: AgentContext, actor: Actor, agentId: string): Promise<AgentDetail> {
  if (!hasRole(actor, CAN.readInternal)) throw forbidden('agents are for the contact centre’s staff');
  const now = ctx.clock.now();
  const active = await ctx.plans.active();
  return ctx.store.transaction(async (tx) => {
    // The report is read before the agent: on PostgreSQL each statement sees what is committed
    // when it starts, so a report landing in between makes the agent newer than its report,
    // never a report shown with an agent that has not reported yet.
    const latest = await tx.agentReports.latest(agentId);
    const agent = await tx.agents.findById(agentId);
    if (!agent) throw notFound(`no agent ${agentId}`);
    const checks = [];
    for (const check of active ? checksFedBy(active.plan, agent) : []) {
      const result = await judgeAgentCheck(tx, check, now);
      checks.push({
        checkId: check.id,
        name: check.name ?? check.id,
        status: result.status,
        message: result.message,
        at: now,
      });
    }
    const tasks = await tx.agentTasks.listForAgent(agent.id, TASKS_SHOWN);
    return {
      ...toAgentView(agent, now, latest?.report.hostname ?? null),
      lastReport: latest?.report ?? null,
      checks,
      tasks: tasks.map(toTaskView),
    };
  });
}
