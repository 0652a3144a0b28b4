import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVigie } from '../support/cli';

const HOUR = 3_600_000;
const SEED = 'plans/media-contact-cameroun.yaml';

interface Entry {
  offsetMs: number;
  kind: string;
  id: string | null;
  channel?: string;
  to?: string;
  subject?: string;
}

async function drill(...args: string[]): Promise<{ incident: { status: string }; timeline: Entry[] }> {
  const result = await runVigie(['drill', 'run', '--plan', SEED, '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { incident: { status: string }; timeline: Entry[] };
}

const at = (timeline: Entry[], kind: string, id: string) =>
  timeline.filter((e) => e.kind === kind && e.id === id).map((e) => e.offsetMs);
const sentTo = (timeline: Entry[], id: string, offset: number) =>
  timeline
    .filter((e) => e.kind === 'notification' && e.id === id && e.offsetMs === offset)
    .map((e) => e.to)
    .sort();

describe('vigie drill run', () => {
  it("plays Patch Hermès for 7 hours: the seed's whole sequence, with its times and recipients", async () => {
    const { incident, timeline } = await drill('--threat', 'patch-hermes', '--lasts', '7h');
    expect(incident.status).toBe('resolved');

    // Up to 4 h expected: the 60-minute step at once; the 6-hour step on elapsed time.
    expect(at(timeline, 'step', 'au-dela-60-minutes')).toEqual([0]);
    expect(at(timeline, 'step', 'interruption-longue')).toEqual([6 * HOUR]);

    expect(sentTo(timeline, 'call-conference', 0)).toEqual([
      'admin.si@mediacontact.example',
      'astreinte@mediacontact.example',
      'direction.operations@mediacontact.example',
      'dsi.permanence@ocm.example',
      'relation.ocm@mediacontact.example',
    ]);
    expect(at(timeline, 'crisis-cell', 'cellule-de-crise')).toEqual([0]);
    // A SITREP every hour, each sent to the client's IT.
    expect(at(timeline, 'sitrep', 'compte-rendu-horaire')).toEqual([1, 2, 3, 4, 5, 6, 7].map((h) => h * HOUR));
    expect(sentTo(timeline, 'compte-rendu-horaire', 3 * HOUR)).toContain('dsi.permanence@ocm.example');

    // Beyond 6 h: OCM told at once, the deployment plan sent, failover proposed, updates hourly.
    expect(sentTo(timeline, 'prevenir-ocm', 6 * HOUR)).toEqual(['dsi.permanence@ocm.example']);
    expect(sentTo(timeline, 'plan-deploiement', 6 * HOUR)).toEqual(['dsi.permanence@ocm.example']);
    expect(at(timeline, 'duty', 'plateforme-redondante')).toEqual([6 * HOUR]);
    expect(at(timeline, 'duty', 'compte-rendu-detaille')).toEqual([6 * HOUR]);
    expect(sentTo(timeline, 'information-reguliere', 7 * HOUR)).toContain('dsi.permanence@ocm.example');

    // After resolution: every party is told, and the report to sign falls due.
    expect(sentTo(timeline, 'closure', 7 * HOUR)).toHaveLength(7);
    expect(at(timeline, 'duty', 'rapport-incident')).toEqual([7 * HOUR]);
    for (const entry of timeline.filter((e) => e.kind === 'notification')) {
      expect(entry.channel).toBe('email');
      expect(entry.subject).toMatch(/^\[INC-1\] /);
    }
  });

  it('a data loss (up to 1 h) over in 30 minutes never reaches the crisis step', async () => {
    const { timeline } = await drill('--threat', 'perte-donnees', '--lasts', '30m');
    expect(timeline.filter((e) => e.kind === 'step')).toEqual([]);
  });

  it('a data loss still open at 60 minutes enters the crisis step then', async () => {
    const { timeline } = await drill('--threat', 'perte-donnees', '--lasts', '90m');
    expect(at(timeline, 'step', 'au-dela-60-minutes')).toEqual([HOUR]);
  });

  it('an ETA past 6 h starts the long-interruption step at once', async () => {
    const { timeline } = await drill('--threat', 'espace-hmp', '--lasts', '1h', '--eta', '8h');
    expect(at(timeline, 'step', 'interruption-longue')).toEqual([0]);
  });

  it('the threat without a target escalates on elapsed time alone', async () => {
    const { timeline } = await drill('--threat', 'arret-service', '--lasts', '2h');
    expect(at(timeline, 'step', 'au-dela-60-minutes')).toEqual([HOUR]);
  });

  it('prints a readable timeline, and uses the active plan of the database', async () => {
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-drill-')), 'vigie.db')}`;
    expect((await runVigie(['plan', 'load', SEED, '--db', db])).code).toBe(0);
    const result = await runVigie(['drill', 'run', '--threat', 'patch-hermes', '--lasts', '7h', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Drill: Patch Hermès (patch-hermes) lasting 7h, target 4h');
    expect(result.stdout).toMatch(/\+6h\s+step\s+interruption-longue/);
    expect(result.stdout).toContain('« [INC-1] Interruption de service de plus de 6 heures : Patch Hermès »');
  });

  it('explains an unknown threat and a bad duration', async () => {
    const unknown = await runVigie(['drill', 'run', '--plan', SEED, '--threat', 'meteorite', '--lasts', '1h']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown threat "meteorite"');
    const bad = await runVigie(['drill', 'run', '--plan', SEED, '--threat', 'energie', '--lasts', 'long']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lasts');
  });
});
