import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';

/** Bad requests get a 4xx with a message a person can act on, never a 5xx. */
describe('bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  const send = (payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: t.as.admin.cookie, 'x-csrf-token': t.as.admin.csrf, 'content-type': contentType },
      payload,
    });

  it('answers malformed JSON with 400', async () => {
    const response = await send('{"email": "x@example.org",');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Invalid' });
    // What is wrong, and where: the document stops after its 27th character.
    expect(response.json().message).toMatch(/^the body is not valid JSON: .+ \(line 1, column 27\)$/);
  });

  it('answers an empty body with 400 saying so', async () => {
    const response = await send('');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Invalid', message: 'the body is empty: send a JSON document' });
  });

  it('refuses a key that could reach an object prototype with 400 naming it, not as malformed JSON', async () => {
    const response = await send('{"email": "x@example.org", "__proto__": {"role": "admin"}}');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('"__proto__" key');
  });

  it('answers a wrong type with 400 naming the field', async () => {
    const response = await send(JSON.stringify({ email: 'x@example.org', role: 'admin', password: 12345678901234 }));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('password');
  });

  it('answers an unknown field with 400 naming it', async () => {
    const response = await send(
      JSON.stringify({ email: 'x@example.org', role: 'viewer', password: 'long enough password', isRoot: true }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('isRoot');
  });

  it('answers an unknown role with 400', async () => {
    const response = await send(
      JSON.stringify({ email: 'x@example.org', role: 'god', password: 'long enough password' }),
    );
    expect(response.statusCode).toBe(400);
  });

  it('answers an oversized body with 413', async () => {
    const response = await send(JSON.stringify({ email: 'x@example.org', name: 'x'.repeat(3 * 1024 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'TooLarge' });
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await send('email=x', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
  });

  it('answers an unknown route with 404 in JSON', async () => {
    const response = await t.request(t.as.admin, 'GET', '/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'NotFound' });
  });

  it('answers a bad query parameter with 400', async () => {
    const response = await t.request(t.as.auditor, 'GET', '/api/v1/audit?limit=lots');
    expect(response.statusCode).toBe(400);
  });

  it('refuses an instant no date can be written of, naming the field', async () => {
    const opened = await t.request(t.as.admin, 'POST', '/api/v1/incidents', { threatId: 'espace-hmp' });
    const id = opened.json().incident.id as string;
    for (const [url, body, message] of [
      [
        '/api/v1/incidents',
        { threatId: 'espace-hmp', etaAt: 9e15 },
        'body.etaAt: expected epoch milliseconds before the year 10000',
      ],
      [
        '/api/v1/incidents',
        { threatId: 'espace-hmp', startedAt: -1 },
        'body.startedAt: expected epoch milliseconds from 1970 on',
      ],
      [
        `/api/v1/incidents/${id}/eta`,
        { etaAt: 8.64e15 + 1 },
        'body.etaAt: expected epoch milliseconds before the year 10000',
      ],
      [
        `/api/v1/incidents/${id}/action-items`,
        { title: 'x', dueAt: 9e15 },
        'body.dueAt: expected epoch milliseconds before the year 10000',
      ],
    ] as const) {
      const response = await t.request(t.as.admin, 'POST', url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toBe(message);
    }
    const query = await t.request(t.as.admin, 'GET', '/api/v1/checks/crm-web/results?from=1e17');
    expect(query.statusCode).toBe(400);
  });

  it('refuses a client user without a client, with a message', async () => {
    const response = await send(
      JSON.stringify({ email: 'c@example.org', role: 'client', password: 'long enough password' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('client');
  });

  it('loses nothing: a refused request changes no data', async () => {
    const before = (await t.request(t.as.admin, 'GET', '/api/v1/users')).json() as unknown[];
    await send('{"broken":');
    const after = (await t.request(t.as.admin, 'GET', '/api/v1/users')).json() as unknown[];
    expect(after).toEqual(before);
  });
});
