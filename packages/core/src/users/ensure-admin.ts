import { SYSTEM_ACTOR } from '../auth/roles';
import type { Clock, PasswordHasher, Randomness, Store } from '../ports';
import { createUser, type PublicUser } from './create-user';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

export interface EnsureAdminResult {
  created: PublicUser | undefined;
  /** Set only when Vigie chose the password: it must be shown once, then forgotten. */
  generatedPassword: string | undefined;
}

/** On first start, creates the administrator from the given credentials or a random password. */
export async function ensureAdmin(
  ports: { store: Store; clock: Clock; random: Randomness; passwords: PasswordHasher },
  credentials: { email?: string | undefined; password?: string | undefined },
): Promise<EnsureAdminResult> {
  const users = await ports.store.transaction((tx) => tx.users.count());
  if (users > 0) return { created: undefined, generatedPassword: undefined };
  const generatedPassword = credentials.password ? undefined : ports.random.token().slice(0, 20);
  const created = await createUser(ports, SYSTEM_ACTOR, {
    email: credentials.email ?? DEFAULT_ADMIN_EMAIL,
    name: 'Administrateur',
    role: 'admin',
    password: credentials.password ?? generatedPassword ?? '',
  });
  return { created, generatedPassword };
}
