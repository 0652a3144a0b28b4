import { useQueries, useQuery } from '@tanstack/react-query';
import { AvailabilityResponseSchema, CheckResultsResponseSchema, type AvailabilityScope } from '@vigie/contract';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Results and availability move with every run: look again this often. */
const REFRESH_MS = 30_000;

/**
 * Availability of a check (or an asset, a site, a client) over the last `windowMs`, the
 * window ending when the answer is asked for.
 */
export function useAvailability(scope: AvailabilityScope, id: string, windowMs: number) {
  return useQuery(availabilityQuery(scope, id, windowMs));
}

function availabilityQuery(scope: AvailabilityScope, id: string, windowMs: number) {
  return {
    queryKey: queryKeys.availability(scope, id, windowMs),
    queryFn: () => {
      const to = Date.now();
      const query = new URLSearchParams({ scope, id, from: String(to - windowMs), to: String(to) });
      return apiRequest('GET', `/api/v1/availability?${query.toString()}`, AvailabilityResponseSchema);
    },
    refetchInterval: REFRESH_MS,
  };
}

/**
 * Each check's availability over the last `windowMs`, from the availability of the groups
 * that hold them (the sites for the contact centre's people, its client for a client user):
 * a few requests for the whole list. A check without results is left out.
 */
export function useAvailabilityByCheck(
  groups: readonly { scope: AvailabilityScope; id: string }[],
  windowMs: number,
): ReadonlyMap<string, number> {
  const answers = useQueries({ queries: groups.map(({ scope, id }) => availabilityQuery(scope, id, windowMs)) });
  const byCheck = new Map<string, number>();
  for (const answer of answers)
    for (const check of answer.data?.checks ?? [])
      if (check.availability !== null) byCheck.set(check.checkId, check.availability);
  return byCheck;
}

/** A check's results over the last `windowMs` (raw for a short window, rolled up beyond). */
export function useCheckResults(checkId: string, windowMs: number) {
  return useQuery({
    queryKey: queryKeys.checkResults(checkId, windowMs),
    queryFn: () => {
      const to = Date.now();
      const query = new URLSearchParams({ from: String(to - windowMs), to: String(to) });
      return apiRequest(
        'GET',
        `/api/v1/checks/${encodeURIComponent(checkId)}/results?${query.toString()}`,
        CheckResultsResponseSchema,
      );
    },
    refetchInterval: REFRESH_MS,
  });
}

/** Availability of every check of an asset, a site or a client between two instants, for a report. */
export function useAvailabilityReport(
  scope: AvailabilityScope,
  id: string,
  period: { from: number; to: number } | null,
) {
  return useQuery({
    queryKey: queryKeys.availabilityReport(scope, id, period?.from ?? 0, period?.to ?? 0),
    queryFn: () => {
      const query = new URLSearchParams({ scope, id, from: String(period!.from), to: String(period!.to) });
      return apiRequest('GET', `/api/v1/availability?${query.toString()}`, AvailabilityResponseSchema);
    },
    enabled: id !== '' && period !== null,
  });
}
