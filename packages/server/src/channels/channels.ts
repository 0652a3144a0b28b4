import { DeliveryError, type NotificationChannels, type NotificationRecord, type PlanSource } from '@vigie/core';
import { sendEmail, type SmtpSettings } from './email';
import { postJson, webhookBody } from './webhook';

/** Where the SMTP settings come from (server settings, read at each send so changes apply at once). */
export type SmtpSource = () => Promise<SmtpSettings | undefined>;

/** Delivers each message on its channel: SMTP email, webhook (JSON, Slack, Teams), SMS over an HTTP gateway. */
export function deliveryChannels(plans: PlanSource, smtp: SmtpSource): NotificationChannels {
  return {
    async send(notification: NotificationRecord) {
      const active = await plans.active();
      switch (notification.channel) {
        case 'email': {
          const settings = await smtp();
          if (!settings) throw new DeliveryError('no SMTP server is configured (VIGIE_SMTP_URL or the email settings)');
          const planFrom = active?.plan.communication.channels.find((c) => c.type === 'email');
          await sendEmail(
            { ...settings, from: planFrom?.type === 'email' ? planFrom.from : settings.from },
            notification,
          );
          return;
        }
        case 'webhook': {
          const hook = active?.plan.communication.channels.find(
            (c) => c.id === notification.recipientId && c.type === 'webhook',
          );
          const format = hook?.type === 'webhook' ? hook.format : 'json';
          await postJson(notification.address, webhookBody(notification, format), notification.key);
          return;
        }
        case 'sms': {
          const gateway = active?.plan.communication.channels.find((c) => c.type === 'sms');
          if (gateway?.type !== 'sms') throw new DeliveryError('the plan has no SMS gateway channel', true);
          await postJson(gateway.url, { to: notification.address, text: `${notification.subject}` }, notification.key);
          return;
        }
      }
    },
  };
}
