import { Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateActionItem } from '../../hooks/use-crisis-cell';
import type { ActionItem } from '../../hooks/use-incidents';
import { fromZonedInputValue, toZonedInputValue } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTimeZone } from '../../lib/use-time-zone';
import { CommandModal } from './command-modal';

const STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;

/** Changes an item of the action plan: its title, owner, due time or column; or cancels it. */
export function ActionItemModal({
  incidentId,
  item,
  onClose,
}: {
  incidentId: string;
  item: ActionItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const update = useUpdateActionItem(incidentId);
  const form = useForm({
    initialValues: { title: '', owner: '', due: '', status: 'todo' as (typeof STATUSES)[number] },
    validate: {
      title: (value) => (value.trim() ? null : t('signIn.required')),
      due: (value) => (value === '' || fromZonedInputValue(value, timeZone) !== null ? null : t('room.dateInvalid')),
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (!item) return;
    setValues({
      title: item.title,
      owner: item.owner ?? '',
      due: item.dueAt !== null ? toZonedInputValue(item.dueAt, timeZone) : '',
      status: item.status,
    });
    resetDirty();
    // Filled once per item opened, not on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item?.id]);

  const close = () => {
    update.reset();
    onClose();
  };
  const submit = () => {
    if (!item || form.validate().hasErrors) return;
    const values = form.getValues();
    update.mutate(
      {
        itemId: item.id,
        patch: {
          title: values.title.trim(),
          owner: values.owner.trim() || null,
          dueAt: values.due ? fromZonedInputValue(values.due, timeZone) : null,
          status: values.status,
        },
      },
      {
        onSuccess: () => {
          notify(t('room.board.saved', { title: values.title.trim() }), 'success');
          close();
        },
      },
    );
  };

  return (
    <CommandModal
      opened={item !== null}
      title={t('room.board.editTitle', { title: item?.title ?? '' })}
      submitLabel={t('room.board.save')}
      pending={update.isPending}
      error={update.error}
      onClose={close}
      onSubmit={submit}
    >
      <TextInput label={t('room.board.title')} required data-autofocus {...form.getInputProps('title')} />
      <TextInput label={t('room.board.ownerLabel')} {...form.getInputProps('owner')} />
      <TextInput
        type="datetime-local"
        label={t('room.board.dueLabel', { zone: timeZone })}
        {...form.getInputProps('due')}
      />
      <Select
        label={t('room.board.column')}
        allowDeselect={false}
        data={STATUSES.map((status) => ({
          value: status,
          label: status === 'cancelled' ? t('room.board.cancelledStatus') : t(`room.board.columns.${status}`),
        }))}
        {...form.getInputProps('status')}
      />
    </CommandModal>
  );
}
