import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { INCIDENT_STATUS_NAMES } from '@vigie/contract';
import { canOperate } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { IncidentTable } from '../../features/incidents/incident-table';
import { OpenIncidentModal } from '../../features/incidents/open-incident-modal';
import { useIncidents } from '../../hooks/use-incidents';
import { useThreats } from '../../hooks/use-plan';
import { usePageTitle } from '../../lib/use-page-title';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

const STATUS_FILTERS = ['active', ...INCIDENT_STATUS_NAMES] as const;

/** Every incident the user may see, filtered by status and threat; operators open one from here. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  usePageTitle(t('incidents.title'));
  const [params, setParams] = useSearchParams();
  const [opening, { open, close }] = useDisclosure(false);
  const status = STATUS_FILTERS.find((s) => s === params.get('status')) ?? null;
  const threat = params.get('threat');
  const threats = useThreats();
  const incidents = useIncidents({ status: status ?? undefined, threat: threat ?? undefined });

  const setFilter = (name: 'status' | 'threat', value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('incidents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('incidents.intro')}
          </Text>
        </div>
        {canOperate(user) && (
          <Button color="red" onClick={open}>
            {t('incidents.open.button')}
          </Button>
        )}
      </Group>
      <Group gap="sm" align="flex-end" role="search" aria-label={t('incidents.filters')}>
        <Select
          label={t('incidents.filterStatus')}
          placeholder={t('incidents.allStatuses')}
          clearable
          w={220}
          value={status}
          onChange={(value) => setFilter('status', value)}
          data={STATUS_FILTERS.map((s) => ({
            value: s,
            label: s === 'active' ? t('incidents.activeFilter') : t(`incidents.status.${s}`),
          }))}
        />
        <Select
          label={t('incidents.filterThreat')}
          placeholder={t('incidents.allThreats')}
          clearable
          searchable
          w={{ base: '100%', sm: 360 }}
          value={threat}
          onChange={(value) => setFilter('threat', value)}
          data={(threats.data?.threats ?? []).map((candidate) => ({ value: candidate.id, label: candidate.title }))}
        />
      </Group>
      {incidents.isPending && <PageLoader />}
      {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data &&
        (incidents.data.length === 0 ? (
          <Text c="dimmed" data-testid="no-incident">
            {t('incidents.empty')}
          </Text>
        ) : (
          <IncidentTable
            incidents={incidents.data}
            receivedAt={incidents.dataUpdatedAt}
            caption={t('incidents.caption', { count: incidents.data.length })}
            testId="incidents-table"
          />
        ))}
      {canOperate(user) && <OpenIncidentModal opened={opening} onClose={close} />}
    </Stack>
  );
}
