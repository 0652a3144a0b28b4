import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../packages/server/src/testing/test-app';

describe.each(DIALECTS)('sign-in and tokens on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { loginRateLimit: 5 });
  });
  afterAll(() => t.close());

  it('answers the health check without sign-in', async () => {
    const response = await t.request(null, 'GET', '/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('signs in with a session cookie that scripts cannot read', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'OPERATOR@example.org', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'vigie_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({ user: { email: 'operator@example.org', role: 'operator' } });
    expect(JSON.stringify(response.json())).not.toContain('passwordHash');
  });

  it('refuses a wrong password with the same message as an unknown email', async () => {
    const wrong = await t.request(null, 'POST', '/api/v1/auth/login', { email: 'admin@example.org', password: 'nope' });
    const unknown = await t.request(null, 'POST', '/api/v1/auth/login', {
      email: 'ghost@example.org',
      password: 'nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('signs out: the cookie stops working', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'viewer@example.org', password: TEST_PASSWORD },
    });
    const who = {
      cookie: `vigie_session=${login.cookies.find((c) => c.name === 'vigie_session')!.value}`,
      csrf: (login.json() as { csrfToken: string }).csrfToken,
    };
    expect((await t.request(who, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await t.request(who, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await t.request(who, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a change sent with the session cookie but without the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: t.as.admin.cookie },
      payload: { name: 'no csrf' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('x-csrf-token');
  });

  it('lets automation use an API token until it is revoked', async () => {
    const created = await t.request(t.as.operator, 'POST', '/api/v1/tokens', { name: 'supervision' });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json() as { token: string; record: { id: string } };
    expect(token).toMatch(/^vgt_/);

    const bearer = { authorization: `Bearer ${token}` };
    const threats = await t.app.inject({ method: 'GET', url: '/api/v1/threats', headers: bearer });
    expect(threats.statusCode).toBe(200);

    const listed = await t.request(t.as.admin, 'GET', '/api/v1/tokens');
    expect(JSON.stringify(listed.json())).not.toContain(token);

    expect((await t.request(t.as.operator, 'DELETE', `/api/v1/tokens/${record.id}`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/threats', headers: bearer });
    expect(after.statusCode).toBe(401);
  });

  it('slows down password guessing: the sixth attempt in a minute is refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.9',
        payload: { email: 'admin@example.org', password: `guess ${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it('sends security headers', async () => {
    const response = await t.request(null, 'GET', '/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('records sign-ins and token changes in a verifiable audit log', async () => {
    const verdict = await t.request(t.as.auditor, 'GET', '/api/v1/audit/verify');
    expect(verdict.json()).toMatchObject({ ok: true });
    const entries = await t.request(t.as.auditor, 'GET', '/api/v1/audit?limit=1000');
    const actions = (entries.json() as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['plan.activate', 'user.create', 'session.login', 'api-token.revoke']),
    );
  });
});
