import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, notFound } from '../errors';
import type { Clock, Store } from '../ports';

/** Revokes an agent's token at once: its next request is refused. Its unfinished tasks time out. */
export async function revokeAgent(ports: { store: Store; clock: Clock }, actor: Actor, agentId: string): Promise<void> {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator revokes agents');
  const now = ports.clock.now();
  await ports.store.transaction(async (tx) => {
    const agent = await tx.agents.findById(agentId);
    if (!agent) throw notFound(`no agent ${agentId}`);
    if (agent.revokedAt !== null) throw conflict(`agent ${agentId} is already revoked`);
    await tx.agents.revoke(agentId, now);
    await recordAudit(tx, now, actor, 'agent.revoke', `agent:${agentId}`);
  });
}
