import { Fnv64 } from '@vigie/core';

/** A byte no UTF-8 text holds: source and threat cannot run into each other. */
const SEPARATOR = 0xff;

/**
 * What the database knows a live signal by: FNV-1a (64 bits) of its source and threat, a
 * signed 64-bit integer. The index of live signals holds these numbers instead of the texts:
 * an alert's fingerprint lands at a random place in it, so each batch of new alerts dirties
 * pages all over the index, and an index of numbers, about a third of the size, has fewer
 * pages to write. Two pairs sharing a key would be one signal: with 64 bits, as unlikely as two
 * alerts sharing their fingerprint in Alertmanager, which knows alerts by 64 bits too.
 * The keys are stored: a change to this function needs a migration that keys the live
 * signals again (the test pins two values).
 */
export function liveSignalKey(source: string, threatId: string): bigint {
  return keyOf(sourceHash(source), threatId);
}

/** The keys of one source under each of these threats (its source hashed once). */
export function liveSignalKeys(source: string, threatIds: readonly string[]): bigint[] {
  const start = sourceHash(source);
  return threatIds.map((threatId) => keyOf(start.clone(), threatId));
}

function sourceHash(source: string): Fnv64 {
  const hash = new Fnv64();
  hash.addText(source);
  hash.addByte(SEPARATOR);
  return hash;
}

function keyOf(hash: Fnv64, threatId: string): bigint {
  hash.addText(threatId);
  return hash.int64();
}
