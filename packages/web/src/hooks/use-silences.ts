import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { FiringAlertSchema, SilenceSchema, type Silence, type SilenceRequestSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type SilenceRequest = z.input<typeof SilenceRequestSchema>;

/** What « Prolonger » adds to a silence. */
export const EXTENSION_MS = 3_600_000;

/** Muted alerts arrive without a live event of their own: look again this often. */
const REFRESH_MS = 60_000;

/** Silences: active ones first, then pending ones, then those expired within the last week. */
export function useSilences(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.silences,
    queryFn: () => apiRequest('GET', '/api/v1/silences', z.array(SilenceSchema)),
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

/** Mutes the inbound alerts whose labels match, from now until the end asked for. */
export function useCreateSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SilenceRequest) => apiRequest('POST', '/api/v1/silences', SilenceSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.silences }),
  });
}

/** One more hour for a silence not yet expired, counted from its end (or from now, were it past). */
export function useExtendSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (silence: Silence) =>
      apiRequest('PUT', `/api/v1/silences/${encodeURIComponent(silence.id)}`, SilenceSchema, {
        matchers: silence.matchers,
        endsAt: Math.max(silence.endsAt, Date.now()) + EXTENSION_MS,
        comment: silence.comment,
      } satisfies SilenceRequest),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.silences }),
  });
}

/** Lifts a silence at once: the alerts it muted raise their threats again. */
export function useExpireSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCommand('DELETE', `/api/v1/silences/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.silences }),
  });
}

/** Alerts firing now shown at most under a silence being written. */
export const FIRING_SHOWN = 5;

/**
 * The alerts firing now that matchers being written meet (null: none asked): the silence
 * would mute their next sendings. `filter` is read by the server as a silence reads it.
 */
export function useFiringAlerts(filter: string | null) {
  return useQuery({
    queryKey: [...queryKeys.silences, 'firing', filter] as const,
    queryFn: () =>
      apiRequest(
        'GET',
        `/api/v1/alerts/firing?${new URLSearchParams({ filter: filter ?? '', limit: String(FIRING_SHOWN + 1) }).toString()}`,
        z.array(FiringAlertSchema),
      ),
    enabled: filter !== null,
  });
}
