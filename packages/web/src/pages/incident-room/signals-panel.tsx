import { Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMatcher, matcherOf } from '@vigie/contract';
import { useChecks } from '../../hooks/use-checks';
import { useIncidentSignals, type Signal } from '../../hooks/use-incident-signals';
import type { IncidentSummary } from '../../hooks/use-incidents';
import { useActivePlan, useThreats } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatCount, formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { QueryError } from '../../components/query-error';
import { SilenceFormModal } from '../checks/silence-form';

/** Rows shown before « Tout afficher »: a storm of consequences should not bury the room. */
const FIRST_ROWS = 50;

const LIVE_STATUSES = ['pending', 'opened', 'attached'];

function isLive(signal: Signal): boolean {
  return LIVE_STATUSES.includes(signal.status);
}

/**
 * The signal that opened the incident: the one still `opened`, or once back to normal (its
 * status is then `recovered`), the first one from the source the incident was opened by.
 */
function openerOf(signals: readonly Signal[], incidentSource: string): Signal | undefined {
  return (
    signals.find((signal) => signal.status === 'opened') ??
    signals.find((signal) => signal.status === 'recovered' && signal.source === incidentSource)
  );
}

/** An alert's labels as matchers, each as written in a silence (`name="value"`). */
function matchersOf(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([name, value]) => formatMatcher(matcherOf(name, '=', value)));
}

/**
 * What opened the incident and what joined it: failing checks, combination rules and inbound
 * alerts, oldest first, each live or back to normal. Operators can mute a noisy alert from here.
 */
