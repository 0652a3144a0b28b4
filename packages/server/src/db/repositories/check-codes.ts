import type { Kysely } from 'kysely';
import type { CheckResult, CheckResultStatus } from '@vigie/contract';
import type { Database } from '../schema';
import { readJson } from './json';

const CODES: Record<CheckResultStatus, number> = { up: 0, degraded: 1, down: 2 };
const STATUSES: CheckResultStatus[] = ['up', 'degraded', 'down'];

/** A status as stored: a small integer keeps millions of result rows small. */
export function statusCode(status: CheckResultStatus): number {
  return CODES[status];
}

/** A stored status code back to its name. */
export function statusOf(code: number): CheckResultStatus {
  const status = STATUSES[code];
  if (!status) throw new Error(`unknown stored check status ${code}`);
  return status;
}

/** Measured values as stored: JSON, or null when there are none. */
export function writeMeasured(values: CheckResult['values']): string | null {
  return Object.keys(values).length === 0 ? null : JSON.stringify(values);
}

/** Measured values read back. */
export function readMeasured(text: string | null): CheckResult['values'] {
  return text === null ? {} : readJson<CheckResult['values']>(text);
}

/** Splits a list so that no statement exceeds the bound parameters a database accepts. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sums as both dialects return them (PostgreSQL's bigint sums arrive as numbers, or null over no row). */
export function num(value: number | string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A progress mark of the monitoring tables, if set. */
export async function readMark(db: Kysely<Database>, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('check_marks').select('at').where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : Number(row.at);
}

/** Sets a progress mark. */
export async function writeMark(db: Kysely<Database>, name: string, at: number): Promise<void> {
  await db
    .insertInto('check_marks')
    .values({ name, at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ at }))
    .execute();
}
