export const ROLES = ['admin', 'operator', 'crisis-manager', 'auditor', 'client', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a signed-in person, an API token, or Vigie itself. */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string;
  label: string;
  role: Role;
  /** Set for client users: the only client whose data they see. */
  clientId: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', label: 'Vigie', role: 'admin', clientId: null };

/** Roles grouped by what they may do; routes and verbs name one of these. */
export const CAN = {
  read: ROLES,
  readInternal: ['admin', 'operator', 'crisis-manager', 'auditor', 'viewer'],
  operate: ['admin', 'operator', 'crisis-manager'],
  manageCrisis: ['admin', 'crisis-manager'],
  audit: ['admin', 'auditor'],
  administer: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export function hasRole(actor: Actor, allowed: readonly Role[]): boolean {
  return allowed.includes(actor.role);
}
