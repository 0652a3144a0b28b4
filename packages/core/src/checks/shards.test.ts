import { describe, expect, it } from 'vitest';
import { CHECK_SHARD_COUNT, nextRunAt, phaseOf, shardOf, shardsFor } from './shards';

const ids = Array.from({ length: 10_000 }, (_, i) => `check-${i}`);

describe('shards and phases', () => {
  it('puts each check in a stable shard and spreads checks over every shard', () => {
    expect(shardOf('crm-web')).toBe(shardOf('crm-web'));
    const perShard = new Array<number>(CHECK_SHARD_COUNT).fill(0);
    for (const id of ids) perShard[shardOf(id)]!++;
    const expected = ids.length / CHECK_SHARD_COUNT;
    for (const n of perShard) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.35);
  });

  it('spreads the first runs of checks with the same interval over the whole interval', () => {
    const every = 30_000;
    const perSecond = new Array<number>(30).fill(0);
    for (const id of ids) perSecond[Math.floor(phaseOf(id, every) / 1000)]!++;
    // No thundering herd: every second of the interval gets about its share, none a crowd.
    for (const n of perSecond) expect(n).toBeLessThan((ids.length / 30) * 1.35);
  });

  it('runs a check at its phase, at or after now, within one interval', () => {
    const now = Date.UTC(2026, 0, 5, 8, 0, 0) + 12_345;
    for (const id of ids.slice(0, 500)) {
      const at = nextRunAt(id, 30_000, now);
      expect(at).toBeGreaterThanOrEqual(now);
      expect(at - now).toBeLessThan(30_000);
      expect(at % 30_000).toBe(phaseOf(id, 30_000));
    }
  });

  it('gives every shard to exactly one live node, a fair share each', () => {
    const nodes = ['node-a', 'node-b', 'node-c'];
    const split = nodes.map((node) => shardsFor(node, nodes));
    expect(split.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: CHECK_SHARD_COUNT }, (_, i) => i));
    for (const shards of split) expect(shards.length).toBeGreaterThan(CHECK_SHARD_COUNT / 6);
  });

  it('moves only the shards of a node that leaves', () => {
    const before = shardsFor('node-a', ['node-a', 'node-b', 'node-c']);
    const after = shardsFor('node-a', ['node-a', 'node-b']);
    for (const shard of before) expect(after).toContain(shard);
    expect(shardsFor('node-a', ['node-a'])).toHaveLength(CHECK_SHARD_COUNT);
  });
});
