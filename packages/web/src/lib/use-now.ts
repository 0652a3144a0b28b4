import { useSyncExternalStore } from 'react';

// One timer for every clock on screen, ticking once a second while anything shows one.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The browser's time, refreshed every second: for elapsed times and countdowns. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
