import type { TFunction } from 'i18next';
import { isRecipientGroup } from '@vigie/contract';
import type { ServedPlan } from '../../api/served-plan';

/**
 * A recipient as a person reads it: a group's name, the name of the person the plan names,
 * or the title of an on-call schedule (whoever is on call then).
 */
export function recipientLabel(id: string, plan: ServedPlan, t: TFunction): string {
  if (isRecipientGroup(id)) return t(`plan.escalation.groups.${id}`);
  const people = [...plan.team, ...plan.clients.flatMap((client) => client.contacts)];
  return (
    people.find((person) => person.id === id)?.name ?? plan.onCall.find((schedule) => schedule.id === id)?.title ?? id
  );
}

/** Several recipients, comma-separated. */
export function recipientList(ids: readonly string[], plan: ServedPlan, t: TFunction): string {
  return ids.map((id) => recipientLabel(id, plan, t)).join(', ');
}
