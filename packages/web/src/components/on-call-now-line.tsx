import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OnCallScheduleView } from '@vigie/contract';
import { useOnCall } from '../hooks/use-on-call';
import { useActivePlan } from '../hooks/use-plan';
import { useLanguage } from '../i18n/use-language';
import { formatDateTime } from '../lib/format';
import { useTimeZone } from '../lib/use-time-zone';
import { ExampleBadge } from './example-badge';

/**
 * Who is on call now, one line per schedule of the plan: on the overview with the end of the
 * shift and a link to the schedules, in the incident room as a reminder of whom to call.
 * Nothing when the plan has no schedule; not even asked while `enabled` is false (a client user).
 */
export function OnCallNowLine({ enabled, variant }: { enabled: boolean; variant: 'overview' | 'room' }) {
  const { t } = useTranslation();
  const onCall = useOnCall(enabled);
  const schedules = onCall.data?.schedules ?? [];
  if (!enabled || schedules.length === 0) return null;
  const lines = schedules.map((schedule) => (
    <ScheduleLine key={schedule.id} schedule={schedule} withEnd={variant === 'overview'} />
  ));
  if (variant === 'room') {
    return (
      <Stack gap={2} data-testid="on-call-line">
        {lines}
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="md" px="md" py="xs" data-testid="on-call-line">
      <Group justify="space-between" align="center" gap="xs">
        <Stack gap={2}>{lines}</Stack>
        <Anchor component={Link} to="/on-call" size="sm">
          {t('onCall.line.link')}
        </Anchor>
      </Group>
    </Paper>
  );
}

/** « D’astreinte : name (schedule) », and until when on the overview, or their phone in the incident room. */
function ScheduleLine({ schedule, withEnd }: { schedule: OnCallScheduleView; withEnd: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const plan = useActivePlan();
  const shift = schedule.now;
  const phone = withEnd ? undefined : plan.data?.plan.team.find((member) => member.id === shift?.personId)?.phone;
  const example = shift !== null && schedule.people.some((person) => person.id === shift.personId && person.example);
  return (
    <Group gap={6} wrap="wrap" data-schedule={schedule.id} data-person={shift?.personId ?? ''}>
      <Text size="sm">
        {withEnd ? t('onCall.line.label') : t('onCall.line.labelNow')}{' '}
        <Text span fw={600} inherit>
          {shift ? shift.personName : t('onCall.line.nobody')}
        </Text>{' '}
        ({schedule.title})
        {withEnd && shift && (
          <Text span c="dimmed" inherit>
            {' '}
            {t('onCall.until', { time: formatDateTime(shift.to, language, timeZone) })}
          </Text>
        )}
      </Text>
      {phone && (
        <Anchor href={`tel:${phone.replace(/\s+/g, '')}`} size="sm">
          {phone}
        </Anchor>
      )}
      {example && <ExampleBadge />}
      {shift && shift.overrideId !== null && (
        <Badge size="xs" color="orange" variant="light" miw="max-content" title={shift.reason ?? undefined}>
          {t('onCall.replacement')}
        </Badge>
      )}
    </Group>
  );
}
