import type { OnCallOverride, OnCallScheduleView, OnCallShift, Plan } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { forbidden, invalid, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import { activePlanOrFail } from '../incidents/with-incident';
import { scheduleHandovers } from './handover';
import { shiftAt, shiftsBetween, type Replacement, type Shift } from './rotation';

/** A replacement on an on-call schedule, as stored. */
export interface OnCallOverrideRecord extends Replacement {
  scheduleId: string;
  createdBy: string;
}

export interface OnCallOverrideRepository {
  insert(override: OnCallOverrideRecord): Promise<void>;
  findById(id: string): Promise<OnCallOverrideRecord | undefined>;
  delete(id: string): Promise<boolean>;
  /** Those of the schedules that end after `after` and begin before `before`, soonest first. */
  overlapping(after: number, before: number): Promise<OnCallOverrideRecord[]>;
}

/** How far ahead the schedules are shown when no period is asked for. */
export const ON_CALL_HORIZON_MS = 28 * 86_400_000;
/** The longest period the shifts are listed for at once. */
export const ON_CALL_MAX_PERIOD_MS = 366 * 86_400_000;

function personName(plan: Plan, id: string): string {
  return plan.team.find((member) => member.id === id)?.name ?? id;
}

function scheduleOf(plan: Plan, id: string) {
  const schedule = plan.onCall.find((s) => s.id === id);
  if (!schedule)
    throw notFound(
      `no on-call schedule "${id}" in the plan in force${plan.onCall.length ? ` (known: ${plan.onCall.map((s) => s.id).join(', ')})` : ''}`,
    );
  return schedule;
}

function shiftView(plan: Plan, shift: Shift): OnCallShift {
  return {
    personId: shift.personId,
    personName: personName(plan, shift.personId),
    from: shift.from,
    to: shift.to,
    overrideId: shift.override?.id ?? null,
    reason: shift.override?.reason ?? null,
  };
}

function overrideView(plan: Plan, record: OnCallOverrideRecord): OnCallOverride {
  return {
    id: record.id,
    scheduleId: record.scheduleId,
    personId: record.personId,
    personName: personName(plan, record.personId),
    from: record.from,
    to: record.to,
    reason: record.reason,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

/**
 * The plan's on-call schedules: who is on call now, the shifts over `[from, to)` (four weeks
 * from now by default) with their replacements, and the replacements not yet over.
 */
export async function listOnCall(
  ctx: EngineContext,
  actor: Actor,
  period: { from?: number | undefined; to?: number | undefined } = {},
): Promise<OnCallScheduleView[]> {
  if (!hasRole(actor, CAN.readInternal)) throw forbidden('your role cannot see the on-call schedules');
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  const from = period.from ?? now;
  const to = period.to ?? from + ON_CALL_HORIZON_MS;
  if (to <= from) throw invalid('`to` must come after `from`');
  if (to - from > ON_CALL_MAX_PERIOD_MS) throw invalid('ask for a year of shifts at most');
  const stored = await ctx.store.transaction((tx) =>
    // Those of the period, and those that shape the shift under way now.
    tx.onCallOverrides.overlapping(Math.min(from, now), Math.max(to, now + ON_CALL_HORIZON_MS)),
  );
  return plan.onCall.map((schedule) => {
    const replacements = stored.filter((r) => r.scheduleId === schedule.id);
    return {
      id: schedule.id,
      title: schedule.title,
      every: schedule.every,
      people: schedule.people.map((id) => ({
        id,
        name: personName(plan, id),
        example: plan.team.find((member) => member.id === id)?.example ?? false,
      })),
      now: shiftView(plan, shiftAt(schedule, replacements, now, plan.timezone)),
      shifts: shiftsBetween(schedule, replacements, from, to, plan.timezone).map((s) => shiftView(plan, s)),
      overrides: replacements.filter((r) => r.to > now).map((r) => overrideView(plan, r)),
    };
  });
}

/** What a replacement is asked for with. */
export interface OnCallOverrideInput {
  scheduleId: string;
  personId: string;
  from: number;
  to: number;
  reason?: string | undefined;
}

/** Someone else holds a schedule's duty for a while (a swap, a leave covered); audited. */
export async function createOnCallOverride(
  ctx: EngineContext,
  actor: Actor,
  input: OnCallOverrideInput,
): Promise<OnCallOverride> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change the on-call schedules');
  const { plan } = await activePlanOrFail(ctx);
  scheduleOf(plan, input.scheduleId);
  if (!plan.team.some((member) => member.id === input.personId))
    throw invalid(`unknown team member "${input.personId}" (known: ${plan.team.map((m) => m.id).join(', ')})`);
  const now = ctx.clock.now();
  if (input.to <= input.from) throw invalid('the replacement must end after it begins');
  if (input.to <= now) throw invalid('the replacement must end in the future');
  const record: OnCallOverrideRecord = {
    id: ctx.random.id(),
    scheduleId: input.scheduleId,
    personId: input.personId,
    from: input.from,
    to: input.to,
    reason: input.reason?.trim() || null,
    createdBy: actor.label,
    createdAt: now,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.onCallOverrides.insert(record);
    // From now on (a replacement that begins now is told at once), the hand-overs it makes.
    await scheduleHandovers(tx, plan, now - 1, now, () => ctx.random.id());
    await recordAudit(tx, now, actor, 'on-call.override', `on-call:${record.scheduleId}`, {
      override: record.id,
      person: record.personId,
      from: record.from,
      to: record.to,
      reason: record.reason,
    });
  });
  return overrideView(plan, record);
}

/** Takes a replacement back: the rotation's own turn holds again; audited. */
export async function deleteOnCallOverride(ctx: EngineContext, actor: Actor, id: string): Promise<void> {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot change the on-call schedules');
  const { plan } = await activePlanOrFail(ctx);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const record = await tx.onCallOverrides.findById(id);
    if (!record || !(await tx.onCallOverrides.delete(id))) throw notFound(`no on-call replacement ${id}`);
    await scheduleHandovers(tx, plan, now, now, () => ctx.random.id());
    await recordAudit(tx, now, actor, 'on-call.override-delete', `on-call:${record.scheduleId}`, {
      override: id,
      person: record.personId,
      from: record.from,
      to: record.to,
    });
  });
}

/**
 * Who is on call at `at` on each schedule the recipients name, from the plan and the stored
 * replacements: what a message to a schedule reaches. Empty when no recipient is a schedule.
 */
export async function onCallPeopleAt(
  tx: { onCallOverrides: OnCallOverrideRepository },
  plan: Plan,
  recipients: readonly string[],
  at: number,
): Promise<Map<string, string>> {
  const named = plan.onCall.filter((schedule) => recipients.includes(schedule.id));
  const onDuty = new Map<string, string>();
  if (!named.length) return onDuty;
  const stored = await tx.onCallOverrides.overlapping(at, at + 1);
  for (const schedule of named) {
    const replacements = stored.filter((r) => r.scheduleId === schedule.id);
    onDuty.set(schedule.id, shiftAt(schedule, replacements, at, plan.timezone).personId);
  }
  return onDuty;
}
