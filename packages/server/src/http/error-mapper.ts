import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError, type DomainErrorKind } from '@vigie/core';
import type { ErrorResponse } from '@vigie/contract';

const STATUS: Record<DomainErrorKind, number> = {
  Invalid: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Precondition: 412,
};

const KIND_BY_STATUS: Record<number, string> = {
  400: 'Invalid',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  412: 'Precondition',
  413: 'TooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
};

/** Turns any error into a status and a body a user can act on; only true faults are 5xx. */
export function mapError(error: unknown): { status: number; body: ErrorResponse } {
  if (isDomainError(error)) {
    return {
      status: STATUS[error.kind],
      body: {
        error: error.kind,
        message: error.message,
        ...(error.details !== undefined && { details: error.details }),
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'request';
    const problems = error.validation.flatMap((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      const union = v.keyword === 'invalid_union' ? closestAlternative(v.params['errors']) : undefined;
      return union
        ? union.map((issue) => describeProblem(context, [...path, ...issue.path.map(String)], issue.message))
        : [describeProblem(context, path, v.message ?? 'invalid')];
    });
    return { status: 400, body: { error: 'Invalid', message: problems.join('; '), details: error.validation } };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: KIND_BY_STATUS[status] ?? 'BadRequest', message: friendlyMessage(fastifyError) } };
  }
  return { status: 500, body: { error: 'Internal', message: 'an unexpected error occurred; it was logged' } };
}

function describeProblem(context: string, path: readonly string[], message: string): string {
  return `${[context, ...path].join('.')}: ${message}`;
}

interface UnionIssue {
  path: readonly PropertyKey[];
  message: string;
}

const UnionAlternativesSchema = z.array(
  z.array(z.object({ path: z.array(z.union([z.string(), z.number(), z.symbol()])), message: z.string() })),
);

/**
 * A body that fits none of a union's shapes: "Invalid input" says nothing, so the problems of
 * the shape it came closest to are told instead: the one whose problems reach deepest into
 * the body, then the one with the fewest.
 */
function closestAlternative(errors: unknown): UnionIssue[] | undefined {
  const alternatives = UnionAlternativesSchema.safeParse(errors);
  if (!alternatives.success) return undefined;
  const depth = (issues: UnionIssue[]) => Math.max(...issues.map((issue) => issue.path.length));
  return alternatives.data
    .filter((issues) => issues.length > 0)
    .sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
}

function friendlyMessage(error: Partial<FastifyError>): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the body is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type: send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty: send a JSON document';
    default:
      return error.message ?? 'bad request';
  }
}
