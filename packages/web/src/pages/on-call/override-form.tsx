import { Select, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { OnCallScheduleView } from '@vigie/contract';
import { useCreateOnCallOverride } from '../../hooks/use-on-call';
import { useActivePlan } from '../../hooks/use-plan';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime, fromZonedInputValue, toZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { CommandModal } from '../incident-room/command-modal';
import { ZonedPeriodInputs, zonedPeriodRules } from '../../components/zoned-period-inputs';

const DAY = 86_400_000;

/**
 * Puts a team member on call instead of the rotation for a while. The period is read in
 * the plan's time zone and first covers the rest of the shift under way.
 */
export function OverrideFormModal({
  schedule,
  openedAt,
  onClose,
}: {
  schedule: OnCallScheduleView;
  /** When the dialog was opened: the replacement starts then by default. */
  openedAt: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const plan = useActivePlan();
  const create = useCreateOnCallOverride();
  const shiftEnd = schedule.now && schedule.now.to > openedAt ? schedule.now.to : openedAt + DAY;
  const period = zonedPeriodRules(timeZone, {
    invalid: t('room.dateInvalid'),
    toAfterFrom: t('onCall.form.toAfterFrom'),
  });
  const form = useForm({
    initialValues: {
      personId: '',
      from: toZonedInputValue(openedAt, timeZone),
      to: toZonedInputValue(shiftEnd, timeZone),
      reason: '',
    },
    validate: {
      personId: (value) => (value ? null : t('signIn.required')),
      from: period.from,
      to: (value, values) =>
        period.to(value, values) ??
        (fromZonedInputValue(value, timeZone)! <= Date.now() ? t('onCall.form.endsInFuture') : null),
    },
  });
  const people = (plan.data?.plan.team ?? []).map((member) => ({ value: member.id, label: member.name }));
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = () => {
    if (form.validate().hasErrors) return;
    const values = form.getValues();
    const reason = values.reason.trim();
    create.mutate(
      {
        scheduleId: schedule.id,
        personId: values.personId,
        from: fromZonedInputValue(values.from, timeZone)!,
        to: fromZonedInputValue(values.to, timeZone)!,
        ...(reason && { reason }),
      },
      {
        onSuccess: (override) => {
          notify(
            t('onCall.form.created', {
              name: override.personName,
              time: formatDateTime(override.to, language, timeZone),
            }),
            'success',
          );
          close();
        },
      },
    );
  };
  return (
    <CommandModal
      opened
      title={t('onCall.form.title', { schedule: schedule.title })}
      text={t('onCall.form.intro')}
      submitLabel={t('onCall.form.submit')}
      pending={create.isPending}
      error={create.error}
      onClose={close}
      onSubmit={submit}
    >
      <Select
        label={t('onCall.form.person')}
        required
        searchable
        data-autofocus
        data={people}
        {...form.getInputProps('personId')}
      />
      <ZonedPeriodInputs
        fromLabel={t('onCall.form.from', { zone: timeZone })}
        toLabel={t('onCall.form.to', { zone: timeZone })}
        from={form.getInputProps('from')}
        to={form.getInputProps('to')}
      />
      <Textarea
        label={t('onCall.form.reason')}
        description={t('onCall.form.reasonHint')}
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('reason')}
      />
    </CommandModal>
  );
}
