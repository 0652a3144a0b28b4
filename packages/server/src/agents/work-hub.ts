import type { AgentWorkSignal, Store } from '@vigie/core';

type Waiter = (woken: boolean) => void;

/**
 * Where agents' long polls wait for work. A task queued on this node wakes its agent at once
 * (`taskQueued`); one queued on another node sharing the database is found by a short poll —
 * one query for all the agents waiting here, only while some are. No database transaction is
 * held while an agent waits.
 */
export class AgentWorkHub implements AgentWorkSignal {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly pollMs = 1_000,
  ) {}

  taskQueued(agentId: string): void {
    for (const wake of this.waiters.get(agentId) ?? []) wake(true);
  }

  /**
   * Waits until work may have been queued for the agent (true), or until `ms` pass, `signal`
   * aborts or the hub closes (false).
   */
  wait(agentId: string, ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const set = this.waiters.get(agentId) ?? new Set<Waiter>();
      this.waiters.set(agentId, set);
      const done = (woken: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(agentId);
        if (this.waiters.size === 0) this.stopPolling();
        resolve(woken && !this.closed);
      };
      const stop = () => done(false);
      const timer = setTimeout(stop, ms);
      signal?.addEventListener('abort', stop, { once: true });
      set.add(done);
      this.startPolling();
    });
  }

  /** Ends every wait at once and refuses new ones (the server is stopping). */
  close(): void {
    this.closed = true;
    for (const agentId of [...this.waiters.keys()]) this.taskQueued(agentId);
    this.stopPolling();
  }

  private startPolling(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => void this.poll(), this.pollMs);
    this.poller.unref();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.waiters.size === 0) return;
    this.polling = true;
    try {
      const ids = [...this.waiters.keys()];
      const ready = await this.store.transaction((tx) => tx.agentTasks.agentsWithQueued(ids));
      for (const id of ready) this.taskQueued(id);
    } catch {
      // The database is away: the waits end on their own time and the agents poll again.
    } finally {
      this.polling = false;
    }
  }
}
