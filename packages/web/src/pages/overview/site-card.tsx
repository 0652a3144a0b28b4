import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Asset, Site } from '@vigie/contract';
import type { IncidentSummary } from '../../hooks/use-incidents';
import { ExampleBadge } from '../../components/example-badge';
import { AssetLiveStatus } from '../../features/live-status/asset-live-status';

/** One site and its assets, each with its live status and the open incidents that name it. */
export function SiteCard({
  site,
  assets,
  assetNames,
  incidents,
}: {
  site: Site;
  assets: Asset[];
  assetNames: ReadonlyMap<string, string>;
  incidents: ReadonlyMap<string, IncidentSummary[]>;
}) {
  const { t } = useTranslation();
  const titleId = `site-${site.id}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Group gap="xs">
            <Title order={2} size="h4" id={titleId}>
              {site.name}
            </Title>
            {site.redundant && (
              <Badge color="violet" variant="light">
                {t('overview.redundantSite')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t('overview.assets', { count: assets.length })}
          </Text>
        </Group>
        {site.description && <Text size="sm">{site.description}</Text>}
        {assets.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('overview.noAssets')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('overview.asset')}</Table.Th>
                  <Table.Th>{t('overview.kind')}</Table.Th>
                  <Table.Th>{t('overview.host')}</Table.Th>
                  <Table.Th>{t('overview.dependsOn')}</Table.Th>
                  <Table.Th>{t('overview.liveStatus')}</Table.Th>
                  <Table.Th>{t('overview.openIncidents')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assets.map((asset) => (
                  <Table.Tr key={asset.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {asset.name}
                        </Text>
                        {asset.example && <ExampleBadge />}
                      </Group>
                    </Table.Td>
                    <Table.Td>{t(`assetKinds.${asset.kind}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {asset.host ?? t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {asset.dependsOn.length > 0
                        ? asset.dependsOn.map((id) => assetNames.get(id) ?? id).join(', ')
                        : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <AssetLiveStatus assetId={asset.id} />
                    </Table.Td>
                    <Table.Td>
                      {(incidents.get(asset.id) ?? []).map((incident) => (
                        <Anchor
                          key={incident.id}
                          component={Link}
                          to={`/incidents/${incident.id}`}
                          size="sm"
                          c="red"
                          display="block"
                        >
                          {t('incidents.number', { number: incident.number })}
                        </Anchor>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
