import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckView } from '@vigie/contract';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

/**
 * That planned work covers a check now (its failures open no incident): until when, and,
 * unless `brief`, why.
 */
export function MaintenanceNote({
  maintenance,
  brief = false,
}: {
  maintenance: CheckView['maintenance'];
  brief?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  if (!maintenance) return null;
  const until = t('checks.maintenanceUntil', { time: formatDateTime(maintenance.until, language, timeZone) });
  const badge = (
    <Badge color="indigo" variant="light" size="sm" style={{ flexShrink: 0 }}>
      {t('checks.maintenance')}
    </Badge>
  );
  // In a list's narrow column, the badge over its end; on a check's page, on one line with why.
  const Layout = brief ? Stack : Group;
  return (
    <Layout gap={4} align="flex-start" title={maintenance.reason} data-testid="check-maintenance">
      {badge}
      <Text size="xs" c="dimmed">
        {brief ? until : t('checks.maintenanceWhy', { until, reason: maintenance.reason })}
      </Text>
    </Layout>
  );
}
