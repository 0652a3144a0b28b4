import { recordAudit } from '../audit/record-audit';
import type { Clock, Store } from '../ports';
import { toPublicUser, type PublicUser } from '../users/create-user';
import { actorOf, SESSION_LIFETIME_MS } from './login';
import type { Actor } from './roles';
import { hashToken } from './token-hash';

export interface Authenticated {
  actor: Actor;
  user: PublicUser;
  /** Present for cookie sessions: unsafe requests must echo it. */
  csrfToken: string | null;
  sessionId: string | null;
}

/** Refreshes a session's expiry at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie to its actor, sliding the expiry; undefined when invalid. */
export async function authenticateSession(
  ports: { store: Store; clock: Clock },
  sessionToken: string,
): Promise<Authenticated | undefined> {
  const now = ports.clock.now();
  const id = hashToken(sessionToken);
  return ports.store.transaction(async (tx) => {
    const session = await tx.sessions.find(id);
    if (!session || session.expiresAt <= now) return undefined;
    const user = await tx.users.findById(session.userId);
    if (!user || user.disabledAt !== null) return undefined;
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) await tx.sessions.touch(id, now, now + SESSION_LIFETIME_MS);
    const publicUser = toPublicUser(user);
    return { actor: actorOf(publicUser), user: publicUser, csrfToken: session.csrfToken, sessionId: id };
  });
}

/** Resolves an API token (`Authorization: Bearer vgt_…`) to its actor; undefined when invalid. */
export async function authenticateApiToken(
  ports: { store: Store; clock: Clock },
  token: string,
): Promise<Authenticated | undefined> {
  const now = ports.clock.now();
  return ports.store.transaction(async (tx) => {
    const record = await tx.apiTokens.findByHash(hashToken(token));
    if (!record || record.revokedAt !== null) return undefined;
    const user = await tx.users.findById(record.userId);
    if (!user || user.disabledAt !== null) return undefined;
    if (record.lastUsedAt === null || now - record.lastUsedAt > TOUCH_EVERY_MS)
      await tx.apiTokens.touch(record.id, now);
    const publicUser = toPublicUser(user);
    const actor: Actor = {
      kind: 'token',
      id: record.id,
      label: `${record.name} (${user.email})`,
      role: user.role,
      clientId: user.clientId,
    };
    return { actor, user: publicUser, csrfToken: null, sessionId: null };
  });
}

/** Ends a session. */
export async function logout(ports: { store: Store; clock: Clock }, auth: Authenticated): Promise<void> {
  if (!auth.sessionId) return;
  const sessionId = auth.sessionId;
  await ports.store.transaction(async (tx) => {
    await tx.sessions.delete(sessionId);
    await recordAudit(tx, ports.clock.now(), auth.actor, 'session.logout', `user:${auth.user.id}`);
  });
}
