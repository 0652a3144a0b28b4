import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { User } from '@vigie/contract';
import { canAdminister } from '../auth/permissions';
import { useCurrentSession } from '../auth/session-context';

interface NavItem {
  to: string;
  label: 'nav.overview' | 'nav.plan' | 'nav.admin';
  visible: (user: User) => boolean;
}

// Incidents, client portal and status pages join this list when their APIs exist.
const ITEMS: NavItem[] = [
  { to: '/overview', label: 'nav.overview', visible: () => true },
  { to: '/plan', label: 'nav.plan', visible: () => true },
  { to: '/admin', label: 'nav.admin', visible: canAdminister },
];

/** The pages this user may open. */
export function NavLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('app.mainNavigation')}>
      {ITEMS.filter((item) => item.visible(user)).map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
          />
        );
      })}
    </nav>
  );
}
