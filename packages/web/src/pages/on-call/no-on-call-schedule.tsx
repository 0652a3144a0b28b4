import { Card, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a plan writes to have on-call schedules; shown as is, in both languages. */
const EXAMPLE = `onCall:
  - id: astreinte-technique
    title: Astreinte technique
    people: [technicien-astreinte, admin-si]   # team member ids, taking turns in this order
    every: 1w                                  # turn length
    from: '2026-01-05T08:00:00+01:00'          # first turn begins
communication:
  unacknowledged:                              # if nobody acknowledges the incident after \`after\`, notify \`to\`
    - after: 15m
      to: [admin-si]`;

/** The page when the plan has no on-call schedule: how to write one. */
export function NoOnCallSchedule() {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid="no-on-call">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('onCall.empty.title')}
        </Title>
        <Text size="sm" maw={860}>
          {t('onCall.empty.text')}
        </Text>
        <Code block>{EXAMPLE}</Code>
      </Stack>
    </Card>
  );
}
