import { Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Site } from '@vigie/contract';
import type { ServedPlan } from '../../api/served-plan';
import { ExampleBadge } from '../../components/example-badge';
import { useLanguage } from '../../i18n/use-language';
import { formatDurationForHumans } from '../../lib/format';

/** The plan's sites with their assets, and the sync policy of the redundant site. */
export function SitesPanel({ plan }: { plan: ServedPlan }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {plan.sites.map((site) => (
        <SiteDetails key={site.id} site={site} plan={plan} />
      ))}
    </SimpleGrid>
  );
}

function SiteDetails({ site, plan }: { site: Site; plan: ServedPlan }) {
  const { t } = useTranslation();
  const assets = plan.assets.filter((asset) => asset.site === site.id);
  const titleId = `plan-site-${site.id}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id={titleId}>
            {site.name}
          </Title>
          {site.redundant && (
            <Badge color="violet" variant="light">
              {t('plan.sites.redundant')}
            </Badge>
          )}
        </Group>
        {site.address && (
          <Text size="sm" c="dimmed">
            {site.address}
          </Text>
        )}
        {site.description && <Text size="sm">{site.description}</Text>}
        <Text size="sm" fw={600}>
          {t('plan.sites.assets')}
        </Text>
        <List size="sm" spacing={4}>
          {assets.map((asset) => (
            <List.Item key={asset.id}>
              <Group gap={6} wrap="nowrap">
                <span>{asset.name}</span>
                <Text size="xs" c="dimmed" span>
                  {t(`assetKinds.${asset.kind}`)}
                </Text>
                {asset.example && <ExampleBadge />}
              </Group>
            </List.Item>
          ))}
        </List>
        {plan.redundancy?.site === site.id && <SyncPolicy plan={plan} />}
      </Stack>
    </Card>
  );
}

function SyncPolicy({ plan }: { plan: ServedPlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!plan.redundancy) return null;
  return (
    <Stack gap="xs" mt="sm">
      <Text size="sm" fw={600}>
        {t('plan.sites.sync')}
      </Text>
      {plan.redundancy.text && <Text size="sm">{plan.redundancy.text}</Text>}
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.sites.syncData')}</Table.Th>
              <Table.Th>{t('plan.sites.syncMethod')}</Table.Th>
              <Table.Th>{t('plan.sites.syncEvery')}</Table.Th>
              <Table.Th>{t('plan.sites.syncRpo')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.redundancy.sync.map((policy) => (
              <Table.Tr key={policy.id}>
                <Table.Td>{policy.data}</Table.Td>
                <Table.Td>{policy.method}</Table.Td>
                <Table.Td>{formatDurationForHumans(policy.every, language)}</Table.Td>
                <Table.Td>{formatDurationForHumans(policy.rpo, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
