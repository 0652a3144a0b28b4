import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddActionItem, useUpdateActionItem } from '../../hooks/use-crisis-cell';
import type { ActionItem, IncidentSummary } from '../../hooks/use-incidents';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, fromZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useServerNow } from '../../lib/use-server-now';
import { useTimeZone } from '../../lib/use-time-zone';
import { QueryError } from '../../components/query-error';
import { ActionItemModal } from './action-item-modal';

export const COLUMNS = ['todo', 'doing', 'done'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The crisis cell's formal action plan as a board: to do, under way, done. Items move
 * with buttons (keyboard and touch alike), each labelled with the item it moves.
 */
export function ActionBoard({
  incident,
  receivedAt,
  items,
  canWrite,
}: {
  incident: IncidentSummary;
  receivedAt: number;
  items: ActionItem[];
  canWrite: boolean;
}) {
  const incidentId = incident.id;
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const now = useServerNow(incident, receivedAt);
  const update = useUpdateActionItem(incidentId);
  const [editing, setEditing] = useState<ActionItem | null>(null);
  const cancelled = items.filter((item) => item.status === 'cancelled');

  const move = (item: ActionItem, to: Column) =>
    update.mutate(
      { itemId: item.id, patch: { status: to } },
      { onSuccess: () => notify(t('room.board.moved', { title: item.title, column: t(`room.board.columns.${to}`) })) },
    );

  return (
    <Stack gap="md">
      {canWrite && <AddItemForm incidentId={incidentId} />}
      {update.isError && <QueryError error={update.error} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="action-board">
        {COLUMNS.map((column, index) => {
          const inColumn = items
            .filter((item) => item.status === column)
            .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt);
          return (
            <Paper
              key={column}
              withBorder
              p="sm"
              radius="md"
              bg="var(--mantine-color-gray-0)"
              component="section"
              aria-labelledby={`column-${column}`}
              data-column={column}
            >
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5" id={`column-${column}`}>
                  {t(`room.board.columns.${column}`)}
                </Title>
                <Badge variant="light" color="gray">
                  {inColumn.length}
                </Badge>
              </Group>
              <Stack gap="xs">
                {inColumn.length === 0 && (
                  <Text size="xs" c="dimmed">
                    {t('room.board.emptyColumn')}
                  </Text>
                )}
                {inColumn.map((item) => {
                  const late = item.dueAt !== null && item.dueAt < now && column !== 'done';
                  const previous = COLUMNS[index - 1];
                  const next = COLUMNS[index + 1];
                  return (
                    <Card key={item.id} withBorder padding="xs" radius="sm" data-item={item.title}>
                      <Text size="sm" fw={600}>
                        {item.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('room.board.owner', { owner: item.owner ?? t('room.board.noOwner') })}
                      </Text>
                      {item.dueAt !== null && (
                        <Text size="xs" c={late ? 'red' : 'dimmed'} fw={late ? 600 : undefined}>
                          {t(late ? 'room.board.lateDue' : 'room.board.due', {
                            time: formatDateTime(item.dueAt, language, timeZone),
                          })}
                        </Text>
                      )}
                      {canWrite && (
                        <Group gap={4} mt={6}>
                          {previous && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              aria-label={t('room.board.moveTo', {
                                title: item.title,
                                column: t(`room.board.columns.${previous}`),
                              })}
                              onClick={() => move(item, previous)}
                            >
                              ← {t(`room.board.columns.${previous}`)}
                            </Button>
                          )}
                          {next && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              aria-label={t('room.board.moveTo', {
                                title: item.title,
                                column: t(`room.board.columns.${next}`),
                              })}
                              onClick={() => move(item, next)}
                            >
                              {t(`room.board.columns.${next}`)} →
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-label={t('room.board.editLabel', { title: item.title })}
                            onClick={() => setEditing(item)}
                          >
                            {t('room.board.edit')}
                          </Button>
                        </Group>
                      )}
                    </Card>
                  );
                })}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      {cancelled.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('room.board.cancelled', { list: cancelled.map((item) => item.title).join(', ') })}
        </Text>
      )}
      <ActionItemModal incidentId={incidentId} item={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function AddItemForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const add = useAddActionItem(incidentId);
  const form = useForm({
    initialValues: { title: '', owner: '', due: '' },
    validate: {
      title: (value) => (value.trim() ? null : t('signIn.required')),
      due: (value) => (value === '' || fromZonedInputValue(value, timeZone) !== null ? null : t('room.dateInvalid')),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      {
        title: values.title.trim(),
        owner: values.owner.trim() || null,
        dueAt: values.due ? fromZonedInputValue(values.due, timeZone) : null,
      },
      {
        onSuccess: () => {
          notify(t('room.board.added', { title: values.title.trim() }), 'success');
          form.reset();
        },
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit} aria-label={t('room.board.add')}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('room.board.title')}
          required
          w={{ base: '100%', sm: 320 }}
          {...form.getInputProps('title')}
        />
        <TextInput label={t('room.board.ownerLabel')} w={{ base: '100%', sm: 200 }} {...form.getInputProps('owner')} />
        <TextInput
          type="datetime-local"
          label={t('room.board.dueLabel', { zone: timeZone })}
          w={{ base: '100%', sm: 230 }}
          {...form.getInputProps('due')}
        />
        <Button type="submit" loading={add.isPending}>
          {t('room.board.add')}
        </Button>
      </Group>
      {add.isError && <QueryError error={add.error} />}
    </form>
  );
}
