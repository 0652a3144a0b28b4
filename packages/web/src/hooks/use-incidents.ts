import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  IncidentRoomSchema,
  IncidentSchema,
  IncidentSummarySchema,
  NotificationSchema,
  OpenIncidentResponseSchema,
  type OpenIncidentRequestSchema,
} from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys, type IncidentFilters } from '../api/query-keys';

export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;
export type IncidentRoom = z.infer<typeof IncidentRoomSchema>;
export type TimelineEntry = IncidentRoom['timeline'][number];
export type Duty = IncidentRoom['duties'][number];
export type Sitrep = IncidentRoom['sitreps'][number];
export type ActionItem = IncidentRoom['actionItems'][number];
export type Notification = z.infer<typeof NotificationSchema>;
export type OpenIncidentRequest = z.input<typeof OpenIncidentRequestSchema>;

/** The statuses in which the interruption is still going on. */
export const ACTIVE_STATUSES = ['open', 'acknowledged', 'mitigating'] as const;

function listPath(filters: IncidentFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.threat) params.set('threat', filters.threat);
  params.set('limit', String(filters.limit ?? 100));
  return `/api/v1/incidents?${params.toString()}`;
}

/** Incidents, newest first, with their clock; a client user receives its own only. */
export function useIncidents(filters: IncidentFilters) {
  return useQuery({
    queryKey: queryKeys.incidentList(filters),
    queryFn: () => apiRequest('GET', listPath(filters), z.array(IncidentSummarySchema)),
    placeholderData: keepPreviousData,
  });
}

/** The incidents going on now (open, acknowledged, under mitigation). */
export function useOpenIncidents() {
  return useIncidents({ status: 'active' });
}

/** The incident room: incident, timeline, duties, crisis cell, SITREPs and action plan. */
export function useIncidentRoom(id: string) {
  return useQuery({
    queryKey: queryKeys.incident(id),
    queryFn: () => apiRequest('GET', `/api/v1/incidents/${encodeURIComponent(id)}`, IncidentRoomSchema),
  });
}

/** Every message of the incident with its delivery (internal roles only). */
export function useIncidentNotifications(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.incidentNotifications(id),
    queryFn: () =>
      apiRequest('GET', `/api/v1/incidents/${encodeURIComponent(id)}/notifications`, z.array(NotificationSchema)),
    enabled,
  });
}

/**
 * Opens an incident by hand for a threat of the plan (or joins the one already open).
 * An ETA given as a duration ("2h") is set right after, counted on the server's clock
 * (a browser's clock may be off); if only that fails, the incident is open all the same.
 */
export function useOpenIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ etaIn, ...request }: OpenIncidentRequest & { etaIn?: string | undefined }) => {
      const opened = await apiRequest('POST', '/api/v1/incidents', OpenIncidentResponseSchema, request);
      let etaError: unknown = null;
      if (etaIn) {
        try {
          await runIncidentCommand(opened.incident.id, { kind: 'eta', etaIn });
        } catch (error) {
          etaError = error;
        }
      }
      return { ...opened, etaError };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents }),
  });
}

/** What a person can do to an incident, each one call of the API. */
export type IncidentCommand =
  | { kind: 'acknowledge' }
  | { kind: 'mitigate' }
  | { kind: 'close' }
  | { kind: 'eta'; etaIn: string }
  | { kind: 'eta'; etaAt: number }
  | { kind: 'cause'; cause: string }
  | { kind: 'note'; text: string; noteKind: 'note' | 'action'; public: boolean }
  | { kind: 'resolve'; summary?: string | undefined; cause?: string | undefined }
  | { kind: 'reopen'; reason?: string | undefined };

/** Sends one command about one incident to the API. */
export function runIncidentCommand(id: string, command: IncidentCommand): Promise<unknown> {
  const base = `/api/v1/incidents/${encodeURIComponent(id)}`;
  switch (command.kind) {
    case 'acknowledge':
    case 'mitigate':
    case 'close':
      return apiRequest('POST', `${base}/${command.kind}`, IncidentSchema);
    case 'eta':
      return apiRequest(
        'POST',
        `${base}/eta`,
        IncidentSchema,
        'etaIn' in command ? { etaIn: command.etaIn } : { etaAt: command.etaAt },
      );
    case 'cause':
      return apiRequest('POST', `${base}/cause`, IncidentSchema, { cause: command.cause });
    case 'note':
      return apiCommand('POST', `${base}/notes`, {
        text: command.text,
        kind: command.noteKind,
        public: command.public,
      });
    case 'resolve':
      return apiRequest('POST', `${base}/resolve`, IncidentSchema, {
        ...(command.summary && { summary: command.summary }),
        ...(command.cause && { cause: command.cause }),
      });
    case 'reopen':
      return apiRequest('POST', `${base}/reopen`, IncidentSchema, command.reason ? { reason: command.reason } : {});
  }
}

/** Acts on an incident; the room and the lists refresh once the server has answered. */
export function useIncidentCommand(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: IncidentCommand) => runIncidentCommand(id, command),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.incidents }),
  });
}
