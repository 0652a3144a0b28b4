import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api/client';
import { queryKeys } from '../api/query-keys';

// The server declares these beside its route (packages/server/src/http/routes/settings.ts);
// they describe what the form reads and sends.
const SmtpSettingsSchema = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string(),
  rejectUnauthorized: z.boolean(),
});
export type SmtpSettings = z.infer<typeof SmtpSettingsSchema>;

export interface SmtpSettingsRequest {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  /** Left out: keep the stored password; null: remove it. */
  password?: string | null;
  from: string;
  rejectUnauthorized: boolean;
}

/** The SMTP server Vigie sends through, or null before it is set (the password is never shown). */
export function useSmtpSettings() {
  return useQuery({
    queryKey: queryKeys.smtpSettings,
    queryFn: () => apiRequest('GET', '/api/v1/settings/smtp', SmtpSettingsSchema.nullable()),
  });
}

/** Saves the SMTP server; the password is encrypted at rest by the server. */
export function useSaveSmtpSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SmtpSettingsRequest) =>
      apiRequest('PUT', '/api/v1/settings/smtp', SmtpSettingsSchema, request),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.smtpSettings, saved),
  });
}

/** Sends a test message to the signed-in administrator through the saved server. */
export function useSendSmtpTest() {
  return useMutation({
    mutationFn: () => apiRequest('POST', '/api/v1/settings/smtp/test', z.object({ sentTo: z.string() })),
  });
}
