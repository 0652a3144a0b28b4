import { Badge, Button, Group, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCancelMaintenance,
  useMaintenanceWindows,
  usePlanMaintenance,
  type MaintenanceWindow,
} from '../../hooks/use-maintenance';
import { useActivePlan } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, fromZonedInputValue, toZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useNow } from '../../lib/use-now';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { ZonedPeriodInputs, zonedPeriodRules } from '../../components/zoned-period-inputs';
import { CommandModal } from '../incident-room/command-modal';

/** Maintenance windows: while one covers an asset or a site, Vigie opens no incident for it. */
export function MaintenancePanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const now = useNow();
  const windows = useMaintenanceWindows();
  const plan = useActivePlan();
  // When the form was opened: its default window starts an hour later.
  const [planningAt, setPlanningAt] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<MaintenanceWindow | null>(null);
  const cancel = useCancelMaintenance();
  const names = new Map<string, string>([
    ...(plan.data?.plan.assets ?? []).map((asset): [string, string] => [`asset:${asset.id}`, asset.name]),
    ...(plan.data?.plan.sites ?? []).map((site): [string, string] => [`site:${site.id}`, site.name]),
  ]);
  const sorted = [...(windows.data ?? [])].sort((a, b) => b.from - a.from);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('admin.maintenance.intro')}
        </Text>
        <Button onClick={() => setPlanningAt(Date.now())}>{t('admin.maintenance.plan')}</Button>
      </Group>
      {windows.isPending && <PageLoader />}
      {windows.isError && <QueryError error={windows.error} onRetry={() => void windows.refetch()} />}
      {windows.data &&
        (sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('admin.maintenance.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs" captionSide="top" data-testid="maintenance-table">
              <Table.Caption>{t('admin.maintenance.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.maintenance.target')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.from')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.to')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.reason')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.state')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.createdBy')}</Table.Th>
                  <Table.Th>{t('admin.maintenance.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((window) => {
                  const state = now < window.from ? 'planned' : now < window.to ? 'ongoing' : 'past';
                  const target = names.get(`${window.scope}:${window.targetId}`) ?? window.targetId;
                  return (
                    <Table.Tr key={window.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {target}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`admin.maintenance.scopes.${window.scope}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(window.from, language, timeZone)}</Table.Td>
                      <Table.Td>{formatDateTime(window.to, language, timeZone)}</Table.Td>
                      <Table.Td>{window.reason}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={state === 'ongoing' ? 'orange' : state === 'planned' ? 'blue' : 'gray'}
                          miw="max-content"
                        >
                          {t(`admin.maintenance.states.${state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {window.createdBy === 'plan' ? t('admin.maintenance.fromPlan') : window.createdBy}
                      </Table.Td>
                      <Table.Td>
                        {window.createdBy !== 'plan' && state !== 'past' && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            aria-label={t('admin.maintenance.cancelLabel', { target })}
                            onClick={() => {
                              cancel.reset();
                              setCancelling(window);
                            }}
                          >
                            {t('admin.maintenance.cancel')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      {planningAt !== null && (
        <PlanMaintenanceModal key={planningAt} openedAt={planningAt} onClose={() => setPlanningAt(null)} />
      )}
      <CommandModal
        opened={cancelling !== null}
        title={t('admin.maintenance.cancelTitle')}
        text={t('admin.maintenance.cancelText')}
        submitLabel={t('admin.maintenance.cancel')}
        danger
        pending={cancel.isPending}
        error={cancel.error}
        onClose={() => setCancelling(null)}
        onSubmit={() =>
          cancelling &&
          cancel.mutate(cancelling.id, {
            onSuccess: () => {
              notify(t('admin.maintenance.cancelled'), 'success');
              setCancelling(null);
            },
          })
        }
      />
    </Stack>
  );
}

function PlanMaintenanceModal({ openedAt, onClose }: { openedAt: number; onClose: () => void }) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const plan = useActivePlan();
  const save = usePlanMaintenance();
  const form = useForm({
    initialValues: {
      scope: 'asset' as 'asset' | 'site',
      targetId: '',
      from: toZonedInputValue(openedAt + 3_600_000, timeZone),
      to: toZonedInputValue(openedAt + 3 * 3_600_000, timeZone),
      reason: '',
    },
    validate: {
      targetId: (value) => (value ? null : t('signIn.required')),
      reason: (value) => (value.trim() ? null : t('signIn.required')),
      ...zonedPeriodRules(timeZone, {
        invalid: t('room.dateInvalid'),
        toAfterFrom: t('admin.maintenance.toAfterFrom'),
      }),
    },
  });
  const targets =
    form.values.scope === 'asset'
      ? (plan.data?.plan.assets ?? []).map((asset) => ({ value: asset.id, label: asset.name }))
      : (plan.data?.plan.sites ?? []).map((site) => ({ value: site.id, label: site.name }));
  const close = () => {
    form.reset();
    save.reset();
    onClose();
  };
  const submit = () => {
    if (form.validate().hasErrors) return;
    const values = form.getValues();
    save.mutate(
      {
        scope: values.scope,
        targetId: values.targetId,
        from: fromZonedInputValue(values.from, timeZone)!,
        to: fromZonedInputValue(values.to, timeZone)!,
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          notify(t('admin.maintenance.planned'), 'success');
          close();
        },
      },
    );
  };
  return (
    <CommandModal
      opened
      title={t('admin.maintenance.plan')}
      submitLabel={t('admin.maintenance.save')}
      pending={save.isPending}
      error={save.error}
      onClose={close}
      onSubmit={submit}
    >
      <Select
        label={t('admin.maintenance.scope')}
        allowDeselect={false}
        data={(['asset', 'site'] as const).map((scope) => ({
          value: scope,
          label: t(`admin.maintenance.scopes.${scope}`),
        }))}
        {...form.getInputProps('scope')}
        onChange={(value) => {
          form.setFieldValue('scope', value === 'site' ? 'site' : 'asset');
          form.setFieldValue('targetId', '');
        }}
      />
      <Select
        label={t('admin.maintenance.target')}
        required
        searchable
        data-autofocus
        data={targets}
        {...form.getInputProps('targetId')}
      />
      <ZonedPeriodInputs
        fromLabel={t('admin.maintenance.fromLabel', { zone: timeZone })}
        toLabel={t('admin.maintenance.toLabel', { zone: timeZone })}
        from={form.getInputProps('from')}
        to={form.getInputProps('to')}
      />
      <Textarea label={t('admin.maintenance.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
    </CommandModal>
  );
}
