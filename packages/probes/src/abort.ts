/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts; `cancel`
 * then releases what `work` holds (a socket, a child process), so nothing is left running.
 */
export function untilAborted<T>(signal: AbortSignal, work: Promise<T>, cancel: () => void): Promise<T> {
  if (signal.aborted) {
    cancel();
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
