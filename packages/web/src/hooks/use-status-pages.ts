import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { CreatedStatusPageLinkSchema, PublicStatusPageSchema, StatusPageLinkSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Each client of the plan and the state of its status page link. */
export function useStatusPageLinks() {
  return useQuery({
    queryKey: queryKeys.statusPageLinks,
    queryFn: () => apiRequest('GET', '/api/v1/status-pages', z.array(StatusPageLinkSchema)),
  });
}

/** Creates a client's secret link (replacing the earlier one); the answer carries the token, shown once. */
export function useCreateStatusPageLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      apiRequest('POST', `/api/v1/status-pages/${encodeURIComponent(clientId)}`, CreatedStatusPageLinkSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.statusPageLinks }),
  });
}

/** Revokes a client's link at once. */
export function useRevokeStatusPageLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) => apiCommand('DELETE', `/api/v1/status-pages/${encodeURIComponent(clientId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.statusPageLinks }),
  });
}

/** The public page has no live stream (no session): it looks again every minute. */
export const PUBLIC_STATUS_REFRESH_MS = 60_000;

/** A client's public status through its secret link, without signing in. */
export function usePublicStatus(token: string) {
  return useQuery({
    queryKey: queryKeys.publicStatus(token),
    queryFn: () => apiRequest('GET', `/api/v1/status/${encodeURIComponent(token)}`, PublicStatusPageSchema),
    refetchInterval: PUBLIC_STATUS_REFRESH_MS,
  });
}
