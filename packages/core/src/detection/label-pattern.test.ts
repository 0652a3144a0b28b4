import { describe, expect, it } from 'vitest';
import { labelPatternProblem } from './label-pattern';

describe('label patterns', () => {
  it.each(['HmpDisk(Full|Plein)', 'hmp\\..*', 'critical|page', '[a-z]+-[0-9]{2}', '.+'])('takes %s', (pattern) => {
    expect(labelPatternProblem(pattern)).toBeNull();
  });

  it('refuses what does not compile, saying why', () => {
    expect(labelPatternProblem('Hmp(')).toMatch(/^is not a regular expression: .*Unterminated group/);
  });

  it.each(['(a+)+', '(a*)*b', '(.*,)*x', '((ab)+c)+'])('refuses %s, a repetition inside a repetition', (pattern) => {
    expect(labelPatternProblem(pattern)).toMatch(/^repeats a repetition/);
  });
});
