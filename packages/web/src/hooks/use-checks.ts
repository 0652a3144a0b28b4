import { useQuery } from '@tanstack/react-query';
import { CheckListResponseSchema, type CheckView } from '@vigie/contract';
import { ApiError, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/**
 * A check's change of state arrives at once through the live stream; its last result (message,
 * latency) changes at every run without one: look again this often for that.
 */
const REFRESH_MS = 30_000;

/**
 * The plan's checks with their live state (a client user receives its own), or null when
 * this server serves no monitoring API: the interface then says so rather than invent one.
 */
export function useChecks() {
  return useQuery({
    queryKey: queryKeys.checks,
    queryFn: async (): Promise<CheckView[] | null> => {
      try {
        return (await apiRequest('GET', '/api/v1/checks', CheckListResponseSchema)).checks;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: REFRESH_MS,
  });
}
