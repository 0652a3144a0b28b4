import { describe, expect, it } from 'vitest';
import { describeError } from './errors';
import { formatMs } from './result';

describe('formatMs', () => {
  it.each<[number, string, string]>([
    [0.4, '0.4 ms', '0,4 ms'],
    [12.3, '12 ms', '12 ms'],
    [1_500, '1500 ms', '1500 ms'],
    [12_345, '12.3 s', '12,3 s'],
  ])('%d ms reads %s in English, %s in French', (ms, english, french) => {
    expect(formatMs(ms)).toBe(english);
    expect(formatMs(ms, 'fr')).toBe(french);
  });
});

describe('describeError', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  it('names a known network failure in the language asked, along the cause chain', () => {
    expect(describeError(refused)).toBe('connection refused');
    expect(describeError(new Error('fetch failed', { cause: refused }), 'fr')).toBe('connexion refusée');
  });
  it('quotes a library’s own words as they are', () => {
    expect(describeError(new Error('password authentication failed for user "vigie"'), 'fr')).toBe(
      'password authentication failed for user "vigie"',
    );
  });
});
