import { describe, expect, it } from 'vitest';
import { judgeJsonAnswer } from './json-answer';
import { formatJsonPath, parseJsonPath, valueAt } from './json-path';

const STATUS = JSON.stringify({
  status: 'UP',
  checks: [
    { name: 'db', state: 'UP', 'read-only': false },
    { name: 'queue', waiting: 42 },
  ],
  'db.pool': { active: 3 },
  error: null,
});

function path(text: string) {
  const parsed = parseJsonPath(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('JSON paths', () => {
  it.each([
    ['status', ['status']],
    ['$.status', ['status']],
    ['checks[1].waiting', ['checks', 1, 'waiting']],
    ['$.checks[0]["read-only"]', ['checks', 0, 'read-only']],
    ['["db.pool"].active', ['db.pool', 'active']],
    ['$', []],
  ] as const)('reads %s', (text, steps) => {
    expect(parseJsonPath(text)).toEqual(steps);
  });

  it('says what is wrong with a path it cannot read', () => {
    expect(parseJsonPath('checks[one]')).toBe(
      '"checks[one]" is not a JSON path such as status, checks[0].state or db["read-only"]',
    );
    expect(parseJsonPath('a..b')).toMatch(/is not a JSON path/);
    expect(parseJsonPath('["bad \\q escape"]')).toBe('"["bad \\q escape"]": the name in brackets is not a JSON string');
  });

  it('finds values, and nothing where the document has none', () => {
    const document: unknown = JSON.parse(STATUS);
    expect(valueAt(document, path('checks[1].waiting'))).toBe(42);
    expect(valueAt(document, path('["db.pool"].active'))).toBe(3);
    expect(valueAt(document, path('checks[2]'))).toBeUndefined();
    expect(valueAt(document, path('status.length'))).toBeUndefined();
    expect(valueAt(document, path('checks.length'))).toBeUndefined();
    expect(valueAt(document, path('toString'))).toBeUndefined();
  });

  it('writes a path back as it reads', () => {
    expect(formatJsonPath(path('$.checks[0]["read-only"]'))).toBe('checks[0].read-only');
    expect(formatJsonPath(path('["db.pool"].active'))).toBe('["db.pool"].active');
  });
});

describe('judging a JSON answer', () => {
  it('is up when the value meets its bounds, and reports it', () => {
    expect(judgeJsonAnswer(STATUS, path('status'), { equals: 'UP' })).toEqual({ status: 'up', value: 'UP' });
    expect(judgeJsonAnswer(STATUS, path('checks[1].waiting'), { max: 100, warnMax: 40 })).toEqual({
      status: 'degraded',
      problem: 'checks[1].waiting is 42, above the warning level 40',
      value: 42,
    });
    expect(judgeJsonAnswer(STATUS, path('checks[0]["read-only"]'), { equals: false })).toMatchObject({ status: 'up' });
    expect(judgeJsonAnswer(STATUS, path('error'), { equals: 'null' })).toEqual({ status: 'up', value: 'null' });
  });

  it('is down, in words, when the page or the path gives no value', () => {
    expect(judgeJsonAnswer('<html>maintenance</html>', path('status'), {})).toEqual({
      status: 'down',
      problem: 'the page is not JSON',
    });
    expect(judgeJsonAnswer(STATUS, path('checks[5].state'), {})).toEqual({
      status: 'down',
      problem: 'the page has no checks[5].state',
    });
    expect(judgeJsonAnswer(STATUS, path('checks'), {})).toEqual({
      status: 'down',
      problem: 'checks is a list, not a value',
    });
    expect(judgeJsonAnswer(STATUS, path('status'), { equals: 'DOWN' })).toMatchObject({
      status: 'down',
      problem: 'status is UP, expected DOWN',
    });
  });
});
