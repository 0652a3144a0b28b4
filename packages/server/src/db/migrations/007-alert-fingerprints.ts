import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { labelFingerprint } from '@vigie/core';
import type { Database } from '../schema';

/** How alerts without their sender's id were known before: SHA-256 of `name=value` lines, sorted. */
function formerFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${labels[name]}`)
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function labelsOf(data: string): Record<string, string> | undefined {
  try {
    const labels: unknown = (JSON.parse(data) as { labels?: unknown }).labels;
    if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return undefined;
    const entries = Object.entries(labels);
    return entries.every(([, value]) => typeof value === 'string') ? Object.fromEntries(entries) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Alerts that came without their sender's id are now known by the fingerprint Alertmanager
 * gives their labels: the live signals of such alerts are renamed, so that the alert's
 * resolution, arriving after the upgrade, still finds them. Signals named by their sender's
 * id, and those no longer live, are left as they are.
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Database>;
  const live = await db
    .selectFrom('signals')
    .select(['id', 'source', 'data'])
    .where('live', '=', 1)
    .where('source', 'like', 'alert:%')
    .execute();
  for (const signal of live) {
    const labels = labelsOf(signal.data);
    if (!labels || signal.source !== `alert:${formerFingerprint(labels)}`) continue;
    await db
      .updateTable('signals')
      .set({ source: `alert:${labelFingerprint(labels)}` })
      .where('id', '=', signal.id)
      .execute();
  }
}
