import { createContext, useContext } from 'react';
import type { Session } from '../hooks/use-session';

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user's session; only pages behind `RequireSession` call it. */
export function useCurrentSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCurrentSession is used outside RequireSession');
  return session;
}
