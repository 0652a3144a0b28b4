import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Asset } from '@vigie/contract';
import { useOpenIncidents, type IncidentSummary } from '../../hooks/use-incidents';
import { QueryError } from '../../components/query-error';

/** The open incidents that name each asset. */
export function incidentsByAsset(incidents: IncidentSummary[]): Map<string, IncidentSummary[]> {
  const byAsset = new Map<string, IncidentSummary[]>();
  for (const incident of incidents) {
    for (const asset of incident.assets) byAsset.set(asset, [...(byAsset.get(asset) ?? []), incident]);
  }
  return byAsset;
}

/**
 * The state of a client's services as its open incidents tell it: a service an open
 * incident names is disrupted. (Live check states join here when monitoring serves them.)
 */
export function ServiceStatusPanel({ assets }: { assets: Asset[] }) {
  const { t } = useTranslation();
  const incidents = useOpenIncidents();
  const byAsset = incidentsByAsset(incidents.data ?? []);
  return (
    <Stack gap="xs" component="section" aria-labelledby="service-status-title">
      <Title order={2} size="h4" id="service-status-title">
        {t('portal.servicesTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('portal.servicesHint')}
      </Text>
      {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="service-status">
          {assets.map((asset) => {
            const affecting = byAsset.get(asset.id) ?? [];
            return (
              <Paper key={asset.id} withBorder p="sm" radius="md" data-service={asset.id}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600}>
                    {asset.name}
                  </Text>
                  <Badge color={affecting.length ? 'red' : 'green'} variant="light" miw="max-content">
                    {t(affecting.length ? 'portal.disrupted' : 'portal.operational')}
                  </Badge>
                </Group>
                {affecting.map((incident) => (
                  <Anchor key={incident.id} component={Link} to={`/incidents/${incident.id}`} size="xs">
                    {t('incidents.number', { number: incident.number })} · {incident.title}
                  </Anchor>
                ))}
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
