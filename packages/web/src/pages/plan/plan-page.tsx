import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { useActivePlan } from '../../hooks/use-plan';
import { usePageTitle } from '../../lib/use-page-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { ContactsPanel } from './contacts-panel';
import { DrillPanel } from './drill-panel';
import { EscalationLadder } from './escalation-ladder';
import { PlanUpload } from './plan-upload';
import { PlanVersionsTable } from './plan-versions-table';
import { SitesPanel } from './sites-panel';
import { ThreatTable } from './threat-table';

const PUBLIC_TABS = ['threats', 'escalation', 'contacts', 'sites'] as const;
const INTERNAL_TABS = ['drill', 'versions', 'upload'] as const;
type PlanTab = (typeof PUBLIC_TABS)[number] | (typeof INTERNAL_TABS)[number];

/** The plan in force, section by section, with its versions and the loading of a new one. */
export function PlanPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const activePlan = useActivePlan();
  usePageTitle(t('nav.plan'));
  const [params, setParams] = useSearchParams();
  const tabs: readonly PlanTab[] = canReadInternal(user) ? [...PUBLIC_TABS, ...INTERNAL_TABS] : PUBLIC_TABS;
  const requested = params.get('tab');
  const tab = tabs.find((candidate) => candidate === requested) ?? 'threats';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <div>
          <Title order={1} size="h2">
            {activePlan.data?.plan.title ?? t('plan.title')}
          </Title>
          {activePlan.data && (
            <Text size="sm" c="dimmed">
              {activePlan.data.plan.organisation} ·{' '}
              {t('common.planVersion', { number: activePlan.data.version.number })}
            </Text>
          )}
        </div>
      </Group>
      {activePlan.isPending && <PageLoader />}
      {activePlan.isError && <QueryError error={activePlan.error} onRetry={() => void activePlan.refetch()} />}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`plan.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="threats" pt="md">
          <ThreatTable />
        </Tabs.Panel>
        {activePlan.data && (
          <>
            <Tabs.Panel value="escalation" pt="md">
              <EscalationLadder plan={activePlan.data.plan} />
            </Tabs.Panel>
            <Tabs.Panel value="contacts" pt="md">
              <ContactsPanel plan={activePlan.data.plan} />
            </Tabs.Panel>
            <Tabs.Panel value="sites" pt="md">
              <SitesPanel plan={activePlan.data.plan} />
            </Tabs.Panel>
            <Tabs.Panel value="drill" pt="md">
              <DrillPanel plan={activePlan.data.plan} />
            </Tabs.Panel>
          </>
        )}
        <Tabs.Panel value="versions" pt="md">
          <PlanVersionsTable />
        </Tabs.Panel>
        <Tabs.Panel value="upload" pt="md">
          <PlanUpload />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
