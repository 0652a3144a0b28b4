import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAN,
  invalid,
  notFound,
  precondition,
  readSmtpSettings,
  saveSmtpSettings,
  type NotificationRecord,
} from '@vigie/core';
import { ErrorResponseSchema } from '@vigie/contract';
import { sendEmail } from '../../channels/email';
import { deliveryChannels } from '../../channels/channels';
import type { HttpDeps } from '../deps';
import { actorOf } from '../auth-guard';

/** A test message, sent at once and never stored: no incident, no retries. */
function testMessage(
  deps: Pick<HttpDeps, 'random' | 'clock'>,
  message: Pick<NotificationRecord, 'channel' | 'recipientId' | 'recipientName' | 'address' | 'language' | 'text'>,
): NotificationRecord {
  return {
    ...message,
    id: deps.random.id(),
    key: `channel-test:${deps.random.id()}`,
    incidentId: null,
    event: 'channel-test',
    subject: message.language === 'fr' ? 'Vigie : message de test' : 'Vigie: test message',
    html: '',
    calendar: null,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: deps.clock.now(),
    sentAt: null,
    fallbackOf: null,
    ref: null,
  };
}

const SmtpSettingsRequestSchema = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false),
  user: z.string().max(320).nullable().optional(),
  /** Left out: keep the stored password; null: remove it. */
  password: z.string().max(1024).nullable().optional(),
  from: z.email(),
  rejectUnauthorized: z.boolean().default(true),
});

const SmtpSettingsResponseSchema = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string(),
  rejectUnauthorized: z.boolean(),
});

export function settingsRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/settings/smtp',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['settings'],
          summary: 'The SMTP server Vigie sends through (the password is never shown)',
          response: { 200: SmtpSettingsResponseSchema.nullable() },
        },
      },
      async () => {
        const stored = await deps.store.transaction((tx) => readSmtpSettings(tx.settings));
        if (!stored) return null;
        const { sealedPassword, ...rest } = stored;
        return { ...rest, hasPassword: sealedPassword !== null };
      },
    );

    app.put(
      '/api/v1/settings/smtp',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['settings'],
          summary: 'Saves the SMTP server; the password is encrypted at rest',
          body: SmtpSettingsRequestSchema,
          response: { 200: SmtpSettingsResponseSchema, 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const stored = await saveSmtpSettings(
          { store: deps.store, clock: deps.clock, seal: (plain) => deps.secrets.seal(plain) },
          actorOf(request).actor,
          request.body,
        );
        const { sealedPassword, ...rest } = stored;
        return { ...rest, hasPassword: sealedPassword !== null };
      },
    );

    app.post(
      '/api/v1/settings/smtp/test',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['settings'],
          summary: 'Sends a test message to the signed-in administrator',
          response: { 200: z.object({ sentTo: z.string() }), 412: ErrorResponseSchema, 502: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const auth = actorOf(request);
        const settings = await deps.smtp();
        if (!settings) throw precondition('no SMTP server is configured');
        try {
          await sendEmail(
            settings,
            testMessage(deps, {
              channel: 'email',
              recipientId: auth.user.id,
              recipientName: auth.user.name,
              address: auth.user.email,
              language: auth.user.language,
              text:
                auth.user.language === 'fr'
                  ? 'Ce message confirme que Vigie peut envoyer des emails.'
                  : 'This message confirms that Vigie can send email.',
            }),
          );
        } catch (error) {
          return reply.code(502).send({ error: 'DeliveryFailed', message: (error as Error).message });
        }
        return { sentTo: auth.user.email };
      },
    );

    app.post(
      '/api/v1/settings/channels/:id/test',
      {
        config: { roles: CAN.administer },
        schema: {
          tags: ['settings'],
          summary: "Sends a test message on one of the plan's webhook or SMS channels",
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          body: z.strictObject({
            to: z.string().trim().min(3).max(40).optional().describe('the phone number, for an SMS channel'),
          }),
          response: {
            200: z.object({ sentTo: z.string() }),
            400: ErrorResponseSchema,
            404: ErrorResponseSchema,
            502: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const auth = actorOf(request);
        const active = await deps.catalog.active();
        const channel = active?.plan.communication.channels.find((c) => c.id === request.params.id);
        if (!channel) throw notFound(`no channel "${request.params.id}" in the active plan`);
        if (channel.type === 'email') throw invalid('the email channel is tested with POST /api/v1/settings/smtp/test');
        if (channel.type === 'sms' && !request.body.to)
          throw invalid('give the phone number to send the test SMS to (`to`)');
        const address = channel.type === 'webhook' ? channel.url : request.body.to!;
        const french = auth.user.language === 'fr';
        try {
          await deliveryChannels(deps.catalog, deps.smtp).send(
            testMessage(deps, {
              channel: channel.type,
              recipientId: channel.id,
              recipientName: channel.id,
              address,
              language: auth.user.language,
              text: french
                ? 'Ce message confirme que le canal de notification fonctionne.'
                : 'This message confirms that the notification channel works.',
            }),
          );
        } catch (error) {
          return reply.code(502).send({ error: 'DeliveryFailed', message: (error as Error).message });
        }
        return { sentTo: address };
      },
    );
  };
}
