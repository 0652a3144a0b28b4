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
