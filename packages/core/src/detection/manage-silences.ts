import type { LabelMatcher, Silence, SilenceState } from '@vigie/contract';
import { recordAudit } from '../audit/record-audit';
import { CAN, hasRole, type Actor } from '../auth/roles';
import { conflict, forbidden, invalid, notFound } from '../errors';
import type { EngineContext } from '../incidents/context';
import { checkMatchers, EXPIRED_SILENCES_KEPT_MS, orderSilences, silenceState, type SilenceRecord } from './silences';

/** What a silence is asked for with. */
export interface SilenceInput {
  matchers: LabelMatcher[];
  /** Now when absent or past. */
  startsAt?: number | undefined;
  endsAt: number;
  comment: string;
}

function checkInput(input: SilenceInput, now: number): { startsAt: number; endsAt: number } {
  checkMatchers(input.matchers);
  const startsAt = Math.max(input.startsAt ?? now, now);
  if (input.endsAt <= now) throw invalid('the silence must end in the future');
  if (input.endsAt <= startsAt) throw invalid('the silence must end after it starts');
  if (!input.comment.trim()) throw invalid('say why the alerts are silenced');
  return { startsAt, endsAt: input.endsAt };
}

function matchersOf(input: SilenceInput): LabelMatcher[] {
  return input.matchers.map(({ name, value, isRegex, isEqual }) => ({ name, value, isRegex, isEqual }));
}

function checkRole(actor: Actor): void {
  if (!hasRole(actor, CAN.operate)) throw forbidden('your role cannot silence alerts');
}

/** Mutes inbound alerts whose labels match, from its start to its end; they raise no signal meanwhile. */
export async function createSilence(ctx: EngineContext, actor: Actor, input: SilenceInput): Promise<Silence> {
  checkRole(actor);
  const now = ctx.clock.now();
  const times = checkInput(input, now);
  const silence: SilenceRecord = {
    id: ctx.random.id(),
    matchers: matchersOf(input),
    ...times,
    comment: input.comment.trim(),
    createdBy: actor.label,
    createdAt: now,
    updatedAt: now,
    mutedCount: 0,
    lastMutedAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.silences.insert(silence);
    await recordAudit(tx, now, actor, 'silence.create', `silence:${silence.id}`, {
      matchers: silence.matchers,
      startsAt: silence.startsAt,
      endsAt: silence.endsAt,
      comment: silence.comment,
    });
  });
  return { ...silence, state: silenceState(silence, now) };
}

/**
 * Changes a silence not yet expired (its matchers, times, comment), keeping its id and counts;
 * an expired one is not revived: a new silence is made, as Alertmanager does.
 */
export async function updateSilence(
  ctx: EngineContext,
  actor: Actor,
  id: string,
  input: SilenceInput,
): Promise<Silence> {
  checkRole(actor);
  const now = ctx.clock.now();
  const existing = await ctx.store.transaction((tx) => tx.silences.findById(id));
  if (!existing) throw notFound(`no silence ${id}`);
  if (silenceState(existing, now) === 'expired') return createSilence(ctx, actor, input);
  const times = checkInput(input, now);
  // An active silence keeps the start it had: it has been muting since.
  const startsAt = silenceState(existing, now) === 'active' ? existing.startsAt : times.startsAt;
  const updated: SilenceRecord = {
    ...existing,
    matchers: matchersOf(input),
    startsAt,
    endsAt: times.endsAt,
    comment: input.comment.trim(),
    updatedAt: now,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.silences.update(updated);
    await recordAudit(tx, now, actor, 'silence.update', `silence:${id}`, {
      matchers: updated.matchers,
      startsAt: updated.startsAt,
      endsAt: updated.endsAt,
      comment: updated.comment,
    });
  });
  return { ...updated, state: silenceState(updated, now) };
}

/** Ends a silence now (a pending one never starts); alerts that fire afterwards are heard again. */
export async function expireSilence(ctx: EngineContext, actor: Actor, id: string): Promise<void> {
  checkRole(actor);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const silence = await tx.silences.findById(id);
    if (!silence) throw notFound(`no silence ${id}`);
    const state = silenceState(silence, now);
    if (state === 'expired') throw conflict(`silence ${id} has already expired`);
    const expired = { ...silence, startsAt: Math.min(silence.startsAt, now), endsAt: now, updatedAt: now };
    await tx.silences.update(expired);
    await recordAudit(tx, now, actor, 'silence.expire', `silence:${id}`, { was: state });
  });
}

/** The silences not expired, and those expired within the last week; in the order people read them. */
export async function listSilences(ctx: EngineContext, state?: SilenceState): Promise<Silence[]> {
  const now = ctx.clock.now();
  const stored = await ctx.store.transaction((tx) => tx.silences.endingAfter(now - EXPIRED_SILENCES_KEPT_MS));
  const ordered = orderSilences(stored, now);
  return state ? ordered.filter((s) => s.state === state) : ordered;
}

/** One silence, whatever its state. */
export async function findSilence(ctx: EngineContext, id: string): Promise<Silence> {
  const silence = await ctx.store.transaction((tx) => tx.silences.findById(id));
  if (!silence) throw notFound(`no silence ${id}`);
  return { ...silence, state: silenceState(silence, ctx.clock.now()) };
}
