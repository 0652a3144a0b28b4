import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language } from './i18n';

/** The interface language, as a typed value for formatters. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return currentLanguage(i18n.language);
}