export function SignalsPanel({ incident, canSilence }: { incident: IncidentSummary; canSilence: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const signals = useIncidentSignals(incident.id, true);
  const [showAll, setShowAll] = useState(false);
  // The alert whose silence is being written, and when its form was opened.
  const [silencing, setSilencing] = useState<{ matchers: string; at: number } | null>(null);

  if (signals.isPending) return null;
  if (signals.isError) return <QueryError error={signals.error} onRetry={() => void signals.refetch()} />;
  const all = signals.data.pages.flat();
  // An incident opened by hand has no signal until one joins it: nothing to show.
  if (all.length === 0) return null;
  const opener = openerOf(all, incident.source);
  const shown = showAll ? all : all.slice(0, FIRST_ROWS);
  const total = `${formatCount(all.length, language)}${signals.hasNextPage ? '+' : ''}`;
  const showMore = () => {
    setShowAll(true);
    if (signals.hasNextPage) void signals.fetchNextPage();
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="signals">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('room.signals.title', { total })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('room.signals.intro')}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" data-testid="signals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('room.signals.source')}</Table.Th>
                <Table.Th>{t('room.signals.message')}</Table.Th>
                <Table.Th>{t('room.signals.firstAt')}</Table.Th>
                <Table.Th>{t('room.signals.lastAt')}</Table.Th>
                <Table.Th>{t('room.signals.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((signal) => (
                <SignalRow
                  key={signal.id}
                  signal={signal}
                  incident={incident}
                  opener={signal === opener}
                  canSilence={canSilence}
                  onSilence={(matchers) => setSilencing({ matchers, at: Date.now() })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {(all.length > shown.length || signals.hasNextPage) && (
          <div>
            <Button variant="subtle" size="compact-sm" loading={signals.isFetchingNextPage} onClick={showMore}>
              {all.length > shown.length ? t('room.signals.showAll') : t('room.signals.showNext')}
            </Button>
          </div>
        )}
      </Stack>
      {silencing && (
        <SilenceFormModal
          key={silencing.at}
          openedAt={silencing.at}
          initialMatchers={silencing.matchers}
          onClose={() => setSilencing(null)}
        />
      )}
    </Card>
  );
}

function SignalRow({
  signal,
  incident,
  opener,
  canSilence,
  onSilence,
}: {
  signal: Signal;
  incident: IncidentSummary;
  opener: boolean;
  canSilence: boolean;
  onSilence: (matchers: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const threats = useThreats();
  const live = isLive(signal);
  const alertname = signal.labels?.['alertname'];
  const at = (ms: number) => formatDateTime(ms, language, timeZone);
  // A consequence attached from another threat says which.
  const threatTitle = threats.data?.threats.find((threat) => threat.id === signal.threatId)?.title ?? signal.threatId;
  const role =
    signal.status === 'pending' || signal.status === 'suppressed'
      ? null
      : opener
        ? t('room.signals.opened')
        : t('room.signals.attached');
  return (
    <Table.Tr data-signal={signal.id} data-status={signal.status}>
      <Table.Td miw={240} maw={420}>
        <SignalSource signal={signal} threatTitle={threatTitle} />
        {signal.threatId !== incident.threatId && !signal.source.startsWith('rule:') && (
          <Text size="xs" c="dimmed">
            {t('room.threat', { threat: threatTitle })}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={160} maw={320}>
        <Text size="sm" style={{ overflowWrap: 'break-word' }}>
          {signal.message}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {at(signal.firstAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {at(signal.lastAt)}
        </Text>
      </Table.Td>
      <Table.Td miw={250}>
        <Stack gap={4} align="flex-start">
          {live ? (
            <Badge size="sm" variant="light" color="red" tt="none">
              {t('room.signals.live')}
            </Badge>
          ) : signal.status === 'recovered' ? (
            <Badge size="sm" variant="light" color="green" tt="none">
              {signal.recoveredAt === null
                ? t('room.signals.recovered')
                : t('room.signals.recoveredAt', { time: at(signal.recoveredAt) })}
            </Badge>
          ) : (
            <Badge size="sm" variant="light" color="gray" tt="none">
              {t('room.signals.suppressed')}
            </Badge>
          )}
          {role && (
            <Badge size="sm" variant="outline" color={opener ? 'blue' : 'gray'} tt="none">
              {role}
            </Badge>
          )}
          {canSilence && live && signal.labels && (
            <Button
              variant="light"
              size="compact-xs"
              mt={2}
              aria-label={t('room.signals.silenceLabel', { alert: alertname ?? matchersOf(signal.labels).join(', ') })}
              onClick={() => onSilence(matchersOf(signal.labels!).join(', '))}
            >
              {t('room.signals.silence')}
            </Button>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** What raised the signal: a check and its asset, a combination rule, or an alert and its labels. */
function SignalSource({ signal, threatTitle }: { signal: Signal; threatTitle: string }) {
  const { t } = useTranslation();
  const plan = useActivePlan();
  const assetName = plan.data?.plan.assets.find((asset) => asset.id === signal.assetId)?.name;
  const [kind, id] = splitSource(signal.source);
  if (kind === 'check') return <CheckSource checkId={id} assetName={assetName} />;
  if (kind === 'rule') return <Described kind={t('room.signals.rule')} name={threatTitle} />;
  if (kind === 'alert') {
    const { alertname, ...others } = signal.labels ?? {};
    return (
      <Described kind={t('room.signals.alert')} name={alertname ?? t('room.signals.noAlertname')} detail={assetName}>
        {Object.keys(others).length > 0 && (
          <Group gap={4} mt={4}>
            {matchersOf(others).map((matcher) => (
              <Code key={matcher} fz="xs" style={{ overflowWrap: 'anywhere' }} data-testid="signal-label">
                {matcher}
              </Code>
            ))}
          </Group>
        )}
      </Described>
    );
  }
  return <Described kind={signal.source} name={threatTitle} detail={assetName} />;
}

/** A failing check by its plan name, on its asset. */
function CheckSource({ checkId, assetName }: { checkId: string; assetName: string | undefined }) {
  const { t } = useTranslation();
  // Only rows of checks ask for them (once for all rows: the query is shared).
  const check = useChecks().data?.find((candidate) => candidate.id === checkId);
  return (
    <Described kind={t('room.signals.check')} name={check?.name ?? checkId} detail={assetName ?? check?.asset.name} />
  );
}

function Described({
  kind,
  name,
  detail,
  children,
}: {
  kind: string;
  name: string;
  detail?: string | undefined;
  children?: ReactNode;
}) {
  return (
    <>
      <Text size="xs" c="dimmed">
        {kind}
      </Text>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="signal-name">
        {name}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
      {children}
    </>
  );
}

/** `check:hmp-disque` → ['check', 'hmp-disque']. */
function splitSource(source: string): [string, string] {
  const colon = source.indexOf(':');
  return colon < 0 ? [source, ''] : [source.slice(0, colon), source.slice(colon + 1)];
}
