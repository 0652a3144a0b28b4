import type { CheckStateName, Language } from '@vigie/contract';

/** What a check said, under its name: `Serveur SQL: …`, or `Serveur SQL : …` in French. */
export function saidByCheck(name: string, message: string, language: Language): string {
  return `${name}${language === 'fr' ? ' : ' : ': '}${message}`;
}

const STATE_WORDS: Readonly<Record<Language, Record<CheckStateName, string>>> = {
  en: { unknown: 'unknown', up: 'up', degraded: 'degraded', down: 'down', flapping: 'flapping' },
  fr: { unknown: 'inconnu', up: 'en service', degraded: 'dégradé', down: 'en panne', flapping: 'instable' },
};

/** A check's state as the language says it. */
export function checkStateWord(state: string, language: Language): string {
  return (STATE_WORDS[language] as Record<string, string | undefined>)[state] ?? state;
}
