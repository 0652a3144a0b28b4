import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { OpenIncidentsPanel } from '../../features/incidents/open-incidents-panel';
import { RecentEvents } from '../../features/incidents/recent-events';
import { incidentsByAsset, ServiceStatusPanel } from '../../features/live-status/service-status-panel';
import { useChecks } from '../../hooks/use-checks';
import { useOpenIncidents } from '../../hooks/use-incidents';
import { useActivePlan } from '../../hooks/use-plan';
import { usePageTitle } from '../../lib/use-page-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { OnCallNowLine } from '../../components/on-call-now-line';
import { ActiveSilencesNotice } from './active-silences-notice';
import { SiteCard } from './site-card';

/** Every site of the plan with its assets, their live status, the open incidents and the latest events. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const activePlan = useActivePlan();
  const openIncidents = useOpenIncidents();
  const checks = useChecks();
  const internal = canReadInternal(user);
  usePageTitle(t('overview.title'));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {internal ? t('overview.title') : t('portal.title', { client: activePlan.data?.plan.clients[0]?.name ?? '' })}
        </Title>
        <Text c="dimmed" size="sm">
          {internal ? t('overview.intro') : t('portal.intro')}
        </Text>
      </div>
      <ActiveSilencesNotice enabled={internal} />
      <OnCallNowLine enabled={internal} variant="overview" />
      <OpenIncidentsPanel />
      {!internal && activePlan.data && <ServiceStatusPanel assets={activePlan.data.plan.assets} />}
      <RecentEvents />
      {activePlan.isPending && <PageLoader />}
      {activePlan.isError && <QueryError error={activePlan.error} onRetry={() => void activePlan.refetch()} />}
      {activePlan.data && internal && (
        <>
          {checks.data === null && (
            <Text size="sm" c="dimmed">
              {t('overview.liveNotWiredHint')}
            </Text>
          )}
          {activePlan.data.plan.sites.map((site) => (
            <SiteCard
              key={site.id}
              site={site}
              assets={activePlan.data.plan.assets.filter((asset) => asset.site === site.id)}
              assetNames={new Map(activePlan.data.plan.assets.map((asset) => [asset.id, asset.name]))}
              incidents={incidentsByAsset(openIncidents.data ?? [])}
            />
          ))}
        </>
      )}
    </Stack>
  );
}
