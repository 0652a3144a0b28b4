import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '@vigie/core';
import { webhookBody } from './webhook';

const message = {
  event: 'client-alert',
  incidentId: 'i1',
  subject: '[INC-1] Interruption',
  text: 'Ligne 1\nLigne 2',
  language: 'fr',
  key: 'k',
  createdAt: 1,
} as NotificationRecord;

describe('webhookBody', () => {
  it('speaks Slack’s incoming webhook format', () => {
    expect(webhookBody(message, 'slack')).toEqual({ text: '*[INC-1] Interruption*\nLigne 1\nLigne 2' });
  });
  it('speaks Teams’ message card format', () => {
    expect(webhookBody(message, 'teams')).toMatchObject({
      '@type': 'MessageCard',
      title: '[INC-1] Interruption',
      text: 'Ligne 1<br>Ligne 2',
    });
  });
  it('sends plain JSON with the idempotency key', () => {
    expect(webhookBody(message, 'json')).toMatchObject({ event: 'client-alert', incidentId: 'i1', key: 'k' });
  });
});
