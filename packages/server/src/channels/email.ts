import { createHash } from 'node:crypto';
import { DeliveryError, type NotificationRecord } from '@vigie/core';

/** How Vigie reaches its SMTP server. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** Refuse self-signed certificates unless told otherwise. */
  rejectUnauthorized: boolean;
}

/** A stable Message-ID per message: a receiver can tell a re-sent copy from a new message. */
export function messageIdFor(notification: Pick<NotificationRecord, 'key'>, domain: string): string {
  return `<${createHash('sha256').update(notification.key).digest('hex').slice(0, 32)}@${domain}>`;
}

/** Sends one message by SMTP; a refusal of the address is permanent, anything else is retried. */
export async function sendEmail(settings: SmtpSettings, notification: NotificationRecord): Promise<void> {
  // Loaded with the first message: a server that sends none never holds it.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user && { auth: { user: settings.user, pass: settings.password ?? '' } }),
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: { name: notification.recipientName, address: notification.address },
      subject: notification.subject,
      text: notification.text,
      html: notification.html,
      messageId: messageIdFor(notification, settings.from.split('@')[1] ?? 'vigie'),
      headers: { 'X-Vigie-Key': notification.key, 'Auto-Submitted': 'auto-generated' },
      ...(notification.calendar && {
        icalEvent: { method: 'REQUEST', filename: 'invitation.ics', content: notification.calendar },
      }),
    });
  } catch (error) {
    const err = error as { responseCode?: number; message?: string; code?: string };
    const refusedForGood = typeof err.responseCode === 'number' && err.responseCode >= 550 && err.responseCode < 560;
    throw new DeliveryError(`SMTP ${settings.host}:${settings.port}: ${err.message ?? String(error)}`, refusedForGood);
  } finally {
    transport.close();
  }
}
