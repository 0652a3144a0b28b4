import { isRecipientGroup, type Language, type Plan } from '@vigie/contract';

/** Someone a notification can reach, drawn from the plan's team or a client's contacts. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: Language;
  /** Shipped as an example: shown in drills, never actually contacted. */
  example: boolean;
  side: 'team' | 'client';
}

function people(plan: Plan): Map<string, Person> {
  const all = new Map<string, Person>();
  for (const member of plan.team) {
    all.set(member.id, {
      id: member.id,
      name: member.name,
      email: member.email ?? null,
      phone: member.phone ?? null,
      language: member.language ?? plan.language,
      example: member.example,
      side: 'team',
    });
  }
  for (const client of plan.clients) {
    for (const contact of client.contacts) {
      all.set(contact.id, {
        id: contact.id,
        name: contact.name,
        email: contact.email ?? null,
        phone: contact.phone ?? null,
        language: contact.language ?? plan.language,
        example: contact.example,
        side: 'client',
      });
    }
  }
  return all;
}

/**
 * Turns the plan's recipients (groups such as `client-it` or `crisis-cell`, person ids, or
 * on-call schedules: whoever is on call) into the people concerned by one incident, each
 * once, in a stable order.
 */
export function resolveRecipients(
  plan: Plan,
  incidentClients: readonly string[],
  recipients: readonly string[],
  /** Who is on call on each on-call schedule the recipients name (see `onCallPeopleAt`). */
  onDuty: ReadonlyMap<string, string> = new Map(),
): Person[] {
  const everyone = people(plan);
  const ids: string[] = [];
  const add = (id: string): void => {
    if (!ids.includes(id) && everyone.has(id)) ids.push(id);
  };
  const clients = plan.clients.filter((client) => incidentClients.includes(client.id));
  const crisisCell = plan.crisisCell?.members.map((member) => member.who) ?? [];

  for (const recipient of recipients) {
    if (!isRecipientGroup(recipient)) {
      add(onDuty.get(recipient) ?? recipient);
      continue;
    }
    switch (recipient) {
      case 'client-it':
        clients.forEach((client) => client.contacts.filter((c) => c.team === 'it').forEach((c) => add(c.id)));
        break;
      case 'client':
        clients.forEach((client) => client.contacts.forEach((c) => add(c.id)));
        break;
      case 'crisis-cell':
        crisisCell.forEach(add);
        break;
      case 'team':
        plan.team.forEach((member) => add(member.id));
        break;
      case 'all-parties':
        plan.team.forEach((member) => add(member.id));
        clients.forEach((client) => client.contacts.forEach((c) => add(c.id)));
        break;
    }
  }
  return ids.map((id) => everyone.get(id)!);
}

/** The members of the crisis cell with their roles, as the plan names them. */
export function crisisCellMembers(plan: Plan): { role: string; person: Person }[] {
  const everyone = people(plan);
  return (plan.crisisCell?.members ?? []).flatMap((member) => {
    const person = everyone.get(member.who);
    return person ? [{ role: member.role, person }] : [];
  });
}
