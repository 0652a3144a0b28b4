import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../hooks/use-incidents';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import type { Language } from '../../i18n/i18n';
import { describeEntry } from './timeline-text';

const translators = new Map<Language, TFunction>();

beforeAll(async () => {
  for (const language of ['fr', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({
      lng: language,
      resources: { fr: { translation: fr }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    translators.set(language, instance.t);
  }
});

function signal(summary: string): TimelineEntry {
  return { id: 'e1', seq: 1, at: 0, kind: 'signal', actor: 'Vigie', ref: null, summary, data: {} };
}

function lineIn(summary: string, language: Language): string {
  return describeEntry(signal(summary), translators.get(language)!, language, 'Africa/Douala', new Map());
}

describe('detection lines of the timeline', () => {
  it.each([
    ['Detected: Media Gateway: no answer to OPTIONS', 'fr', 'Détecté : Media Gateway: no answer to OPTIONS'],
    ['Detected: Media Gateway: no answer to OPTIONS', 'en', 'Detected: Media Gateway: no answer to OPTIONS'],
    [
      'Back to normal: Connexion SQL A: connexion rétablie',
      'fr',
      'Retour à la normale : Connexion SQL A: connexion rétablie',
    ],
    ['Signal attached: alert:0123abcd', 'fr', 'Signal rattaché : alert:0123abcd'],
    [
      'Consequence: Onnet32 down — Serveur Onnet32, CRM depends on Lien Media Gateway',
      'fr',
      'Conséquence de la panne de Lien Media Gateway : Onnet32 down (Serveur Onnet32, CRM)',
    ],
    [
      'Consequence: SQL B (down), SQL A (down) — SQL B: timeout — Serveur SQL depends on Onduleur',
      'en',
      'Consequence of Onduleur failing: SQL B (down), SQL A (down) — SQL B: timeout (Serveur SQL)',
    ],
    ['Something the interface does not know', 'fr', 'Something the interface does not know'],
  ] as const)('%s (%s)', (summary, language, expected) => {
    expect(lineIn(summary, language)).toBe(expected);
  });
});
