import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useSaveSmtpSettings,
  useSendSmtpTest,
  useSmtpSettings,
  type SmtpSettings,
} from '../../hooks/use-smtp-settings';
import { notify } from '../../lib/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';

interface SmtpForm {
  host: string;
  port: number | string;
  secure: boolean;
  user: string;
  password: string;
  removePassword: boolean;
  from: string;
  rejectUnauthorized: boolean;
}

function toForm(settings: SmtpSettings | null): SmtpForm {
  return {
    host: settings?.host ?? '',
    port: settings?.port ?? 587,
    secure: settings?.secure ?? false,
    user: settings?.user ?? '',
    password: '',
    removePassword: false,
    from: settings?.from ?? '',
    rejectUnauthorized: settings?.rejectUnauthorized ?? true,
  };
}

/** The email channel: the SMTP server Vigie sends the plan's messages through, and a test message. */
export function SmtpPanel() {
  const { t } = useTranslation();
  const settings = useSmtpSettings();
  const save = useSaveSmtpSettings();
  const test = useSendSmtpTest();
  const form = useForm<SmtpForm>({
    initialValues: toForm(null),
    validate: {
      host: (value) => (value.trim() ? null : t('signIn.required')),
      port: (value) => {
        const port = Number(value);
        return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : t('admin.smtp.portInvalid');
      },
      from: (value) => (/^[^\s@]+@[^\s@]+$/.test(value.trim()) ? null : t('admin.users.invalidEmail')),
    },
  });
  const { setValues, resetDirty } = form;
  const loaded = settings.data;
  useEffect(() => {
    if (loaded === undefined) return;
    setValues(toForm(loaded));
    resetDirty();
  }, [loaded, setValues, resetDirty]);

  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        host: values.host.trim(),
        port: Number(values.port),
        secure: values.secure,
        user: values.user.trim() || null,
        ...(values.removePassword ? { password: null } : values.password ? { password: values.password } : {}),
        from: values.from.trim(),
        rejectUnauthorized: values.rejectUnauthorized,
      },
      { onSuccess: () => notify(t('admin.smtp.saved'), 'success') },
    ),
  );

  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Stack gap="md" maw={760}>
      <Text size="sm" c="dimmed">
        {t('admin.smtp.intro')}
      </Text>
      {settings.data === null && (
        <Alert color="yellow" variant="light" data-testid="smtp-not-set">
          {t('admin.smtp.notSet')}
        </Alert>
      )}
      <form noValidate onSubmit={submit} aria-label={t('admin.smtp.title')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('admin.smtp.host')}
              required
              placeholder="smtp.example.org"
              {...form.getInputProps('host')}
            />
            <NumberInput
              label={t('admin.smtp.port')}
              required
              min={1}
              max={65535}
              allowDecimal={false}
              {...form.getInputProps('port')}
            />
            <TextInput label={t('admin.smtp.user')} autoComplete="off" {...form.getInputProps('user')} />
            <PasswordInput
              label={t('admin.smtp.password')}
              description={settings.data?.hasPassword ? t('admin.smtp.passwordKept') : t('admin.smtp.passwordHint')}
              autoComplete="new-password"
              disabled={form.values.removePassword}
              {...form.getInputProps('password')}
            />
            <TextInput
              label={t('admin.smtp.from')}
              description={t('admin.smtp.fromHint')}
              required
              placeholder="vigie@example.org"
              {...form.getInputProps('from')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('admin.smtp.secure')}
            description={t('admin.smtp.secureHint')}
            {...form.getInputProps('secure', { type: 'checkbox' })}
          />
          <Checkbox
            label={t('admin.smtp.rejectUnauthorized')}
            description={t('admin.smtp.rejectUnauthorizedHint')}
            {...form.getInputProps('rejectUnauthorized', { type: 'checkbox' })}
          />
          {settings.data?.hasPassword && (
            <Checkbox
              label={t('admin.smtp.removePassword')}
              {...form.getInputProps('removePassword', { type: 'checkbox' })}
            />
          )}
          {save.isError && <QueryError error={save.error} />}
          <Group justify="space-between">
            <Button
              variant="light"
              disabled={settings.data === null || form.isDirty()}
              title={form.isDirty() ? t('admin.smtp.saveFirst') : undefined}
              loading={test.isPending}
              onClick={() =>
                test.mutate(undefined, {
                  onSuccess: ({ sentTo }) => notify(t('admin.smtp.testSent', { to: sentTo }), 'success'),
                })
              }
            >
              {t('admin.smtp.test')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.smtp.save')}
            </Button>
          </Group>
          {test.isSuccess && (
            <Alert color="green" variant="light" data-testid="smtp-test-result">
              {t('admin.smtp.testSent', { to: test.data.sentTo })}
            </Alert>
          )}
          {test.isError && <QueryError error={test.error} />}
        </Stack>
      </form>
    </Stack>
  );
}
