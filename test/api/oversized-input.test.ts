import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app';

/** What an OpenAPI document says of a value, as far as this test reads it. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  default?: unknown;
}

/** Texts as long as the schema lets them be, or far longer where it sets no bound. */
const UNBOUNDED = 5_000;

/**
 * A request body the schema accepts as far as can be told without its meaning: every text
 * at its longest, every list with one item, every field given. What reaches the database
 * is then as long as the API lets it be.
 */
function longest(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'x'.repeat(UNBOUNDED);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return longest(variants.find((v) => v.type !== 'null') ?? variants[0]);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((part) => longest(part)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      const length = schema.maxLength ?? UNBOUNDED;
      if (schema.format === 'email') return `${'a'.repeat(Math.max(1, Math.min(length, 254) - 12))}@example.org`;
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'date-time') return new Date(0).toISOString();
      if (schema.format === 'uri' || schema.format === 'url') return `https://example.org/${'a'.repeat(length - 20)}`;
      return 'x'.repeat(length);
    }
    case 'integer':
    case 'number':
      return schema.maximum ?? schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [longest(schema.items)];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, part]) => [name, longest(part)]));
    default:
      return 'x'.repeat(UNBOUNDED);
  }
}

type Body = Record<string, unknown>;

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
}

/** The smallest value a query parameter takes: its least number, its first choice, a short text. */
function least(schema: JsonSchema | undefined): unknown {
  if (schema?.enum?.length) return schema.enum[0];
  if (schema?.type === 'integer' || schema?.type === 'number') return schema.minimum ?? 0;
  return 'x'.repeat(Math.max(1, schema?.minLength ?? 1));
}

/** Where a route needs the plan's or the database's own ids to go past its first check. */
function overrides(now: number): Record<string, Record<string, unknown> | ((body: Body) => Body)> {
  const long = 'x'.repeat(UNBOUNDED);
  return {
    'POST /api/v1/users': { role: 'viewer', clientId: null },
    'POST /api/v1/tokens': { userId: undefined },
    'POST /api/v1/incidents': { threatId: 'espace-hmp', assets: ['serveur-hmp'], clients: ['ocm'], startedAt: now },
    'POST /api/v1/incidents/{id}/eta': { etaAt: undefined, etaIn: '20m' },
    // Matched by nothing: counted among the unmatched alerts.
    'POST /api/v1/alerts': { labels: { alertname: long, threat: long } },
    'POST /api/v1/alerts/alertmanager': (body) => ({
      ...body,
      alerts: (body['alerts'] as Body[]).map((alert) => ({
        ...alert,
        status: 'firing',
        // Matched, so that its fingerprint is stored with its signal.
        labels: { alertname: long, threat: 'espace-hmp', instance: long },
        annotations: { summary: long },
      })),
    }),
    'POST /api/v1/maintenance': { targetId: 'serveur-hmp', from: now, to: now + 3_600_000 },
    'POST /api/v1/plan/drill': { threatId: 'liaison-media-gateway', lasts: '90m', eta: '2h' },
    'POST /api/v1/agents': { id: 'hmp-principal', assets: ['serveur-hmp'] },
    'POST /api/v1/agent-tasks': { assetId: 'serveur-hmp', action: 'archive-audio' },
    // The agent enrolled below, reporting on its own asset.
    'POST /api/agent/v1/reports': (body) => ({
      ...body,
      reports: (body['reports'] as Body[]).map((report) => ({
        ...report,
        agentId: 'sql-principal',
        assets: ['serveur-sql'],
      })),
    }),
  };
}

/** Query parameters whose form the walk cannot guess (a pattern, an id the plan must know). */
const QUERY_OVERRIDES: Record<string, Record<string, string>> = {
  '/api/v1/incidents': { status: 'open,resolved' },
  '/api/v1/availability': { scope: 'check', id: 'crm-web' },
};

