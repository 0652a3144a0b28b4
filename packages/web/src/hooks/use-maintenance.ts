import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { MaintenanceWindowSchema, type MaintenanceWindowRequestSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;
export type MaintenanceWindowRequest = z.input<typeof MaintenanceWindowRequestSchema>;

/** Maintenance windows, from the plan and planned through the API: no incident opens inside one. */
export function useMaintenanceWindows() {
  return useQuery({
    queryKey: queryKeys.maintenance,
    queryFn: () => apiRequest('GET', '/api/v1/maintenance', z.array(MaintenanceWindowSchema)),
  });
}

/** Plans a maintenance window on an asset or a site. */
export function usePlanMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MaintenanceWindowRequest) =>
      apiRequest('POST', '/api/v1/maintenance', MaintenanceWindowSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.maintenance }),
  });
}

/** Cancels a planned maintenance window. */
export function useCancelMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCommand('DELETE', `/api/v1/maintenance/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.maintenance }),
  });
}
