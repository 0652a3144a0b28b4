import type { Language } from '@vigie/contract';

export type { Language };

/**
 * A probe's words in each language a check's messages can be written in: the plan's
 * language (French by default), or English, which `vigie probe` speaks unless told.
 */
export type Wording<T> = Readonly<Record<Language, T>>;

/** A number as the language writes it: `1.5` in English, `1,5` in French. */
export function formatDecimal(text: string, language: Language): string {
  return language === 'fr' ? text.replace('.', ',') : text;
}

/** A number as the language writes it: `12.5` in English, `12,5` in French. */
export function formatNumber(value: number, language: Language): string {
  return formatDecimal(String(value), language);
}

/** The same phrase, taken from a probe's words in each language. */
export function inEachLanguage<Words>(words: Wording<Words>, phrase: (say: Words) => string): Wording<string> {
  return { en: phrase(words.en), fr: phrase(words.fr) };
}

/**
 * A failure a probe finds itself (a broken HTTP answer, a Modbus exception, an SSH host key
 * that changed), told in each language: its message is the English; `describeError` gives it
 * in the check's language. A single string says the same in every language.
 */
export class WordedError extends Error {
  readonly #reasons: Wording<string>;

  constructor(reasons: Wording<string> | string) {
    const worded = typeof reasons === 'string' ? { en: reasons, fr: reasons } : reasons;
    super(worded.en);
    this.#reasons = worded;
  }

  /** Why it failed, in `language`. */
  reason(language: Language): string {
    return this.#reasons[language];
  }
}
