import { AGENT_TOKEN_PREFIX } from '@vigie/contract';
import { hashToken } from '../auth/token-hash';
import type { Clock, Store } from '../ports';
import { SEEN_EVERY_MS, type AgentIdentity } from './model';

/** Resolves an agent's token (`Authorization: Bearer vga_…`); undefined when unknown or revoked. */
export async function authenticateAgent(
  ports: { store: Store; clock: Clock },
  token: string,
): Promise<AgentIdentity | undefined> {
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) return undefined;
  const now = ports.clock.now();
  return ports.store.transaction(async (tx) => {
    const agent = await tx.agents.findByTokenHash(hashToken(token));
    if (!agent || agent.revokedAt !== null) return undefined;
    if (agent.lastSeenAt === null || now - agent.lastSeenAt > SEEN_EVERY_MS) await tx.agents.touch(agent.id, now);
    return { id: agent.id, name: agent.name, assets: agent.assets };
  });
}
