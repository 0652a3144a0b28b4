import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { CreateUserRequestSchema } from '@vigie/contract';
import { UserSchema } from '@vigie/contract';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

/** Every account (administrators only). */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: () => apiRequest('GET', '/api/v1/users', z.array(UserSchema)),
    enabled,
  });
}

/** Creates an account with a role; client users name their client. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => apiRequest('POST', '/api/v1/users', UserSchema, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
