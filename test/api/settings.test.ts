import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';
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
});
