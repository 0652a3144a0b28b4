import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canAdminister } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { usePageTitle } from '../../lib/use-page-title';
import { AgentsPanel } from './agents-panel';
import { ApiTokensPanel } from './api-tokens-panel';
import { MaintenancePanel } from './maintenance-panel';
import { PlanChannelsPanel } from './plan-channels-panel';
import { SmtpPanel } from './smtp-panel';
import { StatusPagesPanel } from './status-pages-panel';
import { UsersPanel } from './users-panel';

const ADMIN_TABS = ['users', 'tokens', 'agents', 'maintenance', 'notifications', 'status-pages'] as const;
/** Operators and crisis managers plan maintenance; the rest is for administrators. */
const OPERATOR_TABS = ['maintenance'] as const;

/** Accounts, API tokens, maintenance windows, notification channels and status page links. */
export function AdminPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('admin.title'));
  const tabs: readonly (typeof ADMIN_TABS)[number][] = canAdminister(user) ? ADMIN_TABS : OPERATOR_TABS;
  const requested = params.get('tab');
  const tab = tabs.find((candidate) => candidate === requested) ?? tabs[0] ?? 'maintenance';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`admin.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {canAdminister(user) && (
          <>
            <Tabs.Panel value="users" pt="md">
              <UsersPanel />
            </Tabs.Panel>
            <Tabs.Panel value="tokens" pt="md">
              <ApiTokensPanel />
            </Tabs.Panel>
            <Tabs.Panel value="notifications" pt="md">
              <Stack gap="xl">
                <SmtpPanel />
                <PlanChannelsPanel />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="status-pages" pt="md">
              <StatusPagesPanel />
            </Tabs.Panel>
            <Tabs.Panel value="agents" pt="md">
              <AgentsPanel />
            </Tabs.Panel>
          </>
        )}
        <Tabs.Panel value="maintenance" pt="md">
          <MaintenancePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
