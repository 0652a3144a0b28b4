import { Alert, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentRoom } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatClock, formatDateTime } from '../../lib/format';
import { useServerNow } from '../../lib/use-server-now';
import { useTimeZone } from '../../lib/use-time-zone';
import { SitrepForm } from './sitrep-form';

const CRISIS_ROLES = ['crisis-manager', 'technical-lead', 'communication-lead', 'scribe'] as const;

export interface SitrepDeadline {
  /** When the next SITREP is due. */
  dueAt: number;
  /** The due time of a report the server marked as missed since the last one posted. */
  missedAt: number | null;
  overdue: boolean;
}

/**
 * When the next SITREP is due, and whether one is late: past its due time now, or missed
 * earlier (the server then moves the duty to the next hour and notes the miss).
 */
export function sitrepDeadline(room: IncidentRoom, now: number): SitrepDeadline | null {
  const duty = room.duties.find((d) => d.kind === 'sitrep' && d.status === 'active');
  if (!duty || duty.dueAt === null) return null;
  const lastSitrep = Math.max(0, ...room.sitreps.map((s) => s.at));
  const missed = room.timeline
    .filter((entry) => entry.ref === duty.dutyId && entry.data['overdue'] === true && entry.at > lastSitrep)
    .map((entry) => (typeof entry.data['dueAt'] === 'number' ? entry.data['dueAt'] : entry.at));
  const missedAt = missed.length ? Math.min(...missed) : null;
  return { dueAt: duty.dueAt, missedAt, overdue: missedAt !== null || now > duty.dueAt };
}

/** The crisis cell: its members and roles, the next SITREP due, the SITREP editor and history. */
export function CrisisCellPanel({
  room,
  receivedAt,
  canWrite,
}: {
  room: IncidentRoom;
  receivedAt: number;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const now = useServerNow(room.incident, receivedAt);
  const deadline = sitrepDeadline(room, now);
  const sitreps = [...room.sitreps].sort((a, b) => b.at - a.at);
  const roleLabel = (role: string) => {
    const known = CRISIS_ROLES.find((candidate) => candidate === role);
    return known ? t(`plan.contacts.crisisRoles.${known}`) : role;
  };

  return (
    <Stack gap="md">
      <section aria-labelledby="crisis-members-title">
        <Title order={2} size="h4" id="crisis-members-title" mb="xs">
          {t('room.crisis.members')}
        </Title>
        {room.crisisCell.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('room.crisis.notActivated')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" data-testid="crisis-cell">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plan.contacts.role')}</Table.Th>
                  <Table.Th>{t('plan.contacts.name')}</Table.Th>
                  <Table.Th>{t('plan.contacts.email')}</Table.Th>
                  <Table.Th>{t('room.crisis.joinedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {room.crisisCell.map((member) => (
                  <Table.Tr key={`${member.role}:${member.personId}`}>
                    <Table.Td>{roleLabel(member.role)}</Table.Td>
                    <Table.Td>{member.name}</Table.Td>
                    <Table.Td>{member.email ?? t('common.none')}</Table.Td>
                    <Table.Td>{formatDateTime(member.joinedAt, language, timeZone)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>

      {deadline && (
        <Alert
          color={deadline.overdue ? 'red' : 'blue'}
          variant="light"
          data-testid="next-sitrep"
          data-overdue={deadline.overdue ? 'true' : 'false'}
          title={t(deadline.overdue ? 'room.crisis.overdue' : 'room.crisis.nextDue')}
        >
          {now > deadline.dueAt
            ? t('room.crisis.overdueText', {
                time: formatDateTime(deadline.dueAt, language, timeZone),
                duration: formatClock(now - deadline.dueAt, language),
              })
            : deadline.missedAt !== null
              ? t('room.crisis.missedText', {
                  missed: formatDateTime(deadline.missedAt, language, timeZone),
                  time: formatDateTime(deadline.dueAt, language, timeZone),
                  duration: formatClock(deadline.dueAt - now, language),
                })
              : t('room.crisis.nextDueText', {
                  time: formatDateTime(deadline.dueAt, language, timeZone),
                  duration: formatClock(deadline.dueAt - now, language),
                })}
        </Alert>
      )}

      {canWrite && (
        <SitrepForm
          incidentId={room.incident.id}
          enabled={deadline !== null && ['open', 'acknowledged', 'mitigating'].includes(room.incident.status)}
          previous={sitreps[0]}
        />
      )}

      <section aria-labelledby="sitrep-history-title">
        <Title order={2} size="h4" id="sitrep-history-title" mb="xs">
          {t('room.sitrep.history')}
        </Title>
        {sitreps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('room.sitrep.none')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="sitrep-history">
            {sitreps.map((sitrep, index) => (
              <Card key={sitrep.id} withBorder padding="sm" radius="md" component="article">
                <Group justify="space-between" mb={4}>
                  <Text fw={600} size="sm">
                    {t('room.sitrep.number', { number: sitreps.length - index })} ·{' '}
                    {formatDateTime(sitrep.at, language, timeZone)}
                  </Text>
                  <Badge variant="light" color="violet" tt="none">
                    {sitrep.author}
                  </Badge>
                </Group>
                <SitrepSection label={t('room.sitrep.situation')} value={sitrep.situation} />
                <SitrepSection label={t('room.sitrep.actions')} value={sitrep.actions} />
                <SitrepSection label={t('room.sitrep.nextSteps')} value={sitrep.nextSteps} />
                {sitrep.needs && <SitrepSection label={t('room.sitrep.needs')} value={sitrep.needs} />}
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function SitrepSection({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </div>
  );
}
