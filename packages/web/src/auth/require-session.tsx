import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../hooks/use-session';
import { PageLoader } from '../components/page-loader';
import { QueryError } from '../components/query-error';
import { SessionContext } from './session-context';

/** Shows its children to a signed-in user, and sends anyone else to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
