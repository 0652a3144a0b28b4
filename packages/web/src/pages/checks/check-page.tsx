import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CheckView } from '@vigie/contract';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { CheckStateBadge, STATE_COLOURS } from '../../features/live-status/check-state-badge';
import { useAvailability, useCheckResults } from '../../hooks/use-check-history';
import { useChecks } from '../../hooks/use-checks';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, formatEvery, formatLatency, formatPercent } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useTimeZone } from '../../lib/use-time-zone';
import { NotFoundPage } from '../not-found-page';
import { MaintenanceNote } from './maintenance-note';
import { measuresLatency } from './measures-latency';
import { ResultStrip } from './result-strip';

const HOUR = 3_600_000;
const WINDOWS = [
  { key: 'day', ms: 24 * HOUR },
  { key: 'week', ms: 7 * 24 * HOUR },
  { key: 'month', ms: 30 * 24 * HOUR },
] as const;
/** The latest results listed under the strip. */
const LISTED = 20;

/** One check: its state, availability over a day, a week and a month, and its latest results. */
export function CheckPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const checks = useChecks();
  const check = checks.data?.find((candidate) => candidate.id === id);
  usePageTitle(check?.name ?? t('checks.title'));

  if (checks.isPending) return <PageLoader />;
  if (checks.isError) return <QueryError error={checks.error} onRetry={() => void checks.refetch()} />;
  if (!check) return <NotFoundPage />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/checks" size="sm">
        ← {t('checks.back')}
      </Anchor>
      <CheckHeader check={check} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="availability">
        {WINDOWS.map((window) => (
          <AvailabilityCard
            key={window.key}
            checkId={check.id}
            label={t(`checks.windows.${window.key}`)}
            ms={window.ms}
          />
        ))}
      </SimpleGrid>
      <Anchor
        component={Link}
        to={`/availability?${new URLSearchParams({ scope: 'check', id: check.id }).toString()}`}
        size="sm"
      >
        {t('checks.otherPeriod')}
      </Anchor>
      <LatestResults checkId={check.id} timed={measuresLatency(check.probe)} />
    </Stack>
  );
}

function CheckHeader({ check }: { check: CheckView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  return (
    <Stack gap={4}>
      <Group gap="sm" align="center">
        <Title order={1} size="h2">
          {check.name}
        </Title>
        <CheckStateBadge state={check.state} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('checks.header', {
          asset: check.asset.name,
          site: check.site.name,
          probe: check.probe,
          every: formatEvery(check.everyMs, language),
        })}
      </Text>
      {check.target && (
        <Text size="sm" ff="monospace">
          {check.target}
        </Text>
      )}
      <Text size="sm">
        {t('checks.policy', { failAfter: check.failAfter, recoverAfter: check.recoverAfter })}
        {check.retryEveryMs !== null && t('checks.retry', { retry: formatEvery(check.retryEveryMs, language) })}
        {check.since !== null && ` · ${t('checks.since', { time: formatDateTime(check.since, language, timeZone) })}`}
      </Text>
      <MaintenanceNote maintenance={check.maintenance} />
    </Stack>
  );
}

function AvailabilityCard({ checkId, label, ms }: { checkId: string; label: string; ms: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const availability = useAvailability('check', checkId, ms);
  const figures = availability.data;
  return (
    <Card withBorder radius="md" padding="sm" data-window={ms}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {availability.isError ? (
        <QueryError error={availability.error} />
      ) : (
        <>
          <Text size="xl" fw={700} data-testid="availability-figure">
            {figures?.availability == null ? '—' : formatPercent(figures.availability, language)}
          </Text>
          <Text size="xs" c="dimmed">
            {figures
              ? t('checks.counts', { total: figures.total, degraded: figures.degraded, down: figures.down })
              : t('common.loading')}
          </Text>
        </>
      )}
    </Card>
  );
}

function LatestResults({ checkId, timed }: { checkId: string; timed: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const results = useCheckResults(checkId, HOUR);
  if (results.isPending) return <PageLoader />;
  if (results.isError) return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  const raw = results.data.resolution === 'raw' ? results.data.results : [];
  const latest = raw.slice(-LISTED).reverse();
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('checks.lastHour')}
        </Title>
        {raw.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-result">
            {t('checks.noResultLastHour')}
          </Text>
        ) : (
          <>
            <ResultStrip results={raw} timed={timed} />
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing={4} data-testid="results-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('checks.at')}</Table.Th>
                    <Table.Th>{t('checks.status')}</Table.Th>
                    {timed && <Table.Th>{t('checks.latency')}</Table.Th>}
                    <Table.Th>{t('checks.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {latest.map((result) => (
                    <Table.Tr key={`${result.at}-${result.status}`}>
                      <Table.Td>{formatDateTime(result.at, language, timeZone)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATE_COLOURS[result.status]} data-status={result.status}>
                          {t(`overview.checkStates.${result.status}`)}
                        </Badge>
                      </Table.Td>
                      {timed && <Table.Td>{formatLatency(result.latencyMs, language)}</Table.Td>}
                      <Table.Td>
                        <Text size="sm">{result.message}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}
