import type { Check, Language, Plan } from '@vigie/contract';
import type { AgentRecord, Repositories } from '../ports';
import {
  combineAgentResults,
  evaluateAgentCheck,
  parseAgentCheckOptions,
  type AgentCheckResult,
  type AgentObservation,
  wrongOptionsMessage,
} from './evaluate-agent-check';

/** An agent check of a plan, with the language its results are written in: the plan's. */
export type PlanAgentCheck = Check & { readonly language: Language };

/** What an agent check reads: its target, else its asset. */
export function agentCheckTarget(check: Check): string {
  return check.target ?? check.asset;
}

/**
 * The plan's `probe: agent` checks whose target is one of the agent's assets, or the agent
 * itself, each with the plan's language for the messages of its results.
 */
export function checksFedBy(
  plan: Pick<Plan, 'checks' | 'language'>,
  agent: Pick<AgentRecord, 'id' | 'assets'>,
): PlanAgentCheck[] {
  return plan.checks
    .filter((check) => {
      if (check.probe !== 'agent') return false;
      const target = agentCheckTarget(check);
      return target === agent.id || agent.assets.includes(target);
    })
    .map((check) => ({ ...check, language: plan.language }));
}

/** The agents whose reports a check reads: those serving its target, or the agent it names. */
export async function agentsOfCheck(tx: Repositories, check: Check): Promise<AgentRecord[]> {
  const target = agentCheckTarget(check);
  const serving = await tx.agents.serving(target);
  const named = await tx.agents.findById(target);
  if (named && named.revokedAt === null && !serving.some((a) => a.id === named.id)) serving.push(named);
  return serving;
}

/** The latest of each agent, as a check sees it. */
export async function observe(tx: Repositories, agent: AgentRecord): Promise<AgentObservation> {
  const latest = await tx.agentReports.latest(agent.id);
  return {
    agentId: agent.id,
    agentName: agent.name,
    report: latest?.report,
    receivedAt: latest?.receivedAt ?? null,
  };
}

/**
 * Judges a check on what its agents said, in its plan's language: `override` replaces one
 * agent's observation (a report being recorded, judged as of its own time).
 */
export async function judgeAgentCheck(
  tx: Repositories,
  check: PlanAgentCheck,
  now: number,
  override?: { observation: AgentObservation; at: number },
): Promise<AgentCheckResult> {
  const { language } = check;
  const parsed = parseAgentCheckOptions(check.options);
  if (!parsed.ok) {
    return { status: 'down', latencyMs: 0, message: wrongOptionsMessage(parsed.message, language), values: {} };
  }
  const results = [];
  for (const agent of await agentsOfCheck(tx, check)) {
    if (override && override.observation.agentId === agent.id) {
      results.push({
        agentName: agent.name,
        result: evaluateAgentCheck(parsed.options, override.observation, override.at, language),
      });
    } else {
      results.push({
        agentName: agent.name,
        result: evaluateAgentCheck(parsed.options, await observe(tx, agent), now, language),
      });
    }
  }
  return combineAgentResults(results, language);
}
