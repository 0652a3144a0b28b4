import { Anchor, AppShell, Badge, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useIncidentStream } from '../hooks/use-incident-stream';
import { AccountMenu } from './account-menu';
import { LanguageSwitch } from './language-switch';
import { NavLinks } from './nav-links';
import classes from './app-layout.module.css';

/** The frame of every signed-in page: header, navigation, and the page itself. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const stream = useIncidentStream();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className={classes.skipLink} href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('app.openNavigation')} />
            <Anchor component={Link} to="/overview" underline="never" c="inherit">
              <Text fw={700} size="lg">
                {t('app.name')}
              </Text>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Badge
              variant="dot"
              color={stream === 'live' ? 'green' : 'orange'}
              title={t(`app.stream.${stream}Hint`)}
              data-stream={stream}
              visibleFrom="sm"
            >
              {t(`app.stream.${stream}`)}
            </Badge>
            <LanguageSwitch />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLinks onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
