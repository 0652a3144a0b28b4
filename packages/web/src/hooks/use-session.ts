import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SessionResponseSchema, type LoginRequest } from '@vigie/contract';
import type { z } from 'zod';
import { ApiError, apiCommand, apiRequest, setCsrfToken } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { adoptAccountLanguage } from '../i18n/i18n';

export type Session = z.infer<typeof SessionResponseSchema>;

/** The signed-in session, or null when nobody is signed in on this browser. */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest('GET', '/api/v1/me', SessionResponseSchema);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Who is signed in; `data` is null when nobody is. */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: Infinity });
}

/** Signs in with email and password; the session cookie is set by the server. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      apiRequest('POST', '/api/v1/auth/login', SessionResponseSchema, credentials),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.session, session);
      void adoptAccountLanguage(session.user.language);
    },
  });
}

/** Ends the session and forgets every cached answer of the previous user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiCommand('POST', '/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
