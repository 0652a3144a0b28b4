import type { Logger } from 'pino';
import { feedSilentAgents, type AgentContext } from '@vigie/core';

/**
 * Looks for silent agents every `everyMs` and feeds their checks `down` ("agent silent");
 * any node may run it, each silence is fed once per report interval.
 */
export class SilenceSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: AgentContext,
    private readonly everyMs = 5_000,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A sweep slower than the period is not doubled: the next tick finds it still running.
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const fed = await feedSilentAgents(this.ctx);
      for (const item of fed) this.logger?.warn({ check: item.checkId, why: item.result.message }, 'agent silent');
    } catch (error) {
      this.logger?.error({ err: error }, 'silent agents sweep failed');
    }
  }
}
