import { Alert, Anchor, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOpenIncidents } from '../../hooks/use-incidents';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { IncidentTable } from './incident-table';

/** The incidents going on now, at the top of the overview, with their clocks running. */
export function OpenIncidentsPanel() {
  const { t } = useTranslation();
  const incidents = useOpenIncidents();
  return (
    <Stack gap="xs" component="section" aria-labelledby="open-incidents-title">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="open-incidents-title">
          {t('overview.incidentsTitle')}
        </Title>
        <Anchor component={Link} to="/incidents" size="sm">
          {t('overview.allIncidents')}
        </Anchor>
      </Group>
      {incidents.isPending && <PageLoader />}
      {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data &&
        (incidents.data.length === 0 ? (
          <Alert color="green" variant="light" data-testid="no-open-incident">
            {t('overview.noOpenIncident')}
          </Alert>
        ) : (
          <IncidentTable
            incidents={incidents.data}
            receivedAt={incidents.dataUpdatedAt}
            caption={t('overview.incidentsCaption', { count: incidents.data.length })}
            testId="open-incidents"
          />
        ))}
    </Stack>
  );
}
