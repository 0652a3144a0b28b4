import { AGENT_TOKEN_PREFIX, EnrolAgentRequestSchema, type AgentView, type EnrolAgentRequest } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { hashToken } from '../auth/token-hash';
import { conflict, forbidden, invalid, precondition } from '../errors';
import type { AgentRecord } from '../ports';
import type { AgentContext } from './context';
import { toAgentView } from './model';

/**
 * Enrols an agent serving some of the plan's assets (administrators only). Its `vga_` token
 * is returned once, to be written in the agent's configuration; only its hash is stored.
 */
export async function enrolAgent(
  ctx: AgentContext,
  actor: Actor,
  input: EnrolAgentRequest,
): Promise<{ agent: AgentView; token: string }> {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator enrols agents');
  const request = EnrolAgentRequestSchema.parse(input);
  const active = await ctx.plans.active();
  if (!active) throw precondition('no plan is loaded: load one first');
  const { plan } = active;
  const known = new Set(plan.assets.map((a) => a.id));
  const unknown = request.assets.filter((a) => !known.has(a));
  if (unknown.length) throw invalid(`the plan has no asset ${unknown.join(', ')}`);
  const token = `${AGENT_TOKEN_PREFIX}${ctx.random.token()}`;
  const now = ctx.clock.now();
  const record: AgentRecord = {
    id: request.id,
    name: request.name,
    assets: [...new Set(request.assets)],
    tokenHash: hashToken(token),
    enrolledBy: actor.label,
    enrolledAt: now,
    lastSeenAt: null,
    lastReportAt: null,
    reportIntervalMs: null,
    revokedAt: null,
    silenceFedAt: null,
  };
  return ctx.store.transaction(async (tx) => {
    if (await tx.agents.findById(record.id)) throw conflict(`an agent ${record.id} is already enrolled`);
    await tx.agents.insert(record);
    await recordAudit(tx, now, actor, 'agent.enrol', `agent:${record.id}`, {
      name: record.name,
      assets: record.assets,
    });
    return { agent: toAgentView(record, now, null), token };
  });
}
