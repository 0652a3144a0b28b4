import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_NAMES } from '@vigie/contract';
import { ApiError } from '../../api/client';
import { useActivePlan } from '../../hooks/use-plan';
import { useCreateUser } from '../../hooks/use-users';
import { LANGUAGES } from '../../i18n/i18n';
import { notify } from '../../lib/notify';
import { QueryError } from '../../components/query-error';
import { randomPassword } from './random-password';

type RoleName = (typeof ROLE_NAMES)[number];

interface UserFormValues {
  email: string;
  name: string;
  role: RoleName;
  clientId: string | null;
  language: 'fr' | 'en';
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form that creates an account: email, name, role, client for client users, language, password. */
export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const createUser = useCreateUser();
  const clients = useActivePlan().data?.plan.clients ?? [];
  const [passwordVisible, setPasswordVisible] = useState(false);
  const form = useForm<UserFormValues>({
    initialValues: { email: '', name: '', role: 'operator', clientId: null, language: 'fr', password: '' },
    validate: {
      email: (value) => (EMAIL.test(value.trim()) ? null : t('admin.users.invalidEmail')),
      password: (value) => (value.length >= 12 ? null : t('admin.users.passwordTooShort')),
      clientId: (value, values) => (values.role === 'client' && !value ? t('admin.users.clientRequired') : null),
    },
  });

  const close = () => {
    form.reset();
    createUser.reset();
    setPasswordVisible(false);
    onClose();
  };

  const submit = form.onSubmit((values) =>
    createUser.mutate(
      {
        email: values.email.trim(),
        ...(values.name.trim() && { name: values.name.trim() }),
        role: values.role,
        clientId: values.role === 'client' ? values.clientId : null,
        language: values.language,
        password: values.password,
      },
      {
        onSuccess: (user) => {
          notify(t('admin.users.created', { email: user.email }), 'success');
          close();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409)
            form.setFieldError('email', t('admin.users.alreadyExists'));
        },
      },
    ),
  );

  const generate = () => {
    form.setFieldValue('password', randomPassword());
    setPasswordVisible(true);
  };

  const showError = createUser.error && !(createUser.error instanceof ApiError && createUser.error.status === 409);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('admin.users.create')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('admin.users.email')}
            type="email"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <TextInput label={t('admin.users.name')} {...form.getInputProps('name')} />
          <Group grow align="flex-start">
            <Select
              label={t('admin.users.role')}
              required
              allowDeselect={false}
              data={ROLE_NAMES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.getInputProps('role')}
            />
            <Select
              label={t('admin.users.language')}
              allowDeselect={false}
              data={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }))}
              {...form.getInputProps('language')}
            />
          </Group>
          {form.values.role === 'client' && (
            <Select
              label={t('admin.users.client')}
              description={t('admin.users.clientHint')}
              required
              data={clients.map((client) => ({ value: client.id, label: client.name }))}
              {...form.getInputProps('clientId')}
            />
          )}
          <Group align="flex-end" wrap="nowrap">
            <PasswordInput
              style={{ flex: 1 }}
              label={t('admin.users.password')}
              description={t('admin.users.passwordHint')}
              required
              autoComplete="new-password"
              visible={passwordVisible}
              onVisibilityChange={setPasswordVisible}
              {...form.getInputProps('password')}
            />
            <Button variant="default" onClick={generate}>
              {t('admin.users.generate')}
            </Button>
          </Group>
          {showError && <QueryError error={createUser.error} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={createUser.isPending}>
              {t('admin.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
