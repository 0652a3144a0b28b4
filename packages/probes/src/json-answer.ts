import type { Language, Wording } from './language';
import type { ProbeValue } from './probe';
import { formatJsonPath, valueAt, type JsonPath } from './json-path';
import { judgeValue, type Threshold, type Verdict } from './thresholds';

/** What a JSON answer says at a path: the verdict, and the value found there. */
export interface JsonVerdict extends Verdict {
  value?: ProbeValue;
}

const SAY: Wording<{
  notJson: string;
  missing: (path: string) => string;
  notValue: (path: string, list: boolean) => string;
}> = {
  en: {
    notJson: 'the page is not JSON',
    missing: (path) => `the page has no ${path}`,
    notValue: (path, list) => `${path} is ${list ? 'a list' : 'an object'}, not a value`,
  },
  fr: {
    notJson: 'la page n’est pas du JSON',
    missing: (path) => `la page n’a pas de ${path}`,
    notValue: (path, list) => `${path} est ${list ? 'une liste' : 'un objet'}, pas une valeur`,
  },
};

/**
 * Judges the value at `path` of a JSON page against `threshold`: a page that is not JSON,
 * a path leading nowhere or to an object or a list are down, in words.
 */
export function judgeJsonAnswer(
  text: string,
  path: JsonPath,
  threshold: Threshold,
  language: Language = 'en',
): JsonVerdict {
  const say = SAY[language];
  const shown = formatJsonPath(path);
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    return { status: 'down', problem: say.notJson };
  }
  const found = valueAt(document, path);
  if (found === undefined) return { status: 'down', problem: say.missing(shown) };
  if (found !== null && typeof found === 'object') {
    return { status: 'down', problem: say.notValue(shown, Array.isArray(found)) };
  }
  const value: ProbeValue = found === null ? 'null' : (found as ProbeValue);
  return { ...judgeValue(shown, value, threshold, language), value };
}
