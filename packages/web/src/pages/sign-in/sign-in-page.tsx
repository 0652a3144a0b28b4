import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useSession, useSignIn } from '../../hooks/use-session';
import { LanguageSwitch } from '../../layout/language-switch';
import { describeError } from '../../lib/error-message';
import { usePageTitle } from '../../lib/use-page-title';

/** Where to go after signing in: the page that sent the user here, else the overview. */
function destinationOf(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') return state.from;
  return '/overview';
}

/** Email and password; the error says what to do. */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const destination = destinationOf(location.state);
  usePageTitle(t('signIn.title'));
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('signIn.required')),
      password: (value) => (value ? null : t('signIn.required')),
    },
  });

  if (session.data) return <Navigate to={destination} replace />;

  const submit = form.onSubmit((values) =>
    signIn.mutate(values, { onSuccess: () => void navigate(destination, { replace: true }) }),
  );

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={1} size="h2">
                  {t('app.name')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('app.tagline')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            <Title order={2} size="h4">
              {t('signIn.title')}
            </Title>
            <Text size="sm">{t('signIn.intro')}</Text>
            {signIn.isError && <SignInError error={signIn.error} />}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function SignInError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  let message = describeError(error, t).message;
  if (error instanceof ApiError && (error.status === 401 || error.status === 400))
    message = t('signIn.wrongCredentials');
  if (error instanceof ApiError && error.status === 429) message = t('signIn.tooManyAttempts');
  return (
    <Alert color="red" role="alert" title={t('errors.title')}>
      {message}
    </Alert>
  );
}
