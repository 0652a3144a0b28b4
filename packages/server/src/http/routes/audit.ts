import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAN, verifyAuditLog } from '@vigie/core';
import { AuditEntrySchema, AuditPageQuerySchema, AuditVerdictSchema } from '@vigie/contract';
import type { HttpDeps } from '../deps';

export function auditRoutes(deps: HttpDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/audit',
      {
        config: { roles: CAN.audit },
        schema: {
          tags: ['audit'],
          summary: 'The audit log, oldest first, a page at a time',
          querystring: AuditPageQuerySchema,
          response: { 200: z.array(AuditEntrySchema) },
        },
      },
      (request) => deps.store.transaction((tx) => tx.audit.page(request.query.after, request.query.limit)),
    );

    app.get(
      '/api/v1/audit/verify',
      {
        config: { roles: CAN.audit },
        schema: {
          tags: ['audit'],
          summary: 'Re-computes the hash chain of the audit log',
          response: { 200: AuditVerdictSchema },
        },
      },
      () => verifyAuditLog(deps),
    );
  };
}
