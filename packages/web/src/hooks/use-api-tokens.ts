import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { CreateApiTokenRequestSchema } from '@vigie/contract';
import { ApiTokenSchema, CreatedApiTokenSchema } from '@vigie/contract';
import { apiCommand, apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreateApiTokenRequest = z.input<typeof CreateApiTokenRequestSchema>;

/** API tokens: every one for an administrator, one's own otherwise. */
export function useApiTokens() {
  return useQuery({
    queryKey: queryKeys.apiTokens,
    queryFn: () => apiRequest('GET', '/api/v1/tokens', z.array(ApiTokenSchema)),
  });
}

/** Creates a token; the answer carries the token itself, shown once. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiTokenRequest) =>
      apiRequest('POST', '/api/v1/tokens', CreatedApiTokenSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}

/** Revokes a token at once. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiCommand('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}
