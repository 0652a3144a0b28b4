import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/cli';
import { startPrometheus, type PrometheusPeer } from '../support/peers/prometheus';
import { createApiToken, signInTo, startVigieWithPlan, type PlanVigie } from '../support/vigie-session';
import { HttpTarget, monitoringPlan, waitFor } from './support';

/** Debian's Prometheus scrapes a running Vigie with an API token and reads its checks. */
describe('metrics scraped by a real Prometheus', () => {
  let started: PlanVigie;
  let vigie: RunningServer;
  let prometheus: PrometheusPeer;
  const crm = new HttpTarget();
  let token = '';

  beforeAll(async () => {
    await crm.start();
    started = await startVigieWithPlan(
      monitoringPlan([
        `{ id: crm-web, name: "Interface du CRM \\"Hermès\\"", asset: crm, probe: http, target: "http://127.0.0.1:${crm.port}/", every: 1s, timeout: 1s, failAfter: 1, recoverAfter: 1 }`,
      ]),
    );
    ({ vigie } = started);
    token = await createApiToken(vigie.baseUrl, await signInTo(vigie.baseUrl, started.admin), 'prometheus');
    prometheus = await startPrometheus({
      scrape: { target: new URL(vigie.baseUrl).host, path: '/metrics', bearerToken: token },
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await started?.stop();
    await crm.stop();
  });

  const valueOf = async (promql: string): Promise<string | undefined> => (await prometheus.query(promql))[0]?.value[1];

  it('reads the check up, then down once its target fails, with its labels', async () => {
    await waitFor('the check up in Prometheus', async () => (await valueOf('vigie_check_up{check="crm-web"}')) === '1');
    expect(await prometheus.target()).toMatchObject({ health: 'up', lastError: '' });
    const [info] = await prometheus.query('vigie_check_info');
    expect(info?.metric).toMatchObject({
      job: 'vigie',
      check: 'crm-web',
      name: 'Interface du CRM "Hermès"',
      asset: 'crm',
      site: 'principal',
      probe: 'http',
      target: `http://127.0.0.1:${crm.port}/`,
    });
    expect(await valueOf('vigie_check_measured_value{check="crm-web",measure="statusCode"}')).toBe('200');
    expect(Number(await valueOf('vigie_check_latency_seconds{check="crm-web"}'))).toBeGreaterThan(0);
    expect(await valueOf('vigie_incidents{threat="panne",status="open"}')).toBe('0');
    expect(Number(await valueOf('process_resident_memory_bytes'))).toBeGreaterThan(10e6);

    crm.mode = 'down';
    await waitFor(
      'the check down in Prometheus',
      async () => (await valueOf('vigie_check_up{check="crm-web"}')) === '0',
    );
    expect(await valueOf('vigie_check_state{check="crm-web",state="down"}')).toBe('1');
    expect(await valueOf('vigie_check_measured_value{check="crm-web",measure="statusCode"}')).toBe('500');
  }, 60_000);

  it("writes what promtool accepts (its only remarks are on prom-client's nodejs_active_* gauges)", async () => {
    const text = await (
      await fetch(`${vigie.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    const checked = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const remarks = `${checked.stdout}${checked.stderr}`.split('\n').filter(Boolean);
    expect(remarks.filter((line) => !/^nodejs_active_\w+_total non-counter metrics/.test(line))).toEqual([]);
    expect([0, 3]).toContain(checked.status); // 3: remarks only; 1 would be a text it cannot read
    const ours = spawnSync('/usr/bin/promtool', ['check', 'metrics'], {
      input:
        text
          .split('\n')
          .filter((line) => line.includes('vigie_'))
          .join('\n') + '\n',
      encoding: 'utf8',
    });
    expect({ status: ours.status, remarks: ours.stdout + ours.stderr }).toEqual({ status: 0, remarks: '' });
  });

  it('refuses a scrape without a token', async () => {
    expect((await fetch(`${vigie.baseUrl}/metrics`)).status).toBe(401);
  });
});
