import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The one place the overview asks for an asset's live state. When the check-state API
// (and its SSE stream) exists, a `useAssetStatus(assetId)` hook feeds this component;
// until then it says plainly that nothing is connected, rather than invent a state.

/** The live state of one asset's checks. */
export function AssetLiveStatus({ assetId }: { assetId: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" data-asset={assetId} data-live-status="not-wired">
      {t('overview.liveNotWired')}
    </Text>
  );
}
