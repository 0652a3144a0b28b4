import type { NotificationRecord } from '../incidents/records';
import type { Randomness, Repositories } from '../ports';

/** Why a message to a person the plan marks as an example is written but not sent. */
export const EXAMPLE_CONTACT_SKIPPED = 'example contact: edit the plan to reach a real person';

/** A message decided, before it is stored: who, on which channel, what it says. */
export type NewNotification = Omit<
  NotificationRecord,
  'id' | 'incidentId' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'fallbackOf'
> & {
  /** Why it is not sent (an example person), or null. */
  skippedReason: string | null;
};

/**
 * Stores a message and, unless it is skipped, the job that delivers it, in the caller's
 * transaction. Null when a message with its key was already stored (nothing is sent twice).
 */
export async function storeNotification(
  tx: Repositories,
  random: Randomness,
  message: NewNotification,
  incidentId: string | null,
  now: number,
): Promise<NotificationRecord | null> {
  const { skippedReason, ...fields } = message;
  const record: NotificationRecord = {
    ...fields,
    id: random.id(),
    incidentId,
    status: skippedReason ? 'skipped' : 'pending',
    attempts: 0,
    lastError: skippedReason,
    createdAt: now,
    sentAt: null,
    fallbackOf: null,
  };
  if (!(await tx.notifications.insert(record))) return null;
  if (record.status === 'pending') {
    await tx.jobs.schedule({
      id: random.id(),
      key: `deliver:${record.id}`,
      kind: 'notification.deliver',
      incidentId,
      runAt: now,
      payload: { notificationId: record.id },
      createdAt: now,
    });
  }
  return record;
}
