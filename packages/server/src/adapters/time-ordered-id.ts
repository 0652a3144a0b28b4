import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 256 ids at a time: one call to the system's generator, not one per id. */
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then 74 random bits. Ids made
 * later sort later, so a table's primary-key index grows at its end: thousands of signals,
 * results and timeline entries a second land in a few pages instead of all over the index,
 * which SQLite and PostgreSQL write back much faster.
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const bytes = pool.subarray(next * 16, ++next * 16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
