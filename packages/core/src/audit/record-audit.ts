import type { Actor } from '../auth/roles';
import type { Repositories } from '../ports';
import { sealAuditEntry } from './audit-chain';

/** Appends an entry to the hash-chained audit log, inside the caller's transaction. */
export async function recordAudit(
  tx: Repositories,
  at: number,
  actor: Actor,
  action: string,
  subject: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const head = await tx.audit.lockHead();
  const label = actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id} (${actor.label})`;
  await tx.audit.append(sealAuditEntry({ at, actor: label, action, subject, details: JSON.stringify(details) }, head));
}
