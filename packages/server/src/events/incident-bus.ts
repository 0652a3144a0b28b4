import { EventEmitter } from 'node:events';

/** Incidents whose timeline changed, published after the change is committed. */
export interface IncidentChange {
  incidentIds: string[];
}

/** In-process fan-out of incident changes to live streams (SSE). */
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
}
