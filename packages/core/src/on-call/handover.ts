import type { Language, OnCallSchedule, Plan } from '@vigie/contract';
import type { EngineContext } from '../incidents/context';
import type { Job } from '../incidents/records';
import { formattersFor, renderMessage } from '../notifications/render';
import { resolveRecipients } from '../notifications/recipients';
import { EXAMPLE_CONTACT_SKIPPED, storeNotification } from '../notifications/store-notification';
import type { Repositories } from '../ports';
import { shiftAt, type Replacement } from './rotation';

/** A hand-over told this late (the server was down) is not told any more: the next one is. */
export const HANDOVER_LATE_MS = 60 * 60_000;

/** The next instant after `after` where who is on call may change: a turn's start, a replacement's start or end. */
export function nextHandover(
  schedule: OnCallSchedule,
  replacements: readonly Replacement[],
  after: number,
  timeZone: string,
): number {
  const turnEnd = shiftAt(schedule, [], after, timeZone).to;
  const edges = replacements.flatMap((r) => [r.from, r.to]).filter((at) => at > after);
  return Math.min(turnEnd, ...edges);
}

/** Sets the timer of each schedule's next hand-over after `after` (one per instant: setting it twice is harmless). */
export async function scheduleHandovers(tx: Repositories, plan: Plan, after: number, now: number, id: () => string) {
  if (!plan.onCall.length) return;
  const replacements = await tx.onCallOverrides.overlapping(after, Number.MAX_SAFE_INTEGER);
  for (const schedule of plan.onCall) {
    const own = replacements.filter((r) => r.scheduleId === schedule.id);
    const at = nextHandover(schedule, own, after, plan.timezone);
    await tx.jobs.schedule({
      id: id(),
      key: `on-call.handover:${schedule.id}:${at}`,
      kind: 'on-call.handover',
      incidentId: null,
      runAt: at,
      payload: { scheduleId: schedule.id },
      createdAt: now,
    });
  }
}

/** The message that tells someone their turn on call begins. */
function shiftMessage(plan: Plan, schedule: OnCallSchedule, from: number, to: number, language: Language) {
  const format = formattersFor(language, plan.timezone);
  const parts =
    language === 'fr'
      ? {
          subject: `[${plan.organisation}] Vous êtes d’astreinte : ${schedule.title}`,
          intro: `Vous êtes d’astreinte (${schedule.title}) du ${format.dateTime(from)} au ${format.dateTime(to)}. Les incidents vous seront adressés pendant ce temps.`,
          sections: [],
        }
      : {
          subject: `[${plan.organisation}] You are on call: ${schedule.title}`,
          intro: `You are on call (${schedule.title}) from ${format.dateTime(from)} to ${format.dateTime(to)}. Incidents will be sent to you meanwhile.`,
          sections: [],
        };
  return renderMessage(parts, plan.organisation);
}

/**
 * A hand-over timer fired: if someone else takes the duty at that instant, they are told
 * by email (or SMS) until when; then the next hand-over's timer is set. Run in one transaction.
 */
export async function runHandover(ctx: EngineContext, job: Job): Promise<void> {
  const active = await ctx.plans.active();
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const plan = active?.plan;
    const schedule = plan?.onCall.find((s) => s.id === job.payload['scheduleId']);
    if (plan && schedule) {
      const at = job.runAt;
      const replacements = (await tx.onCallOverrides.overlapping(at - 1, Number.MAX_SAFE_INTEGER)).filter(
        (r) => r.scheduleId === schedule.id,
      );
      const incoming = shiftAt(schedule, replacements, at, plan.timezone);
      const outgoing = shiftAt(schedule, replacements, at - 1, plan.timezone);
      if (incoming.from === at && incoming.personId !== outgoing.personId && now - at < HANDOVER_LATE_MS) {
        await tellOnCall(tx, ctx, plan, schedule, incoming.personId, incoming.from, incoming.to, now);
      }
      // A timer run late (the server was down) sets the next one from now, not from its own time.
      await scheduleHandovers(tx, plan, Math.max(at, now), now, () => ctx.random.id());
    }
    await tx.jobs.complete(job.id, now);
  });
}

async function tellOnCall(
  tx: Repositories,
  ctx: EngineContext,
  plan: Plan,
  schedule: OnCallSchedule,
  personId: string,
  from: number,
  to: number,
  now: number,
): Promise<void> {
  const [person] = resolveRecipients(plan, [], [personId]);
  if (!person) return;
  const channel = person.email ? 'email' : person.phone ? 'sms' : null;
  if (!channel) return;
  await storeNotification(
    tx,
    ctx.random,
    {
      key: `on-call-shift:${schedule.id}:${from}:${person.id}:${channel}`,
      event: 'on-call-shift',
      channel,
      recipientId: person.id,
      recipientName: person.name,
      address: channel === 'email' ? person.email! : person.phone!,
      language: person.language,
      ...shiftMessage(plan, schedule, from, to, person.language),
      calendar: null,
      ref: null,
      skippedReason: person.example ? EXAMPLE_CONTACT_SKIPPED : null,
    },
    null,
    now,
  );
}
