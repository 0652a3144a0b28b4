import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@vigie/core';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';

/** Walks every route with every role: each is admitted exactly where its route says. */
describe('access matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('declares roles on every route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    for (const route of t.app.routeTable) {
      expect(route.roles === 'public' || route.roles.length > 0, `${route.method} ${route.url}`).toBe(true);
    }
  });

  it('admits each role exactly where the route says, and nobody anonymous on a guarded route', async () => {
    const mismatches: string[] = [];
    for (const route of t.app.routeTable) {
      if (route.roles === 'public' || route.url === '/api/v1/auth/logout') continue;
      const url = route.url.replace(/:(\w+)/g, 'does-not-exist');
      const method = route.method as 'GET' | 'POST' | 'DELETE';
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};

      const anonymous = await t.request(null, method, url, body);
      if (anonymous.statusCode !== 401) mismatches.push(`anonymous ${method} ${route.url} → ${anonymous.statusCode}`);

      // Agent routes admit an agent's token only: every person is refused, whatever the role.
      if (route.roles === 'agent') {
        for (const role of ROLES) {
          const response = await t.request(t.as[role], method, url, body);
          if (response.statusCode !== 401 && response.statusCode !== 403) {
            mismatches.push(`${role} ${method} ${route.url} → ${response.statusCode} (an agent route)`);
          }
        }
        continue;
      }

      for (const role of ROLES) {
        const admitted = route.roles.includes(role);
        // A live stream never ends: an admitted role is checked by the stream's own test.
        if (admitted && route.url.endsWith('/stream')) continue;
        const response = await t.request(t.as[role], method, url, body);
        const refused = response.statusCode === 403;
        if (admitted === refused) {
          mismatches.push(`${role} ${method} ${route.url} → ${response.statusCode} (admitted: ${admitted})`);
        }
        if (response.statusCode >= 500) mismatches.push(`${role} ${method} ${route.url} → ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
