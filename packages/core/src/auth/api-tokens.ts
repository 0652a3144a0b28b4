import { recordAudit } from '../audit/record-audit';
import { conflict, forbidden, notFound } from '../errors';
import type { ApiTokenRecord, Clock, Randomness, Store } from '../ports';
import { CAN, hasRole, type Actor } from './roles';
import { hashToken } from './token-hash';

export type PublicApiToken = Omit<ApiTokenRecord, 'tokenHash'>;

function toPublic(record: ApiTokenRecord): PublicApiToken {
  const { tokenHash: _hash, ...rest } = record;
  return rest;
}

/**
 * Creates an API token acting as the given user (the actor by default). The token is
 * shown once; only its hash is stored.
 */
export async function createApiToken(
  ports: { store: Store; clock: Clock; random: Randomness },
  actor: Actor,
  input: { name: string; userId?: string | undefined },
): Promise<{ token: string; record: PublicApiToken }> {
  if (actor.kind !== 'user' && actor.kind !== 'system') throw forbidden('an API token cannot create other tokens');
  const userId = input.userId ?? actor.id;
  if (userId !== actor.id && !hasRole(actor, CAN.administer)) {
    throw forbidden('only an administrator can create a token for another user');
  }
  const token = `vgt_${ports.random.token()}`;
  const now = ports.clock.now();
  const record: ApiTokenRecord = {
    id: ports.random.id(),
    name: input.name.trim(),
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  return ports.store.transaction(async (tx) => {
    if (!(await tx.users.findById(userId))) throw notFound(`no user ${userId}`);
    await tx.apiTokens.insert(record);
    await recordAudit(tx, now, actor, 'api-token.create', `api-token:${record.id}`, { name: record.name, userId });
    return { token, record: toPublic(record) };
  });
}

/** Lists tokens: all of them for an administrator, one's own otherwise. */
export async function listApiTokens(ports: { store: Store }, actor: Actor): Promise<PublicApiToken[]> {
  return ports.store.transaction(async (tx) => {
    const records = hasRole(actor, CAN.administer)
      ? await tx.apiTokens.list()
      : await tx.apiTokens.listForUser(actor.id);
    return records.map(toPublic);
  });
}

/** Revokes a token at once; its holder is refused from the next request. */
export async function revokeApiToken(
  ports: { store: Store; clock: Clock },
  actor: Actor,
  tokenId: string,
): Promise<void> {
  const now = ports.clock.now();
  await ports.store.transaction(async (tx) => {
    const record = await tx.apiTokens.findById(tokenId);
    if (!record) throw notFound(`no API token ${tokenId}`);
    if (record.userId !== actor.id && !hasRole(actor, CAN.administer)) throw forbidden('this token is not yours');
    if (record.revokedAt !== null) throw conflict('this token is already revoked');
    await tx.apiTokens.revoke(tokenId, now);
    await recordAudit(tx, now, actor, 'api-token.revoke', `api-token:${tokenId}`);
  });
}
