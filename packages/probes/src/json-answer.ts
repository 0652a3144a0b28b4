import type { ProbeValue } from './probe';
import { formatJsonPath, valueAt, type JsonPath } from './json-path';
import { judgeValue, type Threshold, type Verdict } from './thresholds';

/** What a JSON answer says at a path: the verdict, and the value found there. */
export interface JsonVerdict extends Verdict {
  value?: ProbeValue;
}

/**
 * Judges the value at `path` of a JSON page against `threshold`: a page that is not JSON,
 * a path leading nowhere or to an object or a list are down, in words.
 */
export function judgeJsonAnswer(text: string, path: JsonPath, threshold: Threshold): JsonVerdict {
  const shown = formatJsonPath(path);
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    return { status: 'down', problem: 'the page is not JSON' };
  }
  const found = valueAt(document, path);
  if (found === undefined) return { status: 'down', problem: `the page has no ${shown}` };
  if (found !== null && typeof found === 'object') {
    return { status: 'down', problem: `${shown} is ${Array.isArray(found) ? 'a list' : 'an object'}, not a value` };
  }
  const value: ProbeValue = found === null ? 'null' : (found as ProbeValue);
  return { ...judgeValue(shown, value, threshold), value };
}
