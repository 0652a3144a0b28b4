import type { ServiceReport } from '@vigie/contract';

/** How a restart went, as a task result tells it. */
export interface RestartOutcome {
  ok: boolean;
  message: string;
  output: string;
  exitCode: number | null;
}

/** Knows how to read and restart one service on this machine. */
export interface ServiceDriver {
  readonly name: string;
  readonly kind: ServiceReport['driver'];
  state(): Promise<ServiceReport>;
  /** Stops the service if running, then starts it and waits until it runs, within `timeoutMs`. */
  restart(timeoutMs: number): Promise<RestartOutcome>;
}
