import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeConfig, runProbe, snmpProbe, type Language } from '@vigie/probes';
import { freePort } from '../support/peers/process';
import { SNMP_V3_USER, startSnmpd, type SnmpdPeer } from '../support/peers/snmpd';

// UPS-MIB (RFC 1628): upsBatteryStatus (2 normal, 3 low) and upsEstimatedChargeRemaining (%).
const BATTERY_STATUS = '1.3.6.1.2.1.33.1.2.1.0';
const CHARGE = '1.3.6.1.2.1.33.1.2.4.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';

async function run(input: Record<string, unknown>, timeoutMs = 10_000, language: Language = 'en') {
  const outcome = await runProbe(snmpProbe, input, { timeoutMs, language });
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return outcome.result;
}

const upsChecks = [
  { oid: BATTERY_STATUS, name: 'batteryStatus', equals: 2 },
  { oid: CHARGE, name: 'charge', min: 20, warnMin: 50 },
];

describe('snmp probe against snmpd', () => {
  let snmpd: SnmpdPeer;
  beforeAll(async () => {
    snmpd = await startSnmpd({ [BATTERY_STATUS]: 2, [CHARGE]: 95 });
  });
  afterAll(() => snmpd.stop());

  it('reads OIDs over v2c and is up within bounds', async () => {
    const result = await run({ target: snmpd.target, oids: [...upsChecks, { oid: SYS_LOCATION, name: 'location' }] });
    expect(result.status).toBe('up');
    expect(result.values).toEqual({ batteryStatus: 2, charge: 95, location: 'Douala, salle serveurs' });
    expect(result.message).toMatch(
      new RegExp(`^SNMP v2c ${snmpd.target} answered in [\\d.]+ ms: batteryStatus = 2, charge = 95, location = Douala`),
    );
  });

  it('is degraded under the warning level and down under the minimum', async () => {
    snmpd.setUpsMib({ [BATTERY_STATUS]: 2, [CHARGE]: 45 });
    const low = await run({ target: snmpd.target, oids: upsChecks });
    expect(low.status).toBe('degraded');
    expect(low.message).toContain('charge is 45, below the warning level 50');

    snmpd.setUpsMib({ [BATTERY_STATUS]: 3, [CHARGE]: 12 });
    const critical = await run({ target: snmpd.target, oids: upsChecks });
    expect(critical.status).toBe('down');
    expect(critical.message).toContain('batteryStatus is 3, expected 2; charge is 12, below the minimum 20');
    snmpd.setUpsMib({ [BATTERY_STATUS]: 2, [CHARGE]: 95 });
  });

  it('says it in French: values read (up), under the warning level (degraded), under the minimum (down)', async () => {
    const up = await run(
      { target: snmpd.target, oids: [...upsChecks, { oid: SYS_LOCATION, name: 'location' }] },
      10_000,
      'fr',
    );
    expect(up.status).toBe('up');
    expect(up.message).toMatch(
      new RegExp(
        `^SNMP v2c ${snmpd.target} a répondu en \\d+(,\\d)? ms : batteryStatus = 2, charge = 95, location = Douala, salle serveurs$`,
      ),
    );

    snmpd.setUpsMib({ [BATTERY_STATUS]: 2, [CHARGE]: 45 });
    const low = await run({ target: snmpd.target, oids: upsChecks }, 10_000, 'fr');
    expect(low.status).toBe('degraded');
    expect(low.message).toMatch(/ : batteryStatus = 2, charge = 45 ; charge vaut 45, sous le seuil d’alerte 50$/);

    snmpd.setUpsMib({ [BATTERY_STATUS]: 3, [CHARGE]: 12 });
    const critical = await run({ target: snmpd.target, oids: upsChecks }, 10_000, 'fr');
    expect(critical.status).toBe('down');
    expect(critical.message).toMatch(/ ; batteryStatus vaut 3, attendu 2 ; charge vaut 12, sous le minimum 20$/);
    snmpd.setUpsMib({ [BATTERY_STATUS]: 2, [CHARGE]: 95 });
  });

  it('reads OIDs given as text, as the command line gives them', async () => {
    const result = await run({ target: snmpd.target, oids: `${SYS_UPTIME},.${CHARGE}` });
    expect(result.status).toBe('up');
    expect(result.values[SYS_UPTIME]).toBeTypeOf('number');
    expect(result.values[CHARGE]).toBe(95);
  });

  it('is down when the agent has no such OID', async () => {
    const result = await run({ target: snmpd.target, oids: '1.3.6.1.2.1.1.99.0' });
    expect(result.status).toBe('down');
    expect(result.message).toContain('1.3.6.1.2.1.1.99.0: NoSuchObject');
  });

  it('says in French that the agent has no such OID', async () => {
    const result = await run(
      { target: snmpd.target, oids: [{ oid: '1.3.6.1.2.1.1.99.0', name: 'absent' }] },
      10_000,
      'fr',
    );
    expect(result.status).toBe('down');
    expect(result.message).toMatch(
      /^SNMP v2c 127\.0\.0\.1:\d+ a répondu en [\d,]+ ms ; absent : OID inconnu de l’agent \(NoSuchObject\)$/,
    );
  });

  it('reads OIDs over v3 with authentication and privacy (SHA, AES)', async () => {
    const result = await run({ target: snmpd.target, version: '3', ...SNMP_V3_USER, oids: upsChecks });
    expect(result.status).toBe('up');
    expect(result.message).toMatch(new RegExp(`^SNMP v3 ${snmpd.target} answered`));
    expect(result.values).toEqual({ batteryStatus: 2, charge: 95 });
  });

  it('is down over v3 with a wrong key or an unknown user', async () => {
    const wrongKey = await run({
      target: snmpd.target,
      version: 3,
      ...SNMP_V3_USER,
      authKey: 'not-the-key',
      oids: CHARGE,
    });
    expect(wrongKey.status).toBe('down');
    const unknown = await run({ target: snmpd.target, version: 3, ...SNMP_V3_USER, user: 'intrus', oids: CHARGE });
    expect(unknown.status).toBe('down');
    expect(unknown.message).toMatch(/^SNMP v3 127\.0\.0\.1:\d+: Unknown User Name$/);
  });

  it('is down with "no answer" for a wrong community, which the agent ignores', async () => {
    const result = await run({ target: snmpd.target, community: 'private', oids: CHARGE }, 2000);
    expect(result.status).toBe('down');
    expect(result.message).toMatch(/no answer within \d+ ms \(agent down, wrong community or wrong user\?\)$/);
  });

  it('says in French why v3 is refused and that a wrong community gets no answer', async () => {
    const wrongKey = await run(
      { target: snmpd.target, version: 3, ...SNMP_V3_USER, authKey: 'not-the-key', oids: CHARGE },
      10_000,
      'fr',
    );
    expect(wrongKey.status).toBe('down');
    expect(wrongKey.message).toBe(
      `SNMP v3 ${snmpd.target} : authentification refusée : mot de passe, communauté ou clé incorrects (Wrong Digest)`,
    );
    const unknown = await run(
      { target: snmpd.target, version: 3, ...SNMP_V3_USER, user: 'intrus', oids: CHARGE },
      10_000,
      'fr',
    );
    expect(unknown.message).toBe(`SNMP v3 ${snmpd.target} : utilisateur inconnu de l’agent (Unknown User Name)`);

    const silent = await run({ target: snmpd.target, community: 'private', oids: CHARGE }, 2000, 'fr');
    expect(silent.status).toBe('down');
    expect(silent.message).toBe(
      `SNMP v2c ${snmpd.target} : aucune réponse en 2 s (agent arrêté, mauvaise communauté ou mauvais utilisateur ?)`,
    );
  });

  it('is down with "no answer" when no agent listens', async () => {
    const result = await run({ target: `127.0.0.1:${await freePort('udp')}`, oids: CHARGE }, 1500);
    expect(result.status).toBe('down');
    expect(result.message).toContain('no answer within');
  });

  it('explains what is missing for v3 and malformed OIDs', () => {
    const parsed = parseProbeConfig(snmpProbe, { target: '127.0.0.1', version: '3', oids: 'sysUpTime.0' });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'oids.0.oid: expected a numeric OID such as 1.3.6.1.2.1.33.1.2.4.0',
      'user: SNMP v3 needs a user',
    ]);
    const noUser = parseProbeConfig(snmpProbe, { target: '127.0.0.1', version: '3', oids: CHARGE });
    expect(noUser.ok ? [] : noUser.problems).toEqual(['user: SNMP v3 needs a user']);
  });
});
