/** What the clock of an incident needs: the server's figures when they were received. */
export interface ClockSnapshot {
  startedAt: number;
  elapsedMs: number;
  resolvedAt: number | null;
}

/**
 * The server's "now", moved forward by the time spent since its answer arrived: the
 * browser's own clock may be wrong, but the time it measures between two instants is not.
 */
export function serverNow(snapshot: ClockSnapshot, receivedAt: number, browserNow: number): number {
  // A resolved incident's clock stopped: its figures no longer tell the server's time.
  if (snapshot.resolvedAt !== null) return browserNow;
  return snapshot.startedAt + snapshot.elapsedMs + Math.max(0, browserNow - receivedAt);
}

/** Elapsed time of the interruption: frozen at resolution, running otherwise. */
export function liveElapsedMs(snapshot: ClockSnapshot, receivedAt: number, browserNow: number): number {
  if (snapshot.resolvedAt !== null) return snapshot.elapsedMs;
  return serverNow(snapshot, receivedAt, browserNow) - snapshot.startedAt;
}
