import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { UnmatchedAlertSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Alerts arrive without a live event of their own: look again this often. */
const REFRESH_MS = 60_000;

/** Firing alerts of the last week that revealed no threat of the plan in force. */
export function useUnmatchedAlerts(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.unmatchedAlerts,
    queryFn: () => apiRequest('GET', '/api/v1/alerts/unmatched', z.array(UnmatchedAlertSchema)),
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

/** Takes one kind of unmatched alert off the list; it comes back if it fires again. */
export function useDismissUnmatchedAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => apiCommand('DELETE', `/api/v1/alerts/unmatched/${encodeURIComponent(key)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.unmatchedAlerts }),
  });
}
