import { describe, expect, it } from 'vitest';
import { formatMatcher, formatMatchers, MatcherSyntaxError, parseMatcher, parseMatchers } from './label-matchers';

describe('label matchers', () => {
  it.each([
    ['alertname="HmpDiskFull"', [{ name: 'alertname', value: 'HmpDiskFull', isRegex: false, isEqual: true }]],
    ['alertname=HmpDiskFull', [{ name: 'alertname', value: 'HmpDiskFull', isRegex: false, isEqual: true }]],
    ['site!="secours"', [{ name: 'site', value: 'secours', isRegex: false, isEqual: false }]],
    ['instance=~"hmp\\..*"', [{ name: 'instance', value: 'hmp\\..*', isRegex: true, isEqual: true }]],
    ['job!~"test.*"', [{ name: 'job', value: 'test.*', isRegex: true, isEqual: false }]],
    [
      '{alertname="A", severity=~"critical|page"}',
      [
        { name: 'alertname', value: 'A', isRegex: false, isEqual: true },
        { name: 'severity', value: 'critical|page', isRegex: true, isEqual: true },
      ],
    ],
    [
      '  a = "x" ,b="y",  ',
      [
        { name: 'a', value: 'x', isRegex: false, isEqual: true },
        { name: 'b', value: 'y', isRegex: false, isEqual: true },
      ],
    ],
    [
      'summary="dit \\"plein\\"\\nvraiment"',
      [{ name: 'summary', value: 'dit "plein"\nvraiment', isRegex: false, isEqual: true }],
    ],
    ['empty=""', [{ name: 'empty', value: '', isRegex: false, isEqual: true }]],
    ['disk="C:, D:"', [{ name: 'disk', value: 'C:, D:', isRegex: false, isEqual: true }]],
  ])('reads %s', (text, expected) => {
    expect(parseMatchers(text)).toEqual(expected);
  });

  it.each([
    ['', /at least one matcher/],
    ['{}', /at least one matcher/],
    ['alertname', /column 10: expected one of =, !=, =~, !~/],
    ['1alert="x"', /column 1: expected a label name/],
    ['a="x" b="y"', /column 7: expected `,` between matchers/],
    ['a="x', /expected the closing `"`/],
    ['{a="x"', /expected `,` or `}`/],
    ['a=="x"', /column 3/],
  ])('tells where %j goes wrong', (text, reason) => {
    expect(() => parseMatchers(text)).toThrow(MatcherSyntaxError);
    expect(() => parseMatchers(text)).toThrow(reason);
  });

  it('writes matchers back as they are read', () => {
    const text = '{alertname="A", site!="secours", instance=~"hmp\\\\..*", summary!~"dit \\"x\\""}';
    const matchers = parseMatchers(text);
    expect(formatMatchers(matchers)).toBe(text);
    expect(parseMatchers(formatMatchers(matchers))).toEqual(matchers);
    expect(formatMatcher(parseMatcher('a=~"b|c"'))).toBe('a=~"b|c"');
    expect(() => parseMatcher('a="1", b="2"')).toThrow(/expected one matcher/);
  });
});
