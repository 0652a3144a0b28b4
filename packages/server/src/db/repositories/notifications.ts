import type { Kysely, Selectable } from 'kysely';
import type {
  ChannelKind,
  NotificationEvent,
  NotificationRecord,
  NotificationRepository,
  NotificationStatus,
} from '@vigie/core';
import type { Database, NotificationsTable } from '../schema';

function toRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    key: row.key,
    incidentId: row.incident_id,
    event: row.event as NotificationEvent,
    channel: row.channel as ChannelKind,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    address: row.address,
    language: row.language === 'en' ? 'en' : 'fr',
    subject: row.subject,
    text: row.text,
    html: row.html,
    calendar: row.calendar,
    status: row.status as NotificationStatus,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    fallbackOf: row.fallback_of,
    ref: row.ref,
  };
}

export function notificationRepository(db: Kysely<Database>): NotificationRepository {
  return {
    async insert(n) {
      const result = await db
        .insertInto('notifications')
        .values({
          id: n.id,
          key: n.key,
          incident_id: n.incidentId,
          event: n.event,
          channel: n.channel,
          recipient_id: n.recipientId,
          recipient_name: n.recipientName,
          address: n.address,
          language: n.language,
          subject: n.subject,
          text: n.text,
          html: n.html,
          calendar: n.calendar,
          status: n.status,
          attempts: n.attempts,
          last_error: n.lastError,
          created_at: n.createdAt,
          sent_at: n.sentAt,
          fallback_of: n.fallbackOf,
          ref: n.ref,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async findById(id) {
      const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async setStatus(id, status, at, error, attempts) {
      await db
        .updateTable('notifications')
        .set({ status, last_error: error, attempts, ...(status === 'sent' && { sent_at: at }) })
        .where('id', '=', id)
        .execute();
    },
    async listForIncident(incidentId) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('created_at')
        .execute();
      return rows.map(toRecord);
    },
  };
}
