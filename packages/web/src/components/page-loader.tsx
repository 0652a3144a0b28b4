import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner for a page or panel whose data is on its way. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Loader size="md" aria-label={t('common.loading')} />
    </Center>
  );
}
