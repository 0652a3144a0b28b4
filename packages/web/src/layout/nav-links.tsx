import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { User } from '@vigie/contract';
import { canOperate, canReadInternal } from '../auth/permissions';
import { useCurrentSession } from '../auth/session-context';
import type { Messages } from '../i18n/fr';

interface NavItem {
  to: string;
  label: `nav.${keyof Messages['nav']}`;
  visible: (user: User) => boolean;
}

// A client user sees the same pages, scoped by the API to its own client, without
// administration nor the on-call schedules; operators reach administration for
// maintenance windows only.
const ITEMS: NavItem[] = [
  { to: '/overview', label: 'nav.overview', visible: () => true },
  { to: '/incidents', label: 'nav.incidents', visible: () => true },
  { to: '/checks', label: 'nav.checks', visible: () => true },
  { to: '/availability', label: 'nav.availability', visible: () => true },
  { to: '/on-call', label: 'nav.onCall', visible: canReadInternal },
  { to: '/plan', label: 'nav.plan', visible: () => true },
  { to: '/admin', label: 'nav.admin', visible: canOperate },
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
