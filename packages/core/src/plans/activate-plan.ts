import { createHash } from 'node:crypto';
import type { Plan } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, invalid } from '../errors';
import type { Clock, PlanVersionRecord, Randomness, Store } from '../ports';
import { formatPlanError, loadPlan, type CheckValidator } from '../plan/load-plan';
import { scheduleHandovers } from '../on-call/handover';

export interface ActivatePlanInput {
  fileName: string;
  text: string;
}

export interface ActivatedPlan {
  version: Omit<PlanVersionRecord, 'source'>;
  plan: Plan;
  /** False when this exact plan was already the active version. */
  changed: boolean;
}

export function hashPlanSource(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Validates a plan file and makes it the active version. A plan with errors never
 * replaces the active one: it is refused with every error at its line and column.
 */
export async function activatePlan(
  ports: { store: Store; clock: Clock; random: Randomness; validateCheck?: CheckValidator | undefined },
  actor: Actor,
  input: ActivatePlanInput,
): Promise<ActivatedPlan> {
  if (!hasRole(actor, CAN.administer)) throw forbidden('only an administrator can load a plan');
  const loaded = loadPlan(input.fileName, input.text, { validateCheck: ports.validateCheck });
  if (!loaded.ok) {
    throw invalid(`the plan has ${loaded.errors.length} error(s): ${loaded.errors.map(formatPlanError).join('; ')}`, {
      errors: loaded.errors,
    });
  }
  const contentHash = hashPlanSource(input.text);
  const now = ports.clock.now();
  return ports.store.transaction(async (tx) => {
    const active = await tx.plans.active();
    if (active?.contentHash === contentHash) {
      return { version: withoutSource(active), plan: loaded.plan, changed: false };
    }
    let version = await tx.plans.findByHash(contentHash);
    if (!version) {
      version = {
        id: ports.random.id(),
        number: await tx.plans.nextNumber(),
        fileName: input.fileName,
        contentHash,
        source: input.text,
        loadedBy: actor.label,
        loadedAt: now,
        activatedAt: null,
        active: false,
      };
      await tx.plans.insert(version);
    }
    await tx.plans.activate(version.id, now);
    await scheduleHandovers(tx, loaded.plan, now, now, () => ports.random.id());
    await recordAudit(tx, now, actor, 'plan.activate', `plan-version:${version.number}`, {
      fileName: input.fileName,
      contentHash,
      organisation: loaded.plan.organisation,
    });
    return { version: { ...withoutSource(version), active: true, activatedAt: now }, plan: loaded.plan, changed: true };
  });
}

function withoutSource(version: PlanVersionRecord): Omit<PlanVersionRecord, 'source'> {
  const { source: _source, ...rest } = version;
  return rest;
}
