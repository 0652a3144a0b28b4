import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { AgentViewSchema, EnrolledAgentSchema, type EnrolAgentRequest } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** The enrolled agents, with when each was last heard from. */
export function useAgents() {
  return useQuery({
    queryKey: queryKeys.agents,
    queryFn: () => apiRequest('GET', '/api/v1/agents', z.array(AgentViewSchema)),
    refetchInterval: 30_000,
  });
}

/** Enrols an agent; its token comes back once. */
export function useEnrolAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: EnrolAgentRequest) => apiRequest('POST', '/api/v1/agents', EnrolledAgentSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.agents }),
  });
}

/** Revokes an agent's token at once. */
export function useRevokeAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCommand('DELETE', `/api/v1/agents/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.agents }),
  });
}