describe.each(DIALECTS)('every write route, given texts as long as it lets them be, on %s', (dialect) => {
  let t: TestApp;
  /** Path parameters by name: the resources made below, the seed plan's ids. */
  const params: Record<string, string> = {};
  /** The agent routes are called as an agent does, with its token. */
  let agentToken = '';
  beforeAll(async () => {
    t = await createTestApp(dialect);
    // A threat whose resolution takes over an hour: its crisis cell is there at once.
    const opened = await t.request(t.as.admin, 'POST', '/api/v1/incidents', { threatId: 'liaison-media-gateway' });
    params['id'] = opened.json().incident.id;
    const item = await t.request(t.as.admin, 'POST', `/api/v1/incidents/${params['id']}/action-items`, {
      title: 'Relancer la liaison',
    });
    params['itemId'] = item.json().id;
    const run = await t.request(t.as.admin, 'POST', `/api/v1/incidents/${params['id']}/runbooks`, {});
    params['runId'] = run.json().id;
    params['index'] = '0';
    params['dutyId'] = 'call-conference';
    params['clientId'] = 'ocm';
    params['token'] = 'x'.repeat(64);
    const enrolled = await t.request(t.as.admin, 'POST', '/api/v1/agents', {
      id: 'sql-principal',
      name: 'Serveur SQL',
      assets: ['serveur-sql'],
    });
    agentToken = enrolled.json().token;
  });
  afterAll(() => t.close());

  /** A route's path parameter: an incident's route gets the open incident, others what they name. */
  function urlOf(path: string): string {
    return path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
      if (name === 'id' && !path.startsWith('/api/v1/incidents/')) {
        if (path.startsWith('/api/v1/checks/')) return 'sauvegarde-fraicheur';
        if (path.startsWith('/api/v1/settings/channels/')) return 'email';
        // Not the agent enrolled above: the agent tasks that come later need it.
        if (path.startsWith('/api/v1/agents/')) return 'autre-agent';
        return '00000000-0000-0000-0000-000000000000';
      }
      return params[name] ?? 'x';
    });
  }

  it('answers every reading route given its query parameters at their bounds with 2xx or 4xx, never 5xx', async () => {
    const spec = (await t.request(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const asked: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      const query = (operations['get']?.parameters ?? []).filter((p) => p.in === 'query');
      // A stream and a long poll answer only when something happens: not for this walk.
      if (!query.length || path.endsWith('/stream') || path.startsWith('/api/agent/')) continue;
      for (const extreme of [longest, least]) {
        const values = new URLSearchParams(query.map((p): [string, string] => [p.name, String(extreme(p.schema))]));
        for (const [name, value] of Object.entries(QUERY_OVERRIDES[path] ?? {})) values.set(name, value);
        const url = `${urlOf(path)}?${values.toString()}`;
        const response = await t.request(t.as.admin, 'GET', url);
        asked.push(`${path} ${response.statusCode}`);
        expect(response.statusCode, `GET ${url.slice(0, 200)}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }
    }
    expect(asked.length, asked.join('\n')).toBeGreaterThanOrEqual(12);
  });

  it('answers 2xx or 4xx, never 5xx', async () => {
    const spec = (await t.request(null, 'GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const patches = overrides(t.clock.now());
    const answers: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (path === '/api/v1/auth/logout') continue;
        const route = `${method.toUpperCase()} ${path}`;
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const patch = patches[route];
        const generated = schema ? (longest(schema) as Body) : undefined;
        const body = generated && (typeof patch === 'function' ? patch(generated) : { ...generated, ...patch });
        const response = path.startsWith('/api/agent/')
          ? await t.app.inject({
              method: method.toUpperCase() as 'POST',
              url: urlOf(path),
              headers: { authorization: `Bearer ${agentToken}` },
              ...(body !== undefined && { payload: body }),
            })
          : await t.request(t.as.admin, method.toUpperCase() as 'POST' | 'PUT' | 'PATCH' | 'DELETE', urlOf(path), body);
        answers.push(`${route} ${response.statusCode}`);
        expect(response.statusCode, `${route}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }
    }
    // The walk went through the API's write routes, most of them as far as their storage.
    expect(answers.length).toBeGreaterThan(30);
    expect(answers.filter((answer) => / 2\d\d$/.test(answer)).length, answers.join('\n')).toBeGreaterThan(20);
  });
});
