import safeRegex from 'safe-regex2';

/** Why a text is not a regular expression, or null when it compiles. */
export function patternCompileError(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (error) {
    return `is not a regular expression: ${(error as Error).message}`;
  }
}

/**
 * Why a regular expression that compiles could take exponential time, or null. Alertmanager's
 * patterns run in linear time (Go's RE2); JavaScript's backtrack, so one nesting repetitions,
 * such as `(a+)+`, could hold the server for minutes on an unlucky label.
 */
export function patternBacktrackRisk(source: string): string | null {
  return safeRegex(source)
    ? null
    : 'repeats a repetition (such as `(a+)+` or `(.*x)*`), which can take exponential time: write it without one inside another';
}

/** Why a regular expression cannot match labels, or null when it can: refused as it is written. */
export function labelPatternProblem(source: string): string | null {
  return patternCompileError(source) ?? patternBacktrackRisk(source);
}
