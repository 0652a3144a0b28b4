import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  PlanVersionSchema,
  PlanValidationResponseSchema,
  ThreatListResponseSchema,
  type PlanVersion,
} from '@vigie/contract';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { ActivePlanResponseSchema } from '../api/served-plan';

/** A plan file sent for checking or loading. */
export interface PlanUpload {
  fileName: string;
  source: string;
}

/** The active plan (a client user receives its own part only). */
export function useActivePlan() {
  return useQuery({
    queryKey: queryKeys.activePlan,
    queryFn: () => apiRequest('GET', '/api/v1/plan', ActivePlanResponseSchema),
  });
}

/** The plan's threat catalogue, with the class derived from each target time. */
export function useThreats() {
  return useQuery({
    queryKey: queryKeys.threats,
    queryFn: () => apiRequest('GET', '/api/v1/threats', ThreatListResponseSchema),
  });
}

/** Every plan version loaded, newest first. */
export function usePlanVersions(enabled = true) {
  return useQuery({
    queryKey: queryKeys.planVersions,
    queryFn: () => apiRequest('GET', '/api/v1/plan/versions', z.array(PlanVersionSchema)),
    enabled,
  });
}

/** Checks a plan file without loading it; errors come back with their line and column. */
export function useValidatePlan() {
  return useMutation({
    mutationFn: (upload: PlanUpload) =>
      apiRequest('POST', '/api/v1/plan/validate', PlanValidationResponseSchema, upload),
  });
}

const LoadedPlanSchema = z.object({ version: PlanVersionSchema, changed: z.boolean() });

/** Loads a plan file as a new version and makes it active (administrators only). */
export function useUploadPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upload: PlanUpload): Promise<{ version: PlanVersion; changed: boolean }> =>
      apiRequest('POST', '/api/v1/plan', LoadedPlanSchema, upload),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plan'] }),
  });
}
