import type { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a section of keys and values',
  array: 'a list',
};

function nameOfValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a section of keys and values';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean' || typeof value === 'bigint') return `the value ${String(value)}`;
  return 'a value of another kind';
}

/** Turns a schema issue into a sentence a plan author can act on. */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const key = issue.path.at(-1);
  const field = typeof key === 'string' ? `\`${key}\`: ` : '';
  const generic = issue.message.startsWith('Invalid input');
  if (issue.code === 'invalid_type') {
    const expected = generic ? `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}` : issue.message;
    if (value === undefined) return `${field}missing: ${expected}`;
    return `${field}${expected}, found ${nameOfValue(value)}`;
  }
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    if (value === undefined) return `${field}missing: ${issue.message}`;
    return `${field}${issue.message}, found ${nameOfValue(value)}`;
  }
  if (issue.code === 'too_small' && Array.isArray(value)) return `${field}${issue.message}, found an empty list`;
  return `${field}${issue.message}`;
}

/** The value at a path inside plain data, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
