import type { z } from 'zod';
import { ErrorResponseSchema, type ErrorResponse } from '@vigie/contract';

/** An answer of the API with an error status, carrying the server's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorResponse,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/** The server did not answer (network down, server stopped). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('the server did not answer', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the session, echoed on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, await readError(response));
  return response;
}

async function readError(response: Response): Promise<ErrorResponse> {
  try {
    const parsed = ErrorResponseSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through to a body built from the status
  }
  return { error: `Http${response.status}`, message: response.statusText || `HTTP ${response.status}` };
}

/** Calls the API and checks the answer against its contract schema. */
export async function apiRequest<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const response = await send(method, path, body);
  return schema.parse(await response.json());
}

/** Calls the API for an answer without a body (204). */
export async function apiCommand(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}
