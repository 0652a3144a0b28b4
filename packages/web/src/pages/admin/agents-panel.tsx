import { Badge, Button, Group, Modal, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '@vigie/contract';
import { useAgents, useEnrolAgent, useRevokeAgent } from '../../hooks/use-agents';
import { useActivePlan } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { SecretShownOnce } from '../../components/secret-shown-once';

const STATUS_COLOURS: Record<AgentView['status'], string> = {
  'never-reported': 'gray',
  reporting: 'green',
  silent: 'red',
  revoked: 'dark',
};

/** Enrols an agent for some of the plan's assets, then shows its token once. */
function EnrolAgentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const plan = useActivePlan();
  const enrol = useEnrolAgent();
  const form = useForm({
    initialValues: { id: '', name: '', assets: [] as string[] },
    validate: {
      id: (value) => (/^[a-z0-9][a-z0-9-]*$/.test(value.trim()) ? null : t('admin.agents.idHint')),
      name: (value) => (value.trim() ? null : t('signIn.required')),
      assets: (value) => (value.length ? null : t('signIn.required')),
    },
  });
  const close = () => {
    form.reset();
    enrol.reset();
    onClose();
  };
  const enrolled = enrol.data;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={enrolled ? t('admin.tokens.shownOnceTitle') : t('admin.agents.enrol')}
      size="lg"
      closeOnClickOutside={!enrolled}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {enrolled ? (
        <SecretShownOnce
          secret={enrolled.token}
          warning={t('admin.agents.shownOnce')}
          testId="agent-token"
          onDone={close}
        />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            enrol.mutate({ id: values.id.trim(), name: values.name.trim(), assets: values.assets }),
          )}
        >
          <Stack gap="sm">
            <TextInput
              label={t('admin.agents.id')}
              description={t('admin.agents.idHint')}
              required
              {...form.getInputProps('id')}
            />
            <TextInput label={t('admin.agents.name')} required {...form.getInputProps('name')} />
            <MultiSelect
              label={t('admin.agents.assets')}
              description={t('admin.agents.assetsHint')}
              data={(plan.data?.plan.assets ?? []).map((asset) => ({ value: asset.id, label: asset.name }))}
              searchable
              required
              {...form.getInputProps('assets')}
            />
            {enrol.isError && <QueryError error={enrol.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={enrol.isPending}>
                {t('admin.agents.enrol')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** The agents on the monitored servers: what they serve, when they last reported; enrol and revoke. */
export function AgentsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const agents = useAgents();
  const revoke = useRevokeAgent();
  const [enrolling, { open, close }] = useDisclosure(false);
  const [revoking, setRevoking] = useState<AgentView | null>(null);
  const when = (ms: number | null) => (ms === null ? t('admin.tokens.never') : formatDateTime(ms, language, timeZone));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {t('admin.agents.intro')}
        </Text>
        <Button onClick={open}>{t('admin.agents.enrol')}</Button>
      </Group>
      <EnrolAgentModal opened={enrolling} onClose={close} />
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('admin.agents.revokeTitle', { name: revoking?.name ?? '' })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('admin.agents.revokeWarning')}</Text>
          {revoke.isError && <QueryError error={revoke.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
            >
              {t('admin.agents.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {agents.isPending && <PageLoader />}
      {agents.isError && <QueryError error={agents.error} onRetry={() => void agents.refetch()} />}
      {agents.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.agents.empty')}
        </Text>
      )}
      {agents.data && agents.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" captionSide="top" data-testid="agents-table">
            <Table.Caption>{t('admin.agents.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.agents.name')}</Table.Th>
                <Table.Th>{t('admin.agents.assets')}</Table.Th>
                <Table.Th>{t('admin.agents.host')}</Table.Th>
                <Table.Th>{t('admin.agents.lastSeen')}</Table.Th>
                <Table.Th>{t('admin.tokens.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.data.map((agent) => (
                <Table.Tr key={agent.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {agent.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {agent.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>{agent.assets.join(', ')}</Table.Td>
                  <Table.Td>{agent.hostname ?? '—'}</Table.Td>
                  <Table.Td>{when(agent.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOURS[agent.status]} variant="light">
                      {t(`admin.agents.status.${agent.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {agent.revokedAt === null && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => setRevoking(agent)}
                        aria-label={t('admin.agents.revokeLabel', { name: agent.name })}
                      >
                        {t('admin.agents.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
