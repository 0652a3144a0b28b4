import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CheckView } from '@vigie/contract';
import { useChecks } from '../../hooks/use-checks';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { STATE_COLOURS } from './check-state-badge';

const ORDER = ['unknown', 'up', 'degraded', 'flapping', 'down'] as const;
type CheckState = (typeof ORDER)[number];

/** The worst state among an asset's checks: one down check puts the asset down. */
export function worstState(checks: readonly CheckView[]): CheckState {
  return checks.reduce<CheckState>(
    (worst, check) => (ORDER.indexOf(check.state) > ORDER.indexOf(worst) ? check.state : worst),
    'unknown',
  );
}

/**
 * The one place the overview asks for an asset's live state: its checks' worst state from
 * the monitoring API, or a plain "not connected" when the server has none.
 */
export function AssetLiveStatus({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const checks = useChecks();
  if (checks.isPending) return null;
  if (checks.isError || checks.data === null) {
    return (
      <Text size="sm" c="dimmed" data-asset={assetId} data-live-status="not-wired">
        {t('overview.liveNotWired')}
      </Text>
    );
  }
  const own = checks.data.filter((check) => check.asset.id === assetId);
  if (own.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-asset={assetId} data-live-status="no-check">
        {t('overview.noCheck')}
      </Text>
    );
  }
  const state = worstState(own);
  const detail = own.map((check) => `${check.name}: ${check.lastResult?.message ?? t('overview.checkStates.unknown')}`);
  // A window covers an asset or its site: all its checks alike.
  const maintenance = own[0]!.maintenance;
  const badge = (
    <Badge
      // One check: its page; several: the list of checks.
      component={Link}
      to={own.length === 1 ? `/checks/${encodeURIComponent(own[0]!.id)}` : '/checks'}
      style={{ cursor: 'pointer' }}
      variant="light"
      color={STATE_COLOURS[state]}
      miw="max-content"
      title={detail.join('\n')}
      data-asset={assetId}
      data-live-status={state}
    >
      {t(`overview.checkStates.${state}`)}
    </Badge>
  );
  if (!maintenance) return badge;
  const until = t('checks.maintenanceUntil', { time: formatDateTime(maintenance.until, language, timeZone) });
  return (
    <Group gap={4} wrap="nowrap">
      {badge}
      <Badge
        variant="light"
        color="indigo"
        miw="max-content"
        title={t('checks.maintenanceWhy', { until, reason: maintenance.reason })}
        data-asset-maintenance={assetId}
      >
        {t('checks.maintenance')}
      </Badge>
    </Group>
  );
}
