import { EventEmitter } from 'node:events';
import type { CheckState } from '@vigie/core';

/** Incidents whose timeline changed, published after the change is committed. */
export interface IncidentChange {
  incidentIds: string[];
}

/** A check that entered a new state. */
export interface CheckStateChange {
  checkId: string;
  state: CheckState;
}

/**
 * In-process fan-out to live streams (SSE): incidents whose timeline changed, and checks
 * whose state changed, so screens refresh without polling.
 */
export class IncidentBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(incidentIds: Iterable<string>): void {
    const ids = [...new Set(incidentIds)];
    if (ids.length) this.emitter.emit('change', { incidentIds: ids } satisfies IncidentChange);
  }

  subscribe(listener: (change: IncidentChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  publishChecks(changes: readonly CheckStateChange[]): void {
    if (changes.length) this.emitter.emit('checks', changes);
  }

  subscribeChecks(listener: (changes: readonly CheckStateChange[]) => void): () => void {
    this.emitter.on('checks', listener);
    return () => this.emitter.off('checks', listener);
  }
}
