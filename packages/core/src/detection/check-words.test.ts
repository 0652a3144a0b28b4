import { describe, expect, it } from 'vitest';
import { checkStateWord, saidByCheck } from './check-words';

describe('check words', () => {
  it('puts a check’s name before what it said, with French spacing in French', () => {
    expect(saidByCheck('Serveur SQL', 'connection refused', 'en')).toBe('Serveur SQL: connection refused');
    expect(saidByCheck('Serveur SQL', 'connexion refusée', 'fr')).toBe('Serveur SQL : connexion refusée');
  });

  it.each([
    ['down', 'down', 'en panne'],
    ['degraded', 'degraded', 'dégradé'],
    ['flapping', 'flapping', 'instable'],
    ['sideways', 'sideways', 'sideways'],
  ])('names the state %s', (state, english, french) => {
    expect(checkStateWord(state, 'en')).toBe(english);
    expect(checkStateWord(state, 'fr')).toBe(french);
  });
});
