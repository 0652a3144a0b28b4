import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr, type Messages } from './fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'vigie.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

function storedLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language chosen on this browser, French until someone picks another. */
function rememberedLanguage(): Language {
  return storedLanguage() ?? 'fr';
}

/** Starts i18next with French as the default and English as the fallback-free second language. */
export async function initI18n(): Promise<void> {
  const language = rememberedLanguage();
  document.documentElement.lang = language;
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    resources: { fr: { translation: fr }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

/** Switches the interface language and remembers it on this browser. */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage: the switch still applies to this visit.
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/**
 * Shows the interface in the account's language when this browser has no choice of its
 * own yet; a choice made with the switch always wins.
 */
export async function adoptAccountLanguage(language: Language): Promise<void> {
  if (storedLanguage() !== null) return;
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** The language the interface shows now. */
export function currentLanguage(language: string): Language {
  return isLanguage(language) ? language : 'fr';
}
