import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { createTestDatabase, type TestDatabase } from '../../packages/server/src/testing/test-databases';
import { SEED_PLAN_TEXT } from '../../packages/server/src/testing/test-app';
import { startVigieProcess, type RunningServer } from '../support/cli';
import { startNut, type NutPeer } from '../support/peers/nut';
import { startSipp, type SippPeer } from '../support/peers/sipp';

const ADMIN = { email: 'chef@mediacontact.example', password: 'un mot de passe solide' };
const EVERY_MS = 2_000;
const GROUP_WAIT_MS = 1_000;
/** Two check intervals, the group wait, and a margin for a busy machine. */
const DETECTION_BUDGET_MS = 2 * EVERY_MS + GROUP_WAIT_MS + 6_000;

/** The seed plan with some checks aimed at real peers on loopback, probed every 2 s. */
function planFor(
  targets: Record<string, { target: string; probe?: string; options?: Record<string, unknown> }>,
): string {
  const doc = parseDocument(SEED_PLAN_TEXT);
  const checks = doc.get('checks');
  if (!isSeq(checks)) throw new Error('no checks in the seed plan');
  for (const item of checks.items) {
    const check = item as YAMLMap;
    const target = targets[String(check.get('id'))];
    if (!isMap(check) || !target) continue;
    check.set('target', target.target);
    if (target.probe) check.set('probe', target.probe);
    check.set('options', doc.createNode(target.options ?? {}));
    check.set('every', '2s');
    check.set('timeout', '1s');
    check.set('failAfter', 1);
    check.set('recoverAfter', 1);
    check.delete('example');
  }
  doc.set('detection', doc.createNode({ groupWait: '1s' }));
  return doc.toString();
}

interface Listed {
  id: string;
  threatId: string;
  status: string;
}

describe('detection with the scheduler and real peers', () => {
  let database: TestDatabase;
  let vigie: RunningServer;
  let sipp: SippPeer;
  let nut: NutPeer;
  let crm: Server;
  let crmStatus = 200;
  let sql: TcpServer | undefined;
  let sqlPort = 0;
  let cookie = '';

  const openSql = async () => {
    sql = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => sql!.listen(sqlPort, '127.0.0.1', () => resolve()));
    sqlPort = (sql.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    sipp = await startSipp('options-200');
    nut = await startNut({ 'ups.status': 'OL', 'battery.charge': 100, 'battery.runtime': 2400 });
    crm = createServer((request, response) => {
      request.resume();
      response.writeHead(crmStatus).end('CRM');
    });
    await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', () => resolve()));
    await openSql();
    const dir = mkdtempSync(join(tmpdir(), 'vigie-peers-'));
    const plan = join(dir, 'plan.yaml');
    writeFileSync(
      plan,
      planFor({
        'media-gateway-sip': { target: `sip:127.0.0.1:${sipp.port}` },
        'onduleur-etat': { target: nut.target },
        'crm-web': { target: `http://127.0.0.1:${(crm.address() as AddressInfo).port}/` },
        'sql-connexion': { target: `127.0.0.1:${sqlPort}`, probe: 'tcp' },
      }),
    );
    vigie = await startVigieProcess(['--db', database.url, '--plan', plan], {
      cwd: dir,
      env: { VIGIE_ADMIN_EMAIL: ADMIN.email, VIGIE_ADMIN_PASSWORD: ADMIN.password, VIGIE_DATA_DIR: dir },
    });
    const login = await fetch(`${vigie.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // Let every check report up once before breaking anything.
    await new Promise((resolve) => setTimeout(resolve, 3 * EVERY_MS));
  }, 90_000);

  afterAll(async () => {
    await vigie?.stop();
    await sipp?.stop();
    await nut?.stop();
    crm?.close();
    sql?.close();
    await database?.drop();
  });

  const incidents = async (): Promise<Listed[]> =>
    (await (await fetch(`${vigie.baseUrl}/api/v1/incidents`, { headers: { cookie } })).json()) as Listed[];
  const waitFor = async (what: string, budgetMs: number, check: (list: Listed[]) => boolean): Promise<Listed[]> => {
    const deadline = Date.now() + budgetMs;
    for (;;) {
      const list = await incidents();
      if (check(list)) return list;
      if (Date.now() > deadline) throw new Error(`${what} not seen within ${budgetMs} ms: ${JSON.stringify(list)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const ofThreat = (list: Listed[], threat: string) => list.find((i) => i.threatId === threat);

  it('starts quiet: every check up, no incident', async () => {
    expect(await incidents()).toEqual([]);
  });

  it('the Media Gateway going silent opens « Instabilité liaison »; its return resolves it', async () => {
    const port = sipp.port;
    await sipp.stop();
    const list = await waitFor(
      'the link incident',
      DETECTION_BUDGET_MS,
      (l) => ofThreat(l, 'liaison-media-gateway') !== undefined,
    );
    expect(ofThreat(list, 'liaison-media-gateway')!.status).toBe('open');
    sipp = await startSipp('options-200', 'udp', port);
    await waitFor(
      'its resolution',
      DETECTION_BUDGET_MS,
      (l) => ofThreat(l, 'liaison-media-gateway')?.status === 'resolved',
    );
  }, 120_000);

  it('the UPS on battery opens « Soucis d’énergie »; mains back resolves it', async () => {
    nut.setVariables({ 'ups.status': 'OB DISCHRG', 'battery.charge': 81, 'battery.runtime': 1500 });
    await waitFor('the power incident', DETECTION_BUDGET_MS + 3_000, (l) => ofThreat(l, 'energie') !== undefined);
    nut.setVariables({ 'ups.status': 'OL', 'battery.charge': 100, 'battery.runtime': 2400 });
    await waitFor('its resolution', DETECTION_BUDGET_MS + 3_000, (l) => ofThreat(l, 'energie')?.status === 'resolved');
  }, 120_000);

  it('a burst of dependent failures opens one incident, the CRM attached to the SQL server’s', async () => {
    crmStatus = 503;
    await new Promise<void>((resolve) => sql!.close(() => resolve()));
    sql = undefined;
    const list = await waitFor(
      'the SQL incident',
      DETECTION_BUDGET_MS,
      (l) => ofThreat(l, 'arret-service') !== undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2 * EVERY_MS));
    const open = (await incidents()).filter((i) => i.status === 'open');
    expect(open.map((i) => i.threatId)).toEqual(['arret-service']);
    const room = (await (
      await fetch(`${vigie.baseUrl}/api/v1/incidents/${ofThreat(list, 'arret-service')!.id}`, { headers: { cookie } })
    ).json()) as {
      timeline: { summary: string }[];
    };
    expect(room.timeline.some((e) => e.summary.includes('CRM Hermès depends on Serveur SQL'))).toBe(true);
    crmStatus = 200;
    await openSql();
  }, 120_000);
});
