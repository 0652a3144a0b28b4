import { readFileSync } from 'node:fs';
import { Agent, request, type Dispatcher } from 'undici';
import {
  ReportsAcceptedSchema,
  TaskResultAcceptedSchema,
  WorkResponseSchema,
  type AgentReport,
  type AgentTask,
  type AgentTaskResult,
  type ReportsAccepted,
} from '@vigie/contract';
import type { z } from 'zod';

/** The server could not be reached or refused; `status` is the HTTP status when there was one. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }

  /** The token is refused: retrying soon will not help. */
  get unauthorised(): boolean {
    return this.status === 401;
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Talks to Vigie's agent routes with the agent's token; every answer is checked before use. */
export class ServerClient {
  private readonly dispatcher: Dispatcher;
  private readonly base: string;
  private readonly token: string;

  constructor(config: { server: string; token: string; caFile?: string | undefined }) {
    this.base = config.server.replace(/\/+$/, '');
    this.dispatcher = new Agent({
      connect: config.caFile ? { ca: readFileSync(config.caFile, 'utf8') } : {},
      keepAliveTimeout: 30_000,
    });
    this.token = config.token;
  }

  async postReports(reports: AgentReport[]): Promise<ReportsAccepted> {
    const answer = await this.call('POST', '/api/agent/v1/reports', { reports }, ReportsAcceptedSchema);
    if (!answer) throw new ServerError('POST /api/agent/v1/reports: an empty answer', 204);
    return answer;
  }

  /** Waits up to `waitS` seconds for tasks; none is an empty list. */
  async pollWork(waitS: number, signal?: AbortSignal): Promise<AgentTask[]> {
    const answer = await this.call('GET', `/api/agent/v1/work?wait=${waitS}`, undefined, WorkResponseSchema, {
      timeoutMs: waitS * 1_000 + REQUEST_TIMEOUT_MS,
      signal,
    });
    return answer?.tasks ?? [];
  }

  async postResult(taskId: string, result: AgentTaskResult): Promise<void> {
    await this.call(
      'POST',
      `/api/agent/v1/tasks/${encodeURIComponent(taskId)}/result`,
      result,
      TaskResultAcceptedSchema,
    );
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    options: { timeoutMs?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<T | undefined> {
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${this.base}${path}`, {
        method,
        dispatcher: this.dispatcher,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(options.signal && { signal: options.signal }),
      });
    } catch (error) {
      throw new ServerError(`cannot reach ${this.base}: ${(error as Error).message}`, null);
    }
    const text = await response.body.text().catch(() => '');
    if (response.statusCode === 204) return undefined;
    if (response.statusCode >= 400) {
      const message = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200);
      throw new ServerError(`${method} ${path}: ${response.statusCode} ${message}`, response.statusCode);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerError(`${method} ${path}: the server answered something that is not JSON`, response.statusCode);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ServerError(
        `${method} ${path}: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        response.statusCode,
      );
    }
    return parsed.data;
  }
}
