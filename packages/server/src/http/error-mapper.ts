import type { FastifyError } from 'fastify';
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
    const problems = error.validation.map((v) => {
      const where = `${error.validationContext ?? 'request'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`;
      return `${where}: ${v.message ?? 'invalid'}`;
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
