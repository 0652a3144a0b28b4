/**
 * A copy of plain data (objects, arrays) whose strings are each a string of their own.
 *
 * What a YAML parser returns are slices of the file's text; a plan written in French holds a
 * character past Latin-1 (’, —, œ), so V8 keeps all of that text two bytes a character, and
 * every identifier sliced from it too. Each time such an id is written out (an answer to a
 * thousand alerts, a row bound to SQLite) it is flattened and transcoded again, and it makes
 * a whole JSON answer two-byte. Copied through JSON, a string gets its own storage, one byte a
 * character whenever its text allows.
 *
 * Anything but a plain object, an array or a string (a RegExp, a Date) is kept as it is.
 */
export function compactStrings<T>(value: T): T {
  return compact(value) as T;
}

function compact(value: unknown): unknown {
  if (typeof value === 'string') return JSON.parse(JSON.stringify(value)) as string;
  if (Array.isArray(value)) return value.map(compact);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = compact(item);
    return copy;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
