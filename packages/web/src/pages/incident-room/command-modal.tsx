import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error';

/** A dialog that asks what a command needs (or only for confirmation), then sends it. */
export function CommandModal({
  opened,
  title,
  text,
  submitLabel,
  danger = false,
  pending,
  error,
  onClose,
  onSubmit,
  children,
}: {
  opened: boolean;
  title: string;
  text?: string | undefined;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {text && <Text size="sm">{text}</Text>}
          {children}
          {error ? <QueryError error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus={children ? undefined : true}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
