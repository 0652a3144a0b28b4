import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../api/query-keys';

export const STREAM_PATH = '/api/v1/incidents/stream';
/** Changes arrive in bursts (one per timeline line): refetch once per burst. */
const COALESCE_MS = 250;
/** A stream the server closed (restart behind a proxy, expired session) is reopened after this. */
const REOPEN_AFTER_MS = 15_000;

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Listens to the server's live stream while a user is signed in, and refreshes the cached
 * incidents each change concerns and the checks when one changes state, so every screen
 * follows the crisis and the equipment without reload.
 */
export function useIncidentStream(): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const changed = new Set<string>();
    let checksChanged = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    let source: EventSource;

    const flush = () => {
      timer = undefined;
      const ids = [...changed];
      changed.clear();
      if (checksChanged) void queryClient.invalidateQueries({ queryKey: queryKeys.checks });
      checksChanged = false;
      if (ids.length === 0) return;
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.incidents, 'list'] });
      for (const id of ids) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.incident(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.incidentNotifications(id) });
      }
    };
    const onIncident = (event: MessageEvent<string>) => {
      try {
        const { id } = JSON.parse(event.data) as { id?: unknown };
        if (typeof id === 'string') changed.add(id);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, COALESCE_MS);
    };
    const onCheck = () => {
      checksChanged = true;
      timer ??= setTimeout(flush, COALESCE_MS);
    };
    const onOpen = () => {
      setState('live');
      // Whatever happened while the link was down was not streamed: fetch it now.
      if (wasDown) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.incidents });
        void queryClient.invalidateQueries({ queryKey: queryKeys.checks });
      }
      wasDown = false;
    };
    const onError = () => {
      wasDown = true;
      setState('reconnecting');
      // The browser retries a dropped connection by itself, but not one the server refused.
      if (source.readyState === EventSource.CLOSED) reopen = setTimeout(connect, REOPEN_AFTER_MS);
    };
    function connect() {
      source = new EventSource(STREAM_PATH, { withCredentials: true });
      source.addEventListener('incident', onIncident);
      source.addEventListener('check', onCheck);
      source.addEventListener('open', onOpen);
      source.addEventListener('error', onError);
    }

    connect();
    return () => {
      if (timer) clearTimeout(timer);
      if (reopen) clearTimeout(reopen);
      source.close();
    };
  }, [queryClient]);

  return state;
}
