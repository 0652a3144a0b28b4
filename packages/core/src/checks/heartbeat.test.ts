import { describe, expect, it } from 'vitest';
import { heartbeatDeadline, heartbeatGraceMs, silentHeartbeatResult } from './heartbeat';

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
