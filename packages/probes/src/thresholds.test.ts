import { describe, expect, it } from 'vitest';
import { judgeValue, type Threshold } from './thresholds';

describe('judgeValue', () => {
  const battery: Threshold = { min: 20, warnMin: 50 };
  const lag: Threshold = { max: 300, warnMax: 60 };
  it.each<[string, Threshold, number | string | boolean, string, string | undefined]>([
    ['charge well above both levels', battery, 100, 'up', undefined],
    ['charge exactly at the warning level', battery, 50, 'up', undefined],
    ['charge under the warning level', battery, 49, 'degraded', 'charge is 49, below the warning level 50'],
    ['charge under the minimum', battery, 19.5, 'down', 'charge is 19.5, below the minimum 20'],
    ['lag within bounds, as text', lag, '12', 'up', undefined],
    ['lag above the warning level', lag, 61, 'degraded', 'charge is 61, above the warning level 60'],
    ['lag above the maximum', lag, 301, 'down', 'charge is 301, above the maximum 300'],
    ['a word where a number is expected', lag, 'n/a', 'down', 'charge is "n/a", not a number'],
    ['an empty answer where a number is expected', lag, '', 'down', 'charge is "", not a number'],
    ['a boolean where a number is expected', lag, true, 'down', 'charge is "true", not a number'],
    ['an expected text', { equals: 'OL' }, 'OL', 'up', undefined],
    ['an unexpected text', { equals: 'OL' }, 'OB', 'down', 'charge is OB, expected OL'],
    ['a number compared to text', { equals: 1 }, '1', 'up', undefined],
    ['no bounds at all', {}, 'anything', 'up', undefined],
  ])('%s', (_name, threshold, value, status, problem) => {
    expect(judgeValue('charge', value, threshold)).toEqual(problem ? { status, problem } : { status });
  });
});

describe('judgeValue in French', () => {
  it.each<[string, Threshold, number | string | boolean, string, string]>([
    [
      'under the warning level',
      { min: 20, warnMin: 50 },
      49.5,
      'degraded',
      'charge vaut 49,5, sous le seuil d’alerte 50',
    ],
    ['under the minimum', { min: 20, warnMin: 50 }, 19, 'down', 'charge vaut 19, sous le minimum 20'],
    [
      'above the warning level',
      { max: 300, warnMax: 60 },
      61,
      'degraded',
      'charge vaut 61, au-dessus du seuil d’alerte 60',
    ],
    ['above the maximum', { max: 300 }, 301.5, 'down', 'charge vaut 301,5, au-dessus du maximum 300'],
    ['a word where a number is expected', { max: 300 }, 'n/a', 'down', 'charge vaut « n/a », qui n’est pas un nombre'],
    ['an unexpected text', { equals: 'OL' }, 'OB', 'down', 'charge vaut OB, attendu OL'],
  ])('%s', (_name, threshold, value, status, problem) => {
    expect(judgeValue('charge', value, threshold, 'fr')).toEqual({ status, problem });
  });
});
