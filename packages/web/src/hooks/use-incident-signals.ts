import { useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { SignalSchema } from '@vigie/contract';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type Signal = z.infer<typeof SignalSchema>;

/** The API's default page: a burst of dependent failures rarely needs a second one. */
export const SIGNAL_PAGE = 1_000;

/**
 * The detections and alerts raised on an incident, oldest first, a page at a time (internal
 * roles only). Keyed under the room: whenever the live stream refreshes it, they follow.
 */
export function useIncidentSignals(incidentId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.incidentSignals(incidentId),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({
        incident: incidentId,
        limit: String(SIGNAL_PAGE),
        offset: String(pageParam),
      });
      return apiRequest('GET', `/api/v1/signals?${params.toString()}`, z.array(SignalSchema));
    },
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.length < SIGNAL_PAGE ? undefined : pages.length * SIGNAL_PAGE),
    enabled,
  });
}
