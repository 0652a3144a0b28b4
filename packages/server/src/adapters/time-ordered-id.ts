import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 256 ids at a time: one call to the system's generator, not one per id. */
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;

/** The id's 36 characters are written here, then read out as one string. */
const text = Buffer.alloc(36);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
/** Where each of the 16 bytes' two digits go: four dashes cut the 32 digits 8-4-4-4-12. */
const DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
for (const dash of [8, 13, 18, 23]) text[dash] = 0x2d;

function writeByte(index: number, byte: number): void {
  const at = DIGIT_AT[index]!;
  text[at] = HEX_DIGITS[byte >>> 4]!;
  text[at + 1] = HEX_DIGITS[byte & 0x0f]!;
}

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then 74 random bits. Ids made
 * later sort later, so a table's primary-key index grows at its end: thousands of signals,
 * results and timeline entries a second land in a few pages instead of all over the index,
 * which SQLite and PostgreSQL write back much faster. Written digit by digit into one buffer
 * and read out once: alerts and results by the thousand make one id each.
 */
export function timeOrderedId(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const random = next++ * 16;
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  writeByte(0, (high >>> 8) & 0xff);
  writeByte(1, high & 0xff);
  writeByte(2, low >>> 24);
  writeByte(3, (low >>> 16) & 0xff);
  writeByte(4, (low >>> 8) & 0xff);
  writeByte(5, low & 0xff);
  writeByte(6, 0x70 | (pool[random + 6]! & 0x0f));
  writeByte(7, pool[random + 7]!);
  writeByte(8, 0x80 | (pool[random + 8]! & 0x3f));
  for (let i = 9; i < 16; i++) writeByte(i, pool[random + i]!);
  return text.toString('latin1');
}
