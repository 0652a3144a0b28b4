import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentSummary } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, formatDurationForHumans } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { ClassBadge, IncidentStatusBadge, SeverityBadge } from './incident-badges';
import { ElapsedClock, EscalationCountdown } from './incident-clocks';

/** Incidents with their clock: elapsed time, target, ETA and the next escalation, live. */
export function IncidentTable({
  incidents,
  receivedAt,
  caption,
  testId,
}: {
  incidents: IncidentSummary[];
  receivedAt: number;
  caption: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" captionSide="top" data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('incidents.incident')}</Table.Th>
            <Table.Th>{t('incidents.statusLabel')}</Table.Th>
            <Table.Th>{t('incidents.started')}</Table.Th>
            <Table.Th>{t('incidents.elapsed')}</Table.Th>
            <Table.Th>{t('incidents.target')}</Table.Th>
            <Table.Th>{t('incidents.eta')}</Table.Th>
            <Table.Th>{t('incidents.nextEscalation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incidents.map((incident) => (
            <Table.Tr key={incident.id} data-incident={incident.number}>
              <Table.Td>
                <Anchor component={Link} to={`/incidents/${incident.id}`} fw={600} size="sm">
                  {t('incidents.number', { number: incident.number })} · {incident.title}
                </Anchor>
                <Group gap={4} mt={4}>
                  <SeverityBadge severity={incident.severity} />
                  <ClassBadge expectedMs={incident.expectedMs} />
                  {incident.drill && (
                    <Text span size="xs" c="violet" fw={600}>
                      {t('incidents.drill')}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <IncidentStatusBadge status={incident.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(incident.startedAt, language, timeZone)}</Text>
              </Table.Td>
              <Table.Td>
                <ElapsedClock incident={incident} receivedAt={receivedAt} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {incident.targetMs !== null
                    ? formatDurationForHumans(incident.targetMs, language)
                    : t('plan.threats.noTarget')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {incident.etaAt !== null ? formatDateTime(incident.etaAt, language, timeZone) : t('common.none')}
                </Text>
              </Table.Td>
              <Table.Td>
                <EscalationCountdown incident={incident} receivedAt={receivedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
