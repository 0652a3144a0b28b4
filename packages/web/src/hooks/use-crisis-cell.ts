import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  ActionItemSchema,
  DutySchema,
  SitrepSchema,
  type ActionItemPatchSchema,
  type ActionItemRequestSchema,
  type SitrepRequestSchema,
} from '@vigie/contract';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type SitrepRequest = z.input<typeof SitrepRequestSchema>;
export type ActionItemRequest = z.input<typeof ActionItemRequestSchema>;
export type ActionItemPatch = z.input<typeof ActionItemPatchSchema>;

const base = (incidentId: string) => `/api/v1/incidents/${encodeURIComponent(incidentId)}`;

function useIncidentMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents }),
  });
}

/** Posts a SITREP: sent at once to the plan's recipients; the next one falls due. */
export function usePostSitrep(incidentId: string) {
  return useIncidentMutation((request: SitrepRequest) =>
    apiRequest('POST', `${base(incidentId)}/sitreps`, SitrepSchema, request),
  );
}

/** Adds an item to the formal action plan. */
export function useAddActionItem(incidentId: string) {
  return useIncidentMutation((request: ActionItemRequest) =>
    apiRequest('POST', `${base(incidentId)}/action-items`, ActionItemSchema, request),
  );
}

/** Changes an item of the action plan: title, owner, due time or column. */
export function useUpdateActionItem(incidentId: string) {
  return useIncidentMutation(({ itemId, patch }: { itemId: string; patch: ActionItemPatch }) =>
    apiRequest('PATCH', `${base(incidentId)}/action-items/${encodeURIComponent(itemId)}`, ActionItemSchema, patch),
  );
}

/** Marks a duty of the plan as done, with its text where the duty carries one (detailed report). */
export function useCompleteDuty(incidentId: string) {
  return useIncidentMutation(({ dutyId, text }: { dutyId: string; text?: string | undefined }) =>
    apiRequest(
      'POST',
      `${base(incidentId)}/duties/${encodeURIComponent(dutyId)}/complete`,
      DutySchema,
      text ? { text } : {},
    ),
  );
}
