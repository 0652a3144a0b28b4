import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { ApiTokensPanel } from './api-tokens-panel';
import { UsersPanel } from './users-panel';

const TABS = ['users', 'tokens'] as const;

/** Accounts and API tokens (administrators only). */
export function AdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('admin.title'));
  const requested = params.get('tab');
  const tab = TABS.find((candidate) => candidate === requested) ?? 'users';
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
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`admin.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <ApiTokensPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
