import { recordAudit } from '../audit/record-audit';
import { unauthenticated } from '../errors';
import type { Clock, PasswordHasher, Randomness, Store } from '../ports';
import { toPublicUser, type PublicUser } from '../users/create-user';
import type { Actor } from './roles';
import { hashToken } from './token-hash';

export const SESSION_LIFETIME_MS = 12 * 3_600_000;

export interface LoginResult {
  user: PublicUser;
  /** Sent to the browser once, in an HttpOnly cookie; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: number;
}

const REFUSAL = 'wrong email or password';

/** Checks a password and opens a session; the same answer for an unknown email and a wrong password. */
export async function login(
  ports: { store: Store; clock: Clock; random: Randomness; passwords: PasswordHasher },
  input: { email: string; password: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const now = ports.clock.now();
  const user = await ports.store.transaction((tx) => tx.users.findByEmail(email));
  const valid =
    user !== undefined && user.disabledAt === null && (await ports.passwords.verify(input.password, user.passwordHash));
  if (!user || !valid) {
    await ports.store.transaction((tx) =>
      recordAudit(tx, now, anonymous(email), 'session.login-failed', `email:${email}`),
    );
    throw unauthenticated(REFUSAL);
  }
  const sessionToken = `vgs_${ports.random.token()}`;
  const csrfToken = ports.random.token();
  const expiresAt = now + SESSION_LIFETIME_MS;
  await ports.store.transaction(async (tx) => {
    await tx.sessions.insert({
      id: hashToken(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
    });
    await recordAudit(tx, now, actorOf(user), 'session.login', `user:${user.id}`);
  });
  return { user: toPublicUser(user), sessionToken, csrfToken, expiresAt };
}

export function actorOf(user: PublicUser): Actor {
  return { kind: 'user', id: user.id, label: user.email, role: user.role, clientId: user.clientId };
}

function anonymous(email: string): Actor {
  return { kind: 'user', id: 'anonymous', label: email, role: 'viewer', clientId: null };
}
