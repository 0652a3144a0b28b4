import { describe, expect, it } from 'vitest';
import { formatWait, ProbeTimeout, roundWait, waitedMs } from './wait';

describe('the wait quoted in a "no answer within" message', () => {
  it('is the check’s timeout when the probe was cut off by it, whatever the probe measured', () => {
    const controller = new AbortController();
    controller.abort(new ProbeTimeout(2000));
    expect(waitedMs(controller.signal, 1_994.6)).toBe(2000);
    expect(waitedMs(controller.signal, 2_012.3)).toBe(2000);
  });

  it('is the time measured, floored to a round figure, when nothing says the timeout', () => {
    expect(waitedMs(new AbortController().signal, 3_004.2)).toBe(3000);
    expect(roundWait(3004.2)).toBe(3000);
    expect(roundWait(1503.1)).toBe(1500);
    expect(roundWait(2999.6)).toBe(3000); // a timer firing a hair early
    expect(roundWait(10_012)).toBe(10_000);
    expect(roundWait(250.4)).toBe(250);
  });

  it('is written in milliseconds below 10 s in English, in seconds with a decimal comma in French', () => {
    expect(formatWait(3000, 'en')).toBe('3000 ms');
    expect(formatWait(3000, 'fr')).toBe('3 s');
    expect(formatWait(1500, 'fr')).toBe('1,5 s');
    expect(formatWait(15_000, 'en')).toBe('15 s');
    expect(formatWait(15_000, 'fr')).toBe('15 s');
    expect(formatWait(500, 'fr')).toBe('500 ms');
  });
});
