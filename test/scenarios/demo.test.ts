import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigie, startVigieProcess, type RunningServer } from '../support/cli';

const ADMIN = { email: 'nouveau@mediacontact.example', password: 'un mot de passe solide' };

interface Listed {
  threatId: string;
  status: string;
}

/** A newcomer's first minutes: start the demo, break a part from the CLI, watch Vigie react. */
describe('vigie start --demo', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
  let vigie: RunningServer;
  let cookie = '';

  beforeAll(async () => {
    vigie = await startVigieProcess(['--demo'], {
      cwd,
      env: { VIGIE_ADMIN_EMAIL: ADMIN.email, VIGIE_ADMIN_PASSWORD: ADMIN.password },
    });
    const login = await fetch(`${vigie.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);
  afterAll(() => vigie?.stop());

  const incidents = async (): Promise<Listed[]> =>
    (await (await fetch(`${vigie.baseUrl}/api/v1/incidents`, { headers: { cookie } })).json()) as Listed[];
  const waitFor = async (what: string, check: (list: Listed[]) => boolean): Promise<void> => {
    const deadline = Date.now() + 60_000;
    while (!check(await incidents())) {
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(await incidents())}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  it('lives quietly: simulated equipment up, no storm of incidents, no mail to example contacts', async () => {
    expect(vigie.output()).toContain('npx vigie demo break power');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    expect(await incidents()).toEqual([]);
    const { checks } = (await (await fetch(`${vigie.baseUrl}/api/v1/checks`, { headers: { cookie } })).json()) as {
      checks: { id: string; state: string; target: string | null; everyMs: number; example: boolean }[];
    };
    expect(checks.length).toBeGreaterThan(5);
    // Each check is shown as it is run: against its simulator, every 5 s, still one of the plan's examples.
    expect(checks.find((check) => check.id === 'media-gateway-sip')).toMatchObject({
      target: expect.stringMatching(/^sip:127\.0\.0\.1:\d+$/),
      everyMs: 5_000,
      example: true,
    });
  }, 120_000);

  it('a power cut broken from the CLI opens the power incident; the repair resolves it', async () => {
    const broken = await runVigie(['demo', 'break', 'power'], { cwd });
    expect(broken.code, broken.stderr).toBe(0);
    expect(broken.stdout).toMatch(/EN PANNE\s+power/);
    await waitFor('the power incident', (list) => list.some((i) => i.threatId === 'energie' && i.status === 'open'));
    expect((await runVigie(['demo', 'repair', 'power'], { cwd })).code).toBe(0);
    await waitFor('its resolution', (list) => list.some((i) => i.threatId === 'energie' && i.status === 'resolved'));
  }, 240_000);

  it('the HMP disk filled up opens its incident, the runbook waiting for someone to archive', async () => {
    expect((await runVigie(['demo', 'break', 'hmp-disk'], { cwd })).code).toBe(0);
    await waitFor('the HMP incident', (list) => list.some((i) => i.threatId === 'espace-hmp' && i.status === 'open'));
    expect((await runVigie(['demo', 'repair', 'hmp-disk'], { cwd })).code).toBe(0);
    await waitFor('its resolution', (list) => list.some((i) => i.threatId === 'espace-hmp' && i.status === 'resolved'));
  }, 240_000);

  it('refuses an unknown part with the list of parts', async () => {
    const result = await runVigie(['demo', 'break', 'moon'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected one of power');
  });
});
