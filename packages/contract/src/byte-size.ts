import { z } from 'zod';

/** Decimal units (1 GB = 10⁹ bytes, as disks are sold) and binary ones (1 GiB = 2³⁰ bytes). */
const UNIT_BYTES: Record<string, number> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

// `500MB`, `1 GB`, `1.5Go` (French octets), `2GiB`, `750 B`.
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([kmgt]i?)?[bo]$/i;

/** Parses `500MB`, `1GB`, `1.5 Go`, `2GiB` into bytes; returns undefined when malformed. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const unit = UNIT_BYTES[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

/** Writes bytes for a person, in decimal units with three significant digits: `1.43 GB`, `120 MB`, `512 B`. */
export function formatByteSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(value) : Number(value.toPrecision(3))} ${units[i]}`;
}

export const BYTE_SIZE_HINT = 'a size such as 500MB, 1GB, 1.5Go or a number of bytes';

/** A size written `1GB`, `500 MB`, `1.5Go` or a plain number of bytes in a file, parsed to bytes. */
export const ByteSizeSchema = z
  .union([z.number().min(0), z.string()], { error: `expected ${BYTE_SIZE_HINT}` })
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const bytes = parseByteSize(value);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not ${BYTE_SIZE_HINT}` });
      return z.NEVER;
    }
    return bytes;
  });
