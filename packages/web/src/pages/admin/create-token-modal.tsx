import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../../auth/session-context';
import { useCreateApiToken } from '../../hooks/use-api-tokens';
import { useUsers } from '../../hooks/use-users';
import { QueryError } from '../../components/query-error';
import { SecretShownOnce } from '../../components/secret-shown-once';

/** Names a new token and its user, then shows the token once. */
export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const users = useUsers();
  const createToken = useCreateApiToken();
  const form = useForm({
    initialValues: { name: '', userId: user.id },
    validate: { name: (value) => (value.trim() ? null : t('signIn.required')) },
  });

  const close = () => {
    form.reset();
    createToken.reset();
    onClose();
  };

  const created = createToken.data;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('admin.tokens.shownOnceTitle') : t('admin.tokens.create')}
      size="lg"
      closeOnClickOutside={!created}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {created ? (
        <SecretShownOnce
          secret={created.token}
          warning={t('admin.tokens.shownOnce')}
          testId="created-token"
          onDone={close}
        />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => createToken.mutate({ name: values.name.trim(), userId: values.userId }))}
        >
          <Stack gap="sm">
            <TextInput
              label={t('admin.tokens.name')}
              description={t('admin.tokens.nameHint')}
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Select
              label={t('admin.tokens.owner')}
              description={t('admin.tokens.ownerHint')}
              allowDeselect={false}
              searchable
              data={(users.data ?? [user]).map((candidate) => ({
                value: candidate.id,
                label: `${candidate.email} (${t(`roles.${candidate.role}`)})`,
              }))}
              {...form.getInputProps('userId')}
            />
            {createToken.isError && <QueryError error={createToken.error} />}
            <Text size="xs" c="dimmed">
              {t('admin.tokens.intro')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={createToken.isPending}>
                {t('admin.tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
