import { DeliveryError, type NotificationRecord } from '@vigie/core';

export type WebhookFormat = 'json' | 'slack' | 'teams';

/** The body a webhook receives: plain JSON, or the shape Slack and Teams incoming webhooks expect. */
export function webhookBody(notification: NotificationRecord, format: WebhookFormat): unknown {
  switch (format) {
    case 'slack':
      return { text: `*${notification.subject}*\n${notification.text}` };
    case 'teams':
      return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: notification.subject,
        title: notification.subject,
        text: notification.text.replace(/\n/g, '<br>'),
      };
    case 'json':
      return {
        event: notification.event,
        incidentId: notification.incidentId,
        subject: notification.subject,
        text: notification.text,
        language: notification.language,
        key: notification.key,
        createdAt: notification.createdAt,
      };
  }
}

/** Posts JSON; 2xx is delivered, 4xx (but 408/429) will never be, the rest is retried. */
export async function postJson(url: string, body: unknown, idempotencyKey: string, timeoutMs = 10_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'user-agent': 'Vigie' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`${url}: ${cause ?? (error as Error).message}`);
  }
  await response.body?.cancel();
  if (response.ok) return;
  const permanent =
    response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
  throw new DeliveryError(`${url} answered ${response.status}`, permanent);
}
