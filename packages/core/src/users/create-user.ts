import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor, type Role } from '../auth/roles';
import { conflict, forbidden, invalid } from '../errors';
import type { Clock, PasswordHasher, Randomness, Store, UserRecord } from '../ports';

export interface CreateUserInput {
  email: string;
  name?: string | undefined;
  role: Role;
  clientId?: string | null | undefined;
  language?: 'fr' | 'en' | undefined;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 12;

export type PublicUser = Omit<UserRecord, 'passwordHash'>;

export function toPublicUser(user: UserRecord): PublicUser {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

/** Creates an account; client users must name the one client they belong to. */
export async function createUser(
  ports: { store: Store; clock: Clock; random: Randomness; passwords: PasswordHasher },
  actor: Actor,
  input: CreateUserInput,
): Promise<PublicUser> {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator can create users');
  const email = input.email.trim().toLowerCase();
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const clientId = input.clientId ?? null;
  if (input.role === 'client' && !clientId) throw invalid('a client user must belong to a client (clientId)');
  if (input.role !== 'client' && clientId) throw invalid('only client users belong to a client');

  const user: UserRecord = {
    id: ports.random.id(),
    email,
    name: input.name?.trim() || email,
    role: input.role,
    clientId,
    language: input.language ?? 'fr',
    passwordHash: await ports.passwords.hash(input.password),
    createdAt: ports.clock.now(),
    disabledAt: null,
  };
  return ports.store.transaction(async (tx) => {
    if (await tx.users.findByEmail(email)) throw conflict(`a user with the email ${email} already exists`);
    await tx.users.insert(user);
    await recordAudit(tx, user.createdAt, actor, 'user.create', `user:${user.id}`, {
      email,
      role: user.role,
      clientId,
    });
    return toPublicUser(user);
  });
}
