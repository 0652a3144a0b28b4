import { useMutation } from '@tanstack/react-query';
import { DrillResultSchema, type DrillRequestSchema } from '@vigie/contract';
import type { z } from 'zod';
import { apiRequest } from '../api/client';

/** Plays a threat of the active plan in simulated time (nothing is sent). */
export function useDrill() {
  return useMutation({
    mutationFn: (request: z.input<typeof DrillRequestSchema>) =>
      apiRequest('POST', '/api/v1/plan/drill', DrillResultSchema, request),
  });
}
