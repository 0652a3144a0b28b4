import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CheckView } from '@vigie/contract';
import { useChecks } from '../../hooks/use-checks';
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
  return (
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
}
