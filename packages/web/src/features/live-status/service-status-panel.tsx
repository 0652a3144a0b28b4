import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Asset } from '@vigie/contract';
import { useChecks } from '../../hooks/use-checks';
import { useOpenIncidents, type IncidentSummary } from '../../hooks/use-incidents';
import { worstState } from './asset-live-status';
import { QueryError } from '../../components/query-error';

/** The open incidents that name each asset. */
export function incidentsByAsset(incidents: IncidentSummary[]): Map<string, IncidentSummary[]> {
  const byAsset = new Map<string, IncidentSummary[]>();
  for (const incident of incidents) {
    for (const asset of incident.assets) byAsset.set(asset, [...(byAsset.get(asset) ?? []), incident]);
  }
  return byAsset;
}

const SERVICE_STATE = {
  unknown: null,
  up: 'operational',
  degraded: 'degraded',
  flapping: 'disrupted',
  down: 'disrupted',
} as const;
const COLOURS = { operational: 'green', degraded: 'yellow', disrupted: 'red', maintenance: 'indigo' } as const;

/**
 * The state of a client's services: disrupted while an open incident names it, else in
 * maintenance while a window covers it, else as its live checks tell (a check not yet run
 * tells nothing), else operational.
 */
export function ServiceStatusPanel({ assets }: { assets: Asset[] }) {
  const { t } = useTranslation();
  const incidents = useOpenIncidents();
  const checks = useChecks();
  const byAsset = incidentsByAsset(incidents.data ?? []);
  const stateOf = (assetId: string, affected: boolean): keyof typeof COLOURS => {
    if (affected) return 'disrupted';
    const own = (checks.data ?? []).filter((check) => check.asset.id === assetId);
    if (own.some((check) => check.maintenance !== null)) return 'maintenance';
    return (own.length && SERVICE_STATE[worstState(own)]) || 'operational';
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="service-status-title">
      <Title order={2} size="h4" id="service-status-title">
        {t('portal.servicesTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t(checks.data ? 'portal.servicesHintChecks' : 'portal.servicesHint')}
      </Text>
      {incidents.isError && <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="service-status">
          {assets.map((asset) => {
            const affecting = byAsset.get(asset.id) ?? [];
            const state = stateOf(asset.id, affecting.length > 0);
            return (
              <Paper key={asset.id} withBorder p="sm" radius="md" data-service={asset.id}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600}>
                    {asset.name}
                  </Text>
                  <Badge color={COLOURS[state]} variant="light" miw="max-content" data-state={state}>
                    {t(`portal.${state}`)}
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
