import { serverNow, type ClockSnapshot } from './incident-clock';
import { useNow } from './use-now';

/** The server's time, ticking every second, estimated from an incident's clock as last received. */
export function useServerNow(snapshot: ClockSnapshot, receivedAt: number): number {
  return serverNow(snapshot, receivedAt, useNow());
}
