import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AvailabilityScopeSchema, type AvailabilityResponse, type AvailabilityScope } from '@vigie/contract';
import { canReadInternal } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useAvailabilityReport } from '../../hooks/use-check-history';
import { useChecks } from '../../hooks/use-checks';
import { useActivePlan } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatCount, formatDateTime, formatPercent, toZonedInputValue } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useTimeZone } from '../../lib/use-time-zone';
import { availabilityCsv } from './report-csv';
import { periodBounds, type PeriodChoice } from './report-period';

const SCOPES: AvailabilityScope[] = ['client', 'site', 'asset', 'check'];
/** A client's people see their client as a whole, or one of its checks. */
const CLIENT_SCOPES: AvailabilityScope[] = ['client', 'check'];
const PERIODS: PeriodChoice[] = ['7d', '30d', 'this-month', 'last-month', 'days'];

/**
 * Availability over a period for a client, a site, an asset or one check, with each of its
 * checks: what the contact centre reports to its client. A client user sees its own client,
 * or one of its checks.
 */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const timeZone = useTimeZone();
  const plan = useActivePlan();
  usePageTitle(t('availability.title'));
  const scopes = canReadInternal(user) ? SCOPES : CLIENT_SCOPES;
  // The report asked for is in the address (`?scope=check&id=crm-web&period=last-month`): a link
  // to it shows the same report, and a check's page links to its own.
  const [params, setParams] = useSearchParams();
  const [scope, setScope] = useState<AvailabilityScope>(
    () =>
      scopes.find((candidate) => candidate === AvailabilityScopeSchema.safeParse(params.get('scope')).data) ?? 'client',
  );
  const [chosen, setChosen] = useState<string | null>(() => params.get('id'));
  const [choice, setChoice] = useState<PeriodChoice>(() => {
    const asked = params.get('period');
    return PERIODS.find((period) => period === asked && period !== 'days') ?? '30d';
  });
  const remember = (next: { scope?: AvailabilityScope; id?: string | null; period?: PeriodChoice }) => {
    const entries = { scope: next.scope ?? scope, id: 'id' in next ? next.id : chosen, period: next.period ?? choice };
    setParams(
      Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => Boolean(entry[1]))),
      { replace: true },
    );
  };
  const [days, setDays] = useState({ first: '', last: '' });
  // Taken when the period is chosen: a rolling period does not slide at every render.
  const [askedAt, setAskedAt] = useState(() => Date.now());
  const period = useMemo(() => periodBounds(choice, askedAt, timeZone, days), [choice, askedAt, days, timeZone]);

  const checks = useChecks();
  const options = useMemo(() => {
    const served = plan.data?.plan;
    if (!served) return [];
    const list =
      scope === 'client'
        ? served.clients
        : scope === 'site'
          ? served.sites
          : scope === 'asset'
            ? served.assets
            : (checks.data ?? []);
    return list.map((item) => ({ value: item.id, label: item.name }));
  }, [plan.data, checks.data, scope]);
  // A client user's plan holds its own client only: the first option is its client.
  const id = chosen ?? options[0]?.value ?? '';
  const report = useAvailabilityReport(scope, id, period);

  if (plan.isPending) return <PageLoader />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('availability.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('availability.intro')}
        </Text>
      </div>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('availability.scope')}
          </Text>
          <SegmentedControl
            data-testid="availability-scope"
            value={scope}
            onChange={(value) => {
              setScope(value);
              setChosen(null);
              remember({ scope: value, id: null });
            }}
            data={scopes.map((value) => ({ value, label: t(`availability.scopes.${value}`) }))}
          />
        </Stack>
        <Select
          label={t('availability.target')}
          data={options}
          value={id || null}
          onChange={(value) => {
            setChosen(value);
            remember({ id: value });
          }}
          allowDeselect={false}
          w={280}
        />
        <Select
          label={t('availability.period')}
          data={PERIODS.map((value) => ({ value, label: t(`availability.periods.${value}`) }))}
          value={choice}
          onChange={(value) => {
            if (!value) return;
            setChoice(value);
            setAskedAt(Date.now());
            remember({ period: value });
          }}
          allowDeselect={false}
          w={220}
        />
        {choice === 'days' && (
          <>
            <TextInput
              type="date"
              label={t('availability.first')}
              value={days.first}
              onChange={(event) => setDays({ ...days, first: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('availability.last')}
              value={days.last}
              onChange={(event) => setDays({ ...days, last: event.currentTarget.value })}
            />
          </>
        )}
      </Group>
      {period === null ? (
        choice === 'days' && days.first && days.last ? (
          <Text c="red" size="sm">
            {t('availability.badDays')}
          </Text>
        ) : null
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data ? (
        <AvailabilityReport report={report.data} name={options.find((o) => o.value === id)?.label ?? id} />
      ) : id ? (
        <PageLoader />
      ) : null}
    </Stack>
  );
}

/** Offers the report as a CSV file, named after what it covers and its first day. */
function downloadCsv(report: AvailabilityResponse, text: string, timeZone: string) {
  const firstDay = toZonedInputValue(report.from, timeZone).slice(0, 10);
  const link = document.createElement('a');
  // A byte order mark first: a spreadsheet then reads the accents as UTF-8.
  link.href = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  link.download = `disponibilite-${report.scope}-${report.id}-${firstDay}.csv`;
  link.click();
  // Let go of the file once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function AvailabilityReport({ report, name }: { report: AvailabilityResponse; name: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const percent = (ratio: number | null) => (ratio === null ? '—' : formatPercent(ratio, language));
  const exportCsv = () =>
    downloadCsv(
      report,
      availabilityCsv(
        report,
        {
          check: t('availability.check'),
          availability: t('availability.csv.availability'),
          upRatio: t('availability.csv.upRatio'),
          up: t('availability.up'),
          degraded: t('availability.degraded'),
          down: t('availability.down'),
          total: t('availability.total'),
          all: name,
        },
        language,
      ),
      timeZone,
    );
  return (
    <Card withBorder radius="md" padding="md" data-testid="availability-report">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('availability.between', {
              from: formatDateTime(report.from, language, timeZone),
              to: formatDateTime(report.to, language, timeZone),
            })}
          </Text>
          {report.checks.length > 0 && (
            <Button variant="light" size="xs" onClick={exportCsv}>
              {t('availability.csv.button')}
            </Button>
          )}
        </Group>
        {report.checks.length === 0 ? (
          <Text c="dimmed">{t('availability.noCheck')}</Text>
        ) : report.total === 0 ? (
          <Text c="dimmed">{t('availability.noResult')}</Text>
        ) : (
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('availability.availability')}
            </Text>
            <Text size="xl" fw={700} data-testid="report-availability">
              {percent(report.availability)}
            </Text>
            <Text size="sm">{t('availability.upRatio', { ratio: percent(report.upRatio) })}</Text>
            <Text size="xs" c="dimmed">
              {t('availability.counts', {
                total: formatCount(report.total, language),
                degraded: formatCount(report.degraded, language),
                down: formatCount(report.down, language),
              })}
            </Text>
          </div>
        )}
        {report.checks.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing={4} data-testid="report-checks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('availability.check')}</Table.Th>
                  <Table.Th>{t('availability.availability')}</Table.Th>
                  <Table.Th>{t('availability.up')}</Table.Th>
                  <Table.Th>{t('availability.degraded')}</Table.Th>
                  <Table.Th>{t('availability.down')}</Table.Th>
                  <Table.Th>{t('availability.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.checks.map((check) => (
                  <Table.Tr key={check.checkId} data-check={check.checkId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/checks/${encodeURIComponent(check.checkId)}`} size="sm">
                        {check.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{percent(check.availability)}</Table.Td>
                    <Table.Td>{formatCount(check.up, language)}</Table.Td>
                    <Table.Td>{formatCount(check.degraded, language)}</Table.Td>
                    <Table.Td>{formatCount(check.down, language)}</Table.Td>
                    <Table.Td>{formatCount(check.total, language)}</Table.Td>
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
