import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExampleBadge } from '../../components/example-badge';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { CheckStateBadge } from '../../features/live-status/check-state-badge';
import { useCurrentSession } from '../../auth/session-context';
import { canReadInternal } from '../../auth/permissions';
import { useAvailabilityByCheck } from '../../hooks/use-check-history';
import { useChecks } from '../../hooks/use-checks';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, formatEvery, formatLatency, formatPercent } from '../../lib/format';
import { MaintenanceNote } from './maintenance-note';
import { measuresLatency } from './measures-latency';
import { SilencesPanel } from './silences-panel';
import { UnmatchedAlertsPanel } from './unmatched-alerts-panel';
import { usePageTitle } from '../../lib/use-page-title';
import { useTimeZone } from '../../lib/use-time-zone';

const SEVERITY = { down: 0, flapping: 1, degraded: 2, unknown: 3, up: 4 } as const;

const DAY_MS = 24 * 3_600_000;

/** Every check of the plan with its live state and last result, the failing ones first. */
export function ChecksPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const checks = useChecks();
  const { user } = useCurrentSession();
  // The contact centre's people read a site's availability, a client's user its client's.
  const groups = canReadInternal(user)
    ? [...new Set((checks.data ?? []).map((check) => check.site.id))].map((id) => ({ scope: 'site' as const, id }))
    : user.clientId
      ? [{ scope: 'client' as const, id: user.clientId }]
      : [];
  const availability = useAvailabilityByCheck(groups, DAY_MS);
  usePageTitle(t('checks.title'));

  if (checks.isPending) return <PageLoader />;
  if (checks.isError) return <QueryError error={checks.error} onRetry={() => void checks.refetch()} />;
  const list = [...(checks.data ?? [])].sort(
    (a, b) => SEVERITY[a.state] - SEVERITY[b.state] || a.name.localeCompare(b.name, language),
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('checks.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('checks.intro')}
        </Text>
      </div>
      {list.length === 0 ? (
        <Text c="dimmed" data-testid="no-check">
          {checks.data === null ? t('overview.liveNotWired') : t('checks.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="checks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('checks.check')}</Table.Th>
                <Table.Th>{t('checks.assetAndSite')}</Table.Th>
                <Table.Th>{t('checks.probe')}</Table.Th>
                <Table.Th>{t('checks.state')}</Table.Th>
                <Table.Th>{t('checks.lastResult')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((check) => (
                <Table.Tr key={check.id} data-check={check.id}>
                  <Table.Td miw={200}>
                    <Anchor component={Link} to={`/checks/${encodeURIComponent(check.id)}`} size="sm" fw={500}>
                      {check.name}
                    </Anchor>
                    <Group gap={6}>
                      <Text size="xs" c="dimmed">
                        {t('checks.every', { every: formatEvery(check.everyMs, language) })}
                      </Text>
                      {check.example && <ExampleBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{check.asset.name}</Text>
                    <Text size="xs" c="dimmed">
                      {check.site.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{check.probe}</Text>
                    {check.target && (
                      <Text size="xs" c="dimmed" ff="monospace" maw={240} style={{ overflowWrap: 'anywhere' }}>
                        {check.target}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CheckStateBadge state={check.state} />
                    {check.since !== null && (
                      <Text size="xs" c="dimmed">
                        {t('checks.since', { time: formatDateTime(check.since, language, timeZone) })}
                      </Text>
                    )}
                    {availability.has(check.id) && (
                      <Text size="xs" c="dimmed" data-testid="check-availability-24h">
                        {t('checks.availability24h', {
                          ratio: formatPercent(availability.get(check.id)!, language),
                        })}
                      </Text>
                    )}
                    <MaintenanceNote maintenance={check.maintenance} brief />
                  </Table.Td>
                  <Table.Td maw={360}>
                    {check.lastResult ? (
                      <>
                        <Text
                          size="sm"
                          lineClamp={2}
                          title={check.lastResult.message}
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {check.lastResult.message}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(check.lastResult.at, language, timeZone)}
                          {measuresLatency(check.probe) && ` · ${formatLatency(check.lastResult.latencyMs, language)}`}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('checks.noResult')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <UnmatchedAlertsPanel />
      <SilencesPanel />
    </Stack>
  );
}
