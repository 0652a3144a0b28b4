import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiRequest } from '../../api/client';
import { useActivePlan } from '../../hooks/use-plan';
import { notify } from '../../lib/notify';
import { QueryError } from '../../components/query-error';

const SentSchema = z.object({ sentTo: z.string() });

/** The plan's webhook and SMS channels, each with a button that sends a test message. */
export function PlanChannelsPanel() {
  const { t } = useTranslation();
  const plan = useActivePlan();
  const [phones, setPhones] = useState<Record<string, string>>({});
  const test = useMutation({
    mutationFn: ({ id, to }: { id: string; to?: string }) =>
      apiRequest('POST', `/api/v1/settings/channels/${encodeURIComponent(id)}/test`, SentSchema, to ? { to } : {}),
    onSuccess: (sent) => notify(t('admin.channels.sent', { to: sent.sentTo }), 'success'),
  });
  const channels = (plan.data?.plan.communication?.channels ?? []).filter((c) => c.type !== 'email');
  const fallback = plan.data?.plan.communication?.fallback;

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('admin.channels.title')}
      </Title>
      <Text size="sm" c="dimmed" maw={640}>
        {t('admin.channels.intro')}
      </Text>
      {channels.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.channels.empty')}
        </Text>
      )}
      {test.isError && <QueryError error={test.error} />}
      {channels.length > 0 && (
        <Table verticalSpacing="xs" data-testid="plan-channels">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.channels.id')}</Table.Th>
              <Table.Th>{t('admin.channels.type')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {channels.map((channel) => (
              <Table.Tr key={channel.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm" ff="monospace">
                      {channel.id}
                    </Text>
                    {channel.id === fallback && <Badge variant="light">{t('admin.channels.fallback')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`admin.channels.types.${channel.type}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    {channel.type === 'sms' && (
                      <TextInput
                        size="xs"
                        aria-label={t('admin.channels.phone')}
                        placeholder={t('admin.channels.phone')}
                        value={phones[channel.id] ?? ''}
                        onChange={(e) => setPhones({ ...phones, [channel.id]: e.currentTarget.value })}
                      />
                    )}
                    <Button
                      size="xs"
                      variant="light"
                      loading={test.isPending && test.variables?.id === channel.id}
                      disabled={channel.type === 'sms' && !phones[channel.id]?.trim()}
                      onClick={() => test.mutate({ id: channel.id, to: phones[channel.id]?.trim() })}
                      aria-label={t('admin.channels.testLabel', { id: channel.id })}
                    >
                      {t('admin.channels.test')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
