import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Marks plan data shipped as an example, to be replaced for a real deployment. */
export function ExampleBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="outline" color="gray" title={t('common.exampleHint')} miw="max-content">
      {t('common.example')}
    </Badge>
  );
}
