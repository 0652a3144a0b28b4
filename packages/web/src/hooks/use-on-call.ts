import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { OnCallOverrideSchema, OnCallScheduleViewSchema, type OnCallOverrideRequestSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** A replacement as the form sends it. */
export type OnCallOverrideRequest = z.input<typeof OnCallOverrideRequestSchema>;

/** A hand-over comes without a live event of its own: look again this often. */
const REFRESH_MS = 60_000;

/**
 * The plan's on-call schedules: who is on call now, the shifts of the next four weeks (the
 * server's, counted from its own clock), the replacements not yet over; `until` is where the
 * shifts listed are cut (the last one goes on beyond it). Not asked while `enabled` is false (a
 * client user, whom the server refuses).
 */
export function useOnCall(enabled = true) {
  return useQuery({
    queryKey: queryKeys.onCall,
    queryFn: async () => {
      const schedules = await apiRequest('GET', '/api/v1/on-call', z.array(OnCallScheduleViewSchema));
      return { until: schedules[0]?.shifts.at(-1)?.to ?? null, schedules };
    },
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

/** Puts someone else on call on a schedule for a while, over the rotation. */
export function useCreateOnCallOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OnCallOverrideRequest) =>
      apiRequest('POST', '/api/v1/on-call/overrides', OnCallOverrideSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.onCall }),
  });
}

/** Takes a replacement back: the rotation's own turn holds again. */
export function useDeleteOnCallOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCommand('DELETE', `/api/v1/on-call/overrides/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.onCall }),
  });
}
