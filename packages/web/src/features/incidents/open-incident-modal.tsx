import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { parseDuration } from '@vigie/contract';
import { ApiError } from '../../api/client';
import { useOpenIncident } from '../../hooks/use-incidents';
import { useThreats } from '../../hooks/use-plan';
import { notify } from '../../lib/notify';
import { QueryError } from '../../components/query-error';

/** "2h", "45m": the plan's notation for a duration from now. */
export function isEtaDuration(value: string): boolean {
  const ms = parseDuration(value.trim());
  return ms !== undefined && ms > 0;
}

/**
 * Opens an incident by hand for one of the plan's threats, with what is known already:
 * the cause and the technician's ETA. Lands in the incident room.
 */
export function OpenIncidentModal({
  opened,
  onClose,
  threatId,
}: {
  opened: boolean;
  onClose: () => void;
  /** The threat chosen from the plan's catalogue, if any. */
  threatId?: string | undefined;
}) {
  const { t } = useTranslation();
  const threats = useThreats();
  const open = useOpenIncident();
  const navigate = useNavigate();
  const form = useForm({
    mode: 'controlled',
    initialValues: { threatId: threatId ?? '', cause: '', eta: '' },
    validate: {
      threatId: (value) => (value ? null : t('incidents.open.threatRequired')),
      eta: (value) => (value.trim() === '' || isEtaDuration(value) ? null : t('incidents.etaInvalid')),
    },
  });

  const close = () => {
    form.reset();
    open.reset();
    onClose();
  };

  const submit = form.onSubmit((values) =>
    open.mutate(
      {
        threatId: values.threatId,
        ...(values.cause.trim() && { cause: values.cause.trim() }),
        ...(values.eta.trim() && { etaIn: values.eta.trim() }),
      },
      {
        onSuccess: ({ incident, deduplicated, etaError }) => {
          if (etaError) {
            const message = etaError instanceof ApiError ? etaError.body.message : '';
            notify(t('incidents.open.etaFailed', { message }));
          }
          notify(
            t(deduplicated ? 'incidents.open.joined' : 'incidents.open.opened', { number: incident.number }),
            'success',
          );
          close();
          void navigate(`/incidents/${incident.id}`);
        },
      },
    ),
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('incidents.open.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('incidents.open.intro')}
          </Text>
          <Select
            label={t('incidents.open.threat')}
            required
            searchable
            data-autofocus
            allowDeselect={false}
            data={(threats.data?.threats ?? []).map((threat) => ({ value: threat.id, label: threat.title }))}
            {...form.getInputProps('threatId')}
          />
          <Textarea
            label={t('incidents.open.cause')}
            description={t('incidents.open.causeHint')}
            autosize
            minRows={2}
            {...form.getInputProps('cause')}
          />
          <TextInput
            label={t('incidents.open.eta')}
            description={t('incidents.etaHint')}
            placeholder="2h"
            {...form.getInputProps('eta')}
          />
          {open.isError && <QueryError error={open.error} />}
          {threats.isError && <Alert color="red">{t('errors.generic')}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={open.isPending}>
              {t('incidents.open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
