import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './limiter';

/** A task that runs until told to finish, recording what ran at once. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

describe('concurrency limiter', () => {
  it('never runs more than the global limit nor the per-target limit', async () => {
    const limiter = new ConcurrencyLimiter(3, 2);
    let running = 0;
    let peak = 0;
    const perTarget = new Map<string, number>();
    let peakPerTarget = 0;
    const tasks = Array.from({ length: 40 }, (_, i) => {
      const key = `host-${i % 2}`;
      return limiter.run(key, async () => {
        running++;
        perTarget.set(key, (perTarget.get(key) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakPerTarget = Math.max(peakPerTarget, perTarget.get(key)!);
        await new Promise((resolve) => setTimeout(resolve, 2));
        perTarget.set(key, perTarget.get(key)! - 1);
        running--;
      });
    });
    await Promise.all(tasks);
    expect(peak).toBe(3);
    expect(peakPerTarget).toBe(2);
    expect(limiter.running).toBe(0);
  });

  it('lets other targets run while one target is saturated', async () => {
    const limiter = new ConcurrencyLimiter(3, 1);
    const slow = gate();
    const first = limiter.run('slow', () => slow.done);
    const queuedOnSlow = limiter.run('slow', () => Promise.resolve('second slow'));
    // The second slow check waits for its target, holding no global slot: two others pass.
    const others = await Promise.all([
      limiter.run('a', () => Promise.resolve('a')),
      limiter.run('b', () => Promise.resolve('b')),
    ]);
    expect(others).toEqual(['a', 'b']);
    slow.open();
    await first;
    expect(await queuedOnSlow).toBe('second slow');
  });
});
