import { Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleView } from '@vigie/contract';
import { canOperate } from '../../auth/permissions';
import { useCurrentSession } from '../../auth/session-context';
import { ExampleBadge } from '../../components/example-badge';
import { useLanguage } from '../../i18n/use-language';
import { formatEvery } from '../../lib/format';
import { OnCallNow } from './on-call-now';
import { OverrideFormModal } from './override-form';
import { OverridesTable } from './overrides-table';
import { ShiftsTable } from './shifts-table';

/** One on-call schedule: who is on call now, the rotation, the shifts to come and the replacements. */
export function OnCallCard({ schedule, until }: { schedule: OnCallScheduleView; until: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useCurrentSession();
  const operator = canOperate(user);
  // When the form was opened: its period starts then.
  const [addingAt, setAddingAt] = useState<number | null>(null);
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="section"
      aria-labelledby={`on-call-${schedule.id}`}
      data-testid="on-call-schedule"
      data-schedule={schedule.id}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h3" id={`on-call-${schedule.id}`}>
              {schedule.title}
            </Title>
            <Text size="sm" c="dimmed">
              {t('onCall.handsOver', { every: formatEvery(schedule.every, language) })}
            </Text>
          </div>
          {operator && (
            <Button variant="light" style={{ flexShrink: 0 }} onClick={() => setAddingAt(Date.now())}>
              {t('onCall.form.open')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <OnCallNow schedule={schedule} />
          <div>
            <Text size="sm" fw={600}>
              {t('onCall.rotation')}
            </Text>
            <List type="ordered" size="sm" spacing={4} data-testid="on-call-rotation">
              {schedule.people.map((person) => (
                <List.Item key={person.id}>
                  <Group gap={6} wrap="nowrap">
                    <span>{person.name}</span>
                    {person.example && <ExampleBadge />}
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        </SimpleGrid>
        <ShiftsTable schedule={schedule} until={until} />
        <OverridesTable overrides={schedule.overrides} operator={operator} />
      </Stack>
      {addingAt !== null && (
        <OverrideFormModal key={addingAt} schedule={schedule} openedAt={addingAt} onClose={() => setAddingAt(null)} />
      )}
    </Card>
  );
}
