import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OpenIncidentsPanel } from '../../features/incidents/open-incidents-panel';
import { useActivePlan } from '../../hooks/use-plan';
import { usePageTitle } from '../../lib/use-page-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { SiteCard } from './site-card';

/** Every site of the plan with its assets, their live status, and the open incidents. */
export function OverviewPage() {
  const { t } = useTranslation();
  const activePlan = useActivePlan();
  usePageTitle(t('overview.title'));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('overview.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('overview.intro')}
        </Text>
      </div>
      <OpenIncidentsPanel />
      {activePlan.isPending && <PageLoader />}
      {activePlan.isError && <QueryError error={activePlan.error} onRetry={() => void activePlan.refetch()} />}
      {activePlan.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('overview.liveNotWiredHint')}
          </Text>
          {activePlan.data.plan.sites.map((site) => (
            <SiteCard
              key={site.id}
              site={site}
              assets={activePlan.data.plan.assets.filter((asset) => asset.site === site.id)}
              assetNames={new Map(activePlan.data.plan.assets.map((asset) => [asset.id, asset.name]))}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
