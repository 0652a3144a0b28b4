import { describe, expect, it } from 'vitest';
import { formatWait, roundWait } from './wait';

describe('the wait quoted in a "no answer within" message', () => {
  it('is the round timeout the probe was cut off by, not the milliseconds measured past it', () => {
    expect(roundWait(3004.2)).toBe(3000);
    expect(roundWait(1503.1)).toBe(1500);
    expect(roundWait(2999.6)).toBe(3000); // a timer firing a hair early
    expect(roundWait(10_012)).toBe(10_000);
    expect(roundWait(250.4)).toBe(250);
  });

  it('is written in milliseconds below 10 s in English, in seconds with a decimal comma in French', () => {
    expect(formatWait(3004.2, 'en')).toBe('3000 ms');
    expect(formatWait(3004.2, 'fr')).toBe('3 s');
    expect(formatWait(1503.1, 'fr')).toBe('1,5 s');
    expect(formatWait(15_020, 'en')).toBe('15 s');
    expect(formatWait(15_020, 'fr')).toBe('15 s');
    expect(formatWait(500.8, 'fr')).toBe('500 ms');
  });
});
