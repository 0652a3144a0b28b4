import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ArchiveEntrySchema, type ArchiveEntry } from './archive-entry';
import { ENTRY_COLUMNS, openIndexDatabase } from './archive-index';

/** A search in the archive index: part of a name, a date range, a page. */
export const ArchiveQuerySchema = z
  .object({
    /** Part of the recording's path (folders included), case-insensitive. */
    name: z.string().trim().min(1).optional(),
    /** Epoch milliseconds, inclusive. */
    from: z.number().int().optional(),
    /** Epoch milliseconds, inclusive. */
    to: z.number().int().optional(),
    /** Which date the range applies to: when the call was recorded (default) or archived. */
    by: z.enum(['recorded', 'archived']).default('recorded'),
    limit: z.number().int().min(1).max(10_000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    error: 'the range ends before it starts (from > to)',
  });

/** A search as the caller writes it (defaults may be left out). */
export type ArchiveQueryInput = z.input<typeof ArchiveQuerySchema>;

/** A page of results, newest first, and how many entries match in all. */
export interface ArchiveSearchResult {
  entries: ArchiveEntry[];
  total: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Searches the archive index for recordings by name and date range, newest first. Opens the
 * index read-only, so it runs beside an archive run; an index not yet created holds nothing.
 * Throws a `ZodError` for a malformed query (the API answers it with 400).
 */
export function searchArchive(indexFile: string, query: ArchiveQueryInput): ArchiveSearchResult {
  const parsed = ArchiveQuerySchema.parse(query);
  const file = resolve(indexFile);
  if (!existsSync(file)) return { entries: [], total: 0 };
  const column = parsed.by === 'recorded' ? 'recorded_at' : 'archived_at';
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (parsed.name !== undefined) {
    where.push(`recording LIKE ? ESCAPE '\\'`);
    params.push(likePattern(parsed.name));
  }
  if (parsed.from !== undefined) {
    where.push(`${column} >= ?`);
    params.push(parsed.from);
  }
  if (parsed.to !== undefined) {
    where.push(`${column} <= ?`);
    params.push(parsed.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = openIndexDatabase(file, true);
  try {
    const total = db
      .prepare(`SELECT COUNT(*) FROM archived ${clause}`)
      .pluck()
      .get(...params);
    const rows = db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM archived ${clause} ORDER BY ${column} DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...params, parsed.limit, parsed.offset);
    return { entries: rows.map((row) => ArchiveEntrySchema.parse(row)), total: Number(total) };
  } finally {
    db.close();
  }
}
