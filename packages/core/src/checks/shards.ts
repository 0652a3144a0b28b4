/**
 * Checks are spread over this many shards; nodes lease shards, not checks. Fixed, so that
 * every node and every version agree on where a check lives.
 */
export const CHECK_SHARD_COUNT = 64;

/** FNV-1a over the UTF-16 code units of a text: small, fast and stable across nodes. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The shard a check belongs to. */
export function shardOf(checkId: string): number {
  return fnv1a(checkId) % CHECK_SHARD_COUNT;
}

/**
 * Where in its interval a check runs: a fixed offset from the epoch, drawn from its id,
 * so that thousands of checks with the same interval start spread out rather than together,
 * and keep their rhythm across restarts and nodes.
 */
export function phaseOf(checkId: string, everyMs: number): number {
  // Another seed than shardOf's, so that the phase does not follow the shard.
  return fnv1a(checkId, 0x9747b28c) % Math.max(1, Math.round(everyMs));
}

/** The first run of a check at or after `now`: the next instant of its phase. */
export function nextRunAt(checkId: string, everyMs: number, now: number): number {
  const phase = phaseOf(checkId, everyMs);
  const base = now - (now % everyMs) + phase;
  return base >= now ? base : base + everyMs;
}

/**
 * The shards a node should hold among the nodes alive: each shard goes to the node that
 * scores highest for it (rendezvous hashing), so that a node leaving or joining moves only
 * its own share of shards and every node computes the same split without talking.
 */
export function shardsFor(nodeId: string, liveNodes: readonly string[]): number[] {
  const mine: number[] = [];
  for (let shard = 0; shard < CHECK_SHARD_COUNT; shard++) {
    let best: string | undefined;
    let bestScore = -1;
    for (const node of liveNodes) {
      const score = fnv1a(`${node}#${shard}`);
      if (score > bestScore || (score === bestScore && best !== undefined && node < best)) {
        best = node;
        bestScore = score;
      }
    }
    if (best === nodeId) mine.push(shard);
  }
  return mine;
}
