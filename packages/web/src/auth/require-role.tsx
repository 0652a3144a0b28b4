import type { ReactNode } from 'react';
import type { User } from '@vigie/contract';
import { NotFoundPage } from '../pages/not-found-page';
import { useCurrentSession } from './session-context';

/** Renders its children only for users the rule admits; others see "page not found". */
export function RequireRole({ allow, children }: { allow: (user: User) => boolean; children: ReactNode }) {
  const { user } = useCurrentSession();
  return allow(user) ? children : <NotFoundPage />;
}
