import { Badge, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleView } from '@vigie/contract';
import { ExampleBadge } from '../../components/example-badge';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';

/** Who holds the duty at this moment, until when, and whether as a replacement. */
export function OnCallNow({ schedule }: { schedule: OnCallScheduleView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const shift = schedule.now;
  if (!shift) return null;
  const example = schedule.people.find((person) => person.id === shift.personId)?.example ?? false;
  const replacement = shift.overrideId !== null;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg={replacement ? 'var(--mantine-color-orange-light)' : 'var(--mantine-color-blue-light)'}
      data-testid="on-call-now"
      data-person={shift.personId}
    >
      <Group gap="xs">
        <Text fw={700} size="lg">
          {t('onCall.now', { name: shift.personName })}
        </Text>
        {example && <ExampleBadge />}
      </Group>
      <Text size="sm">{t('onCall.until', { time: formatDateTime(shift.to, language, timeZone) })}</Text>
      <Text size="xs" c="dimmed">
        {t('onCall.since', { time: formatDateTime(shift.from, language, timeZone) })}
      </Text>
      {replacement && (
        <Group gap="xs" mt={4} wrap="nowrap" align="flex-start">
          <Badge variant="filled" color="orange" miw="max-content">
            {t('onCall.replacement')}
          </Badge>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {shift.reason ?? t('onCall.noReason')}
          </Text>
        </Group>
      )}
    </Paper>
  );
}
