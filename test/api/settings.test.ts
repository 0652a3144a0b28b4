import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';
import { SmtpSink } from '../support/smtp-sink';

describe.each(DIALECTS)('email settings on %s', (dialect) => {
  let t: TestApp;
  const smtp = new SmtpSink();
  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('stores the SMTP password sealed, never shows it, and keeps it when left out', async () => {
    const saved = await t.request(t.as.admin, 'PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      user: 'vigie',
      password: 'mot-de-passe-smtp-secret',
      from: 'vigie@mediacontact.example',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(saved.body).not.toContain('mot-de-passe');

    const raw = await t.store.transaction((tx) => tx.settings.get('smtp'));
    expect(raw).toBeDefined();
    expect(raw).not.toContain('mot-de-passe-smtp-secret');

    const kept = await t.request(t.as.admin, 'PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: smtp.port,
      from: 'vigie@mediacontact.example',
    });
    expect(kept.json()).toMatchObject({ hasPassword: true, user: null });
    expect((await t.request(t.as.operator, 'GET', '/api/v1/settings/smtp')).statusCode).toBe(403);
    expect(
      (await t.request(t.as.admin, 'PUT', '/api/v1/settings/smtp', { host: 'x', port: 99999, from: 'nope' }))
        .statusCode,
    ).toBe(400);
  });

  it('sends a test message on a webhook channel of the plan, and explains what it cannot do', async () => {
    const { HttpSink } = await import('../support/http-sink');
    const sink = new HttpSink();
    await sink.start();
    try {
      const planText = SEED_PLAN_TEXT.replace(
        '    - id: email\n      type: email\n      from: vigie@mediacontact.example\n',
        `    - id: email\n      type: email\n      from: vigie@mediacontact.example\n    - id: equipe-slack\n      type: webhook\n      url: ${sink.url('/hook')}\n      format: slack\n    - id: sms\n      type: sms\n      url: ${sink.url('/sms')}\n`,
      );
      const loaded = await t.request(t.as.admin, 'POST', '/api/v1/plan', { fileName: 'pca.yaml', source: planText });
      expect(loaded.statusCode, loaded.body).toBe(200);
      const sent = await t.request(t.as.admin, 'POST', '/api/v1/settings/channels/equipe-slack/test', {});
      expect(sent.json()).toEqual({ sentTo: sink.url('/hook') });
      expect(sink.bodies[0]).toMatchObject({
        path: '/hook',
        body: { text: expect.stringContaining('message de test') },
      });
      expect((await t.request(t.as.admin, 'POST', '/api/v1/settings/channels/sms/test', {})).statusCode).toBe(400);
      expect(
        (await t.request(t.as.admin, 'POST', '/api/v1/settings/channels/sms/test', { to: '+237600000001' })).statusCode,
      ).toBe(200);
      expect(sink.bodies[1]).toMatchObject({ path: '/sms', body: { to: '+237600000001' } });
      expect((await t.request(t.as.admin, 'POST', '/api/v1/settings/channels/nowhere/test', {})).statusCode).toBe(404);
      expect((await t.request(t.as.operator, 'POST', '/api/v1/settings/channels/sms/test', {})).statusCode).toBe(403);
    } finally {
      await sink.stop();
    }
  });
});
