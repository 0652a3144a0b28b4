import safeRegex from 'safe-regex2';

/**
 * Why a regular expression cannot match labels, or null when it can. Alertmanager's patterns
 * run in linear time (Go's RE2); JavaScript's backtrack, so one nesting repetitions, such as
 * `(a+)+`, could hold the server for minutes on an unlucky label: refused as it is written.
 */
export function labelPatternProblem(source: string): string | null {
  try {
    new RegExp(source);
  } catch (error) {
    return `is not a regular expression: ${(error as Error).message}`;
  }
  if (!safeRegex(source)) {
    return 'repeats a repetition (such as `(a+)+` or `(.*x)*`), which can take exponential time: write it without one inside another';
  }
  return null;
}
