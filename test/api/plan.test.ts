import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../packages/server/src/testing/test-databases';
import { createTestApp, SEED_PLAN_TEXT, type TestApp } from '../../packages/server/src/testing/test-app';

const SEED_THREATS = [
  ['patch-hermes', 'Patch Hermès', '4h', 'short'],
  ['acces-serveurs', 'Accès difficile aux serveurs de production', '30m', 'short'],
  ['arret-service', 'Arrêt d’un service (SQL, Onnet32 Slave)', null, 'short'],
  ['energie', 'Soucis d’énergie', '15m', 'short'],
  ['liaison-media-gateway', 'Instabilité liaison', '2h', 'short'],
  ['acces-si-ocm', 'Impossible d’accéder au SI OCM', '2h', 'short'],
  ['deconnexion-crm', 'Déconnexion du CRM', '30m', 'short'],
  ['espace-hmp', 'Indisponibilité d’espace sur le serveur HMP', '20m', 'short'],
  ['perte-donnees', 'Perte de données ou données corrompus', '1h', 'short'],
];

describe.each(DIALECTS)('the plan through the API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it("lists the seed's nine threats in French, with their targets and class", async () => {
    const response = await t.request(t.as.viewer, 'GET', '/api/v1/threats');
    expect(response.statusCode).toBe(200);
    const { threats } = response.json() as {
      threats: { id: string; title: string; target: string | null; class: string }[];
    };
    expect(threats.map((th) => [th.id, th.title, th.target, th.class])).toEqual(SEED_THREATS);
  });

  it('shows the causes, solution and target in the plan’s words', async () => {
    const response = await t.request(t.as.operator, 'GET', '/api/v1/threats/perte-donnees');
    expect(response.json()).toMatchObject({
      causes: 'Suppression ou mise à jour des bases',
      solution: 'Restaurer les sauvegardes effectuées au préalable',
      targetMs: 3_600_000,
      targetText: 'Allant jusqu’à 1h de temps en fonction du volume de données à restaurer',
    });
    expect((await t.request(t.as.operator, 'GET', '/api/v1/threats/nope')).statusCode).toBe(404);
  });

  it('serves the active plan with its version', async () => {
    const response = await t.request(t.as['crisis-manager'], 'GET', '/api/v1/plan');
    const body = response.json() as { version: { number: number; active: boolean }; plan: { organisation: string } };
    expect(body.version).toMatchObject({ number: 1, active: true });
    expect(body.plan.organisation).toBe('Media Contact Cameroun');
  });

  it('refuses a broken plan with each error at its line, and keeps the active one', async () => {
    const broken = SEED_PLAN_TEXT.replace('      - check: hmp-disque', '      - check: hmp-disk').replace(
      'target: 4h',
      'target: 4 heures',
    );
    const response = await t.request(t.as.admin, 'POST', '/api/v1/plan', { fileName: 'pca.yaml', source: broken });
    expect(response.statusCode).toBe(400);
    const errors = (response.json() as { details: { errors: { line: number; column: number; message: string }[] } })
      .details.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('4 heures') });
    expect(errors[0]!.line).toBeGreaterThan(1);

    const active = await t.request(t.as.admin, 'GET', '/api/v1/plan');
    expect(active.json()).toMatchObject({ version: { number: 1 } });
  });

  it('validates without loading, then loads a new version', async () => {
    const edited = SEED_PLAN_TEXT.replace('    target: 20m', '    target: 25m');
    const check = await t.request(t.as.operator, 'POST', '/api/v1/plan/validate', { source: edited });
    expect(check.json()).toEqual({ valid: true, errors: [] });
    const loaded = await t.request(t.as.admin, 'POST', '/api/v1/plan', { fileName: 'pca-v2.yaml', source: edited });
    expect(loaded.json()).toMatchObject({ version: { number: 2, active: true }, changed: true });
    const threat = await t.request(t.as.viewer, 'GET', '/api/v1/threats/espace-hmp');
    expect(threat.json()).toMatchObject({ target: '25m' });
    const versions = await t.request(t.as.auditor, 'GET', '/api/v1/plan/versions');
    expect((versions.json() as { number: number }[]).map((v) => v.number)).toEqual([2, 1]);
  });

  it("shows a client user only its own client's part of the plan", async () => {
    const response = await t.request(t.as.client, 'GET', '/api/v1/plan');
    const { plan } = response.json() as { plan: { clients: { id: string }[] } };
    expect(plan.clients.map((c) => c.id)).toEqual(['ocm']);
    // Nothing internal: no server addresses, no phone numbers of the team, no checks.
    expect(response.body).not.toContain('principal.mediacontact.example');
    expect(response.body).not.toContain('+237 600 000 101');
    expect(response.body).not.toContain('sql-connexion');
    // Nor who is on call, nor who is paged next: the contact centre's own organisation.
    expect(response.body).not.toContain('astreinte-technique');
    expect((await t.request(t.as.viewer, 'GET', '/api/v1/plan')).body).toContain('astreinte-technique');
  });

  it('plays a drill through the API, and explains bad input', async () => {
    const response = await t.request(t.as['crisis-manager'], 'POST', '/api/v1/plan/drill', {
      threatId: 'perte-donnees',
      lasts: '90m',
    });
    expect(response.statusCode).toBe(200);
    const { timeline } = response.json() as { timeline: { kind: string; id: string | null; offsetMs: number }[] };
    expect(timeline.filter((e) => e.kind === 'step').map((e) => [e.id, e.offsetMs])).toEqual([
      ['au-dela-60-minutes', 3_600_000],
    ]);
    const unknown = await t.request(t.as.operator, 'POST', '/api/v1/plan/drill', {
      threatId: 'meteorite',
      lasts: '1h',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('unknown threat');
    const bad = await t.request(t.as.operator, 'POST', '/api/v1/plan/drill', { threatId: 'energie', lasts: 'forever' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.request(t.as.client, 'POST', '/api/v1/plan/drill', { threatId: 'energie', lasts: '1h' })).statusCode,
    ).toBe(403);
  });

  it('publishes an OpenAPI document of the API', async () => {
    const response = await t.request(null, 'GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/threats', '/api/v1/auth/login', '/api/v1/plan']),
    );
  });
});
