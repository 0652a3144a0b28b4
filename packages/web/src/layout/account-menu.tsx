import { Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentSession } from '../auth/session-context';
import { useSignOut } from '../hooks/use-session';
import { notify } from '../lib/notify';

/** Who is signed in, with which role, and the way out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const name = user.name || user.email;

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => {
        notify(t('account.signedOut'));
        void navigate('/sign-in', { replace: true });
      },
    });

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="sm" aria-label={t('account.menu', { name })}>
          {name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('account.signedInAs')}</Menu.Label>
        <Text px="sm" size="sm" fw={600}>
          {user.email}
        </Text>
        <Text px="sm" size="sm" data-testid="account-role">
          {t('account.role', { role: t(`roles.${user.role}`) })}
        </Text>
        {user.clientId && (
          <Text px="sm" size="sm">
            {t('account.client', { client: user.clientId })}
          </Text>
        )}
        <Menu.Divider />
        <Menu.Item color="red" onClick={onSignOut} disabled={signOut.isPending}>
          {t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
