import { describe, expect, it } from 'vitest';
import {
  formatDurationFr,
  heartbeatDeadline,
  heartbeatGraceMs,
  heartbeatPingMessage,
  silentHeartbeatResult,
} from './heartbeat';

const check = (every: number, options: Record<string, unknown> = {}) => ({ every, options });

describe('heartbeat silence', () => {
  it.each([
    ['a tenth of a daily interval is capped at one hour', check(86_400_000), 3_600_000],
    ['a tenth of ten minutes', check(600_000), 60_000],
    ['never under one second', check(2_000), 1_000],
    ['the grace option wins', check(86_400_000, { grace: '2h' }), 7_200_000],
    ['a malformed grace option falls back to the default', check(600_000, { grace: 'soon' }), 60_000],
  ])('%s', (_name, c, expected) => {
    expect(heartbeatGraceMs(c)).toBe(expected);
  });

  it('counts from the last result, or from when the watch began', () => {
    expect(heartbeatDeadline(check(60_000), 1_000_000, 0)).toBe(1_000_000 + 60_000 + 6_000);
    expect(heartbeatDeadline(check(60_000), null, 5_000)).toBe(5_000 + 66_000);
  });

  it('says how long the job has been silent', () => {
    const result = silentHeartbeatResult(check(60_000), 0, 90_000);
    expect(result.status).toBe('down');
    expect(result.message).toBe('No heartbeat for 1m30s (expected every 1m, grace 6s)');
  });
});

describe('heartbeat messages in French', () => {
  const HOUR = 3_600_000;

  it.each([
    [
      'silent for two hours',
      check(HOUR, { grace: '5m' }),
      0,
      2 * HOUR,
      'Aucun battement depuis 2 h (attendu toutes les heures, tolérance 5 min)',
    ],
    [
      'silent for 1 min 30 s',
      check(60_000),
      0,
      90_000,
      'Aucun battement depuis 1 min 30 s (attendu toutes les minutes, tolérance 6 s)',
    ],
    [
      'a daily job',
      check(86_400_000),
      0,
      26 * HOUR,
      'Aucun battement depuis 1 j 2 h (attendu tous les jours, tolérance 1 h)',
    ],
    [
      'every 30 minutes',
      check(30 * 60_000),
      0,
      40 * 60_000,
      'Aucun battement depuis 40 min (attendu toutes les 30 min, tolérance 3 min)',
    ],
    [
      'every 2 days',
      check(2 * 86_400_000, { grace: '1h30m' }),
      0,
      2 * 86_400_000,
      'Aucun battement depuis 2 j (attendu tous les 2 j, tolérance 1 h 30 min)',
    ],
    [
      'none received yet',
      check(HOUR),
      null,
      2 * HOUR,
      'Aucun battement reçu pour l’instant (attendu toutes les heures, tolérance 6 min)',
    ],
  ])('%s', (_name, c, lastResultAt, now, message) => {
    expect(silentHeartbeatResult(c, lastResultAt, now, 'fr').message).toBe(message);
  });

  it.each([
    ['up', 'Battement reçu', 'Heartbeat received'],
    ['down', 'La tâche s’est déclarée en panne', 'The job reported itself down'],
    ['degraded', 'La tâche s’est déclarée dégradée', 'The job reported itself degraded'],
  ] as const)('a ping %s without a message of its own', (status, fr, en) => {
    expect(heartbeatPingMessage(status, 'fr')).toBe(fr);
    expect(heartbeatPingMessage(status)).toBe(en);
  });

  it.each([
    [45_000, '45 s'],
    [90 * 60_000, '1 h 30 min'],
    [365 * 86_400_000, '1 an'],
    [2 * 365 * 86_400_000 + 3 * 86_400_000, '2 ans 3 j'],
    [500, '500 ms'],
    [0, '0 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDurationFr(ms)).toBe(text);
  });
});
