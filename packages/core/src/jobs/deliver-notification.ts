import type { Channel as PlanChannel } from '@vigie/contract';
import type { EngineContext } from '../incidents/context';
import type { Job, NotificationRecord } from '../incidents/records';
import type { Repositories } from '../ports';

/** Sends one message on its channel; throws a DeliveryError when it could not. */
export interface NotificationChannels {
  send(notification: NotificationRecord): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** True when retrying cannot help (an address refused for good). */
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** After this long without delivery, the message also goes out on the fallback channel. */
export const FALLBACK_AFTER_MS = 5 * 60_000;
/** Past this age a message is given up on. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** Exponential backoff: 30 s, 1 min, 2 min… capped at 10 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

async function logDelivery(
  tx: Repositories,
  ctx: EngineContext,
  n: NotificationRecord,
  summary: string,
  data: Record<string, unknown>,
): Promise<void> {
  if (!n.incidentId) return;
  await tx.timeline.append({
    id: ctx.random.id(),
    incidentId: n.incidentId,
    at: ctx.clock.now(),
    kind: 'delivery',
    actor: 'Vigie',
    ref: n.ref,
    summary,
    data: { notificationId: n.id, channel: n.channel, to: n.address, ...data },
  });
}

/** The message for the fallback channel, or undefined when the recipient cannot be reached there. */
function fallbackFor(
  n: NotificationRecord,
  channel: PlanChannel,
  phone: string | null,
  now: number,
  id: string,
): NotificationRecord | undefined {
  if (channel.type === n.channel && channel.type !== 'webhook') return undefined;
  const address = channel.type === 'webhook' ? channel.url : channel.type === 'sms' ? phone : null;
  if (!address) return undefined;
  return {
    ...n,
    id,
    key: `${n.key}:fallback`,
    channel: channel.type,
    recipientId: channel.type === 'webhook' ? channel.id : n.recipientId,
    address,
    calendar: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: now,
    sentAt: null,
    fallbackOf: n.id,
  };
}

/**
 * Delivers a queued message. A failure is retried with backoff and noted in the
 * timeline; when the primary channel keeps failing, the plan's fallback channel is used
 * as well, and the primary keeps retrying until it delivers or the message expires.
 */
export async function deliverNotification(ctx: EngineContext, channels: NotificationChannels, job: Job): Promise<void> {
  const id = String(job.payload['notificationId']);
  const notification = await ctx.store.transaction((tx) => tx.notifications.findById(id));
  if (!notification || notification.status !== 'pending') {
    await ctx.store.transaction((tx) => tx.jobs.complete(job.id, ctx.clock.now()));
    return;
  }
  const attempts = notification.attempts + 1;
  try {
    await channels.send(notification);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof DeliveryError && error.permanent;
    const now = ctx.clock.now();
    const expired = now - notification.createdAt >= GIVE_UP_AFTER_MS;
    const active = await ctx.plans.active();
    await ctx.store.transaction(async (tx) => {
      if (permanent || expired) {
        await tx.notifications.setStatus(id, 'failed', now, message, attempts);
        await tx.jobs.fail(job.id, now, message);
        await logDelivery(
          tx,
          ctx,
          notification,
          `Delivery failed for good: ${notification.subject} → ${notification.recipientName} (${message})`,
          { status: 'failed', attempts, error: message },
        );
        return;
      }
      const retryAt = now + retryDelayMs(attempts);
      await tx.notifications.setStatus(id, 'pending', now, message, attempts);
      await tx.jobs.retry(job.id, retryAt, message);
      await logDelivery(
        tx,
        ctx,
        notification,
        `Delivery attempt ${attempts} failed: ${message}; retry at ${new Date(retryAt).toISOString()}`,
        {
          status: 'retrying',
          attempts,
          error: message,
          retryAt,
        },
      );
      const fallbackId = active?.plan.communication.fallback;
      const fallbackChannel = active?.plan.communication.channels.find((c) => c.id === fallbackId);
      if (notification.fallbackOf === null && fallbackChannel && now - notification.createdAt >= FALLBACK_AFTER_MS) {
        const person = [...(active?.plan.team ?? []), ...(active?.plan.clients.flatMap((c) => c.contacts) ?? [])].find(
          (p) => p.id === notification.recipientId,
        );
        const fallback = fallbackFor(notification, fallbackChannel, person?.phone ?? null, now, ctx.random.id());
        if (fallback && (await tx.notifications.insert(fallback))) {
          await tx.jobs.schedule({
            id: ctx.random.id(),
            key: `deliver:${fallback.id}`,
            kind: 'notification.deliver',
            incidentId: fallback.incidentId,
            runAt: now,
            payload: { notificationId: fallback.id },
            createdAt: now,
          });
          await logDelivery(
            tx,
            ctx,
            fallback,
            `Fallback: ${fallback.subject} → ${fallback.recipientName} by ${fallback.channel}`,
            { status: 'fallback', fallbackOf: notification.id },
          );
        }
      }
    });
    return;
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await tx.notifications.setStatus(id, 'sent', now, null, attempts);
    await tx.jobs.complete(job.id, now);
    await logDelivery(tx, ctx, notification, `Delivered: ${notification.subject} → ${notification.recipientName}`, {
      status: 'sent',
      attempts,
    });
  });
}
