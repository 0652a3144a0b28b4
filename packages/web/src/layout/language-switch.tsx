import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage } from '../i18n/i18n';
import { useLanguage } from '../i18n/use-language';

/** FR / EN, one click away; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => void switchLanguage(value)}
      data={LANGUAGES.map((code) => ({
        value: code,
        label: <span title={t(`language.${code}`)}>{code.toUpperCase()}</span>,
      }))}
    />
  );
}
