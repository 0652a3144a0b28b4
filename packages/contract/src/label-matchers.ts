/**
 * Label matchers as Prometheus and Alertmanager write them: `alertname="HmpDiskFull"`,
 * `severity=~"critical|page"`, `site!="secours"`, `job!~"test.*"`, a list separated by commas,
 * optionally in braces. The form silences take in Vigie, as in Alertmanager.
 */
export interface LabelMatcher {
  name: string;
  value: string;
  /** `=~` and `!~`: the value is a regular expression matching the whole label value. */
  isRegex: boolean;
  /** `=` and `=~` (true); `!=` and `!~` (false). */
  isEqual: boolean;
}

export type MatcherOperator = '=' | '!=' | '=~' | '!~';

export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The operator a matcher is written with. */
export function operatorOf(matcher: Pick<LabelMatcher, 'isRegex' | 'isEqual'>): MatcherOperator {
  if (matcher.isRegex) return matcher.isEqual ? '=~' : '!~';
  return matcher.isEqual ? '=' : '!=';
}

/** A matcher from its operator. */
export function matcherOf(name: string, operator: MatcherOperator, value: string): LabelMatcher {
  return { name, value, isRegex: operator.endsWith('~'), isEqual: operator.startsWith('=') };
}

/** One matcher as written: `name="value"`, its value quoted and escaped as in Go. */
export function formatMatcher(matcher: LabelMatcher): string {
  const escaped = matcher.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${matcher.name}${operatorOf(matcher)}"${escaped}"`;
}

/** A list of matchers as written, in braces: `{alertname="X", site=~"a|b"}`. */
export function formatMatchers(matchers: readonly LabelMatcher[]): string {
  return `{${matchers.map(formatMatcher).join(', ')}}`;
}

/** Why a text is not a list of matchers, and where. */
export class MatcherSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Reads a list of matchers; throws a `MatcherSyntaxError` saying what was expected where. */
export function parseMatchers(text: string): LabelMatcher[] {
  const reader = new MatcherReader(text);
  return reader.readList();
}

/** Reads one matcher (`name="value"`, the value quoted or not). */
export function parseMatcher(text: string): LabelMatcher {
  const list = parseMatchers(text);
  if (list.length !== 1) throw new MatcherSyntaxError('expected one matcher', 0);
  return list[0]!;
}

class MatcherReader {
  private at = 0;

  constructor(private readonly text: string) {}

  readList(): LabelMatcher[] {
    this.skipSpaces();
    const braced = this.text[this.at] === '{';
    if (braced) this.at += 1;
    const matchers: LabelMatcher[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.atEnd() || (braced && this.text[this.at] === '}')) break;
      matchers.push(this.readMatcher());
      this.skipSpaces();
      if (this.text[this.at] === ',') {
        this.at += 1;
        continue;
      }
      break;
    }
    this.skipSpaces();
    if (braced) {
      if (this.text[this.at] !== '}') this.fail('expected `,` or `}`');
      this.at += 1;
      this.skipSpaces();
    }
    if (!this.atEnd()) this.fail('expected `,` between matchers');
    if (matchers.length === 0) this.fail('expected at least one matcher, such as alertname="HmpDiskFull"');
    return matchers;
  }

  private readMatcher(): LabelMatcher {
    const start = this.at;
    while (!this.atEnd() && /[a-zA-Z0-9_]/.test(this.text[this.at]!)) this.at += 1;
    const name = this.text.slice(start, this.at);
    if (!LABEL_NAME_PATTERN.test(name)) {
      this.at = start;
      this.fail('expected a label name (letters, digits and _, not starting with a digit)');
    }
    this.skipSpaces();
    const operator = this.readOperator();
    this.skipSpaces();
    const value = this.text[this.at] === '"' ? this.readQuoted() : this.readBare();
    return matcherOf(name, operator, value);
  }

  private readOperator(): MatcherOperator {
    for (const operator of ['=~', '!~', '!=', '='] as const) {
      if (this.text.startsWith(operator, this.at)) {
        this.at += operator.length;
        return operator;
      }
    }
    return this.fail('expected one of =, !=, =~, !~');
  }

  private readQuoted(): string {
    this.at += 1;
    let value = '';
    for (;;) {
      if (this.atEnd()) this.fail('expected the closing `"`');
      const char = this.text[this.at]!;
      this.at += 1;
      if (char === '"') return value;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escaped = this.text[this.at];
      this.at += 1;
      if (escaped === 'n') value += '\n';
      else if (escaped === '"' || escaped === '\\') value += escaped;
      // A backslash before anything else stays, as in a regular expression (`\.`, `\d`).
      else if (escaped !== undefined) value += `\\${escaped}`;
    }
  }

  private readBare(): string {
    const start = this.at;
    while (!this.atEnd() && !/[,}\s"=!~]/.test(this.text[this.at]!)) this.at += 1;
    const value = this.text.slice(start, this.at);
    if (!value && !this.atEnd() && !/[,}\s]/.test(this.text[this.at]!)) this.fail('expected a value, in double quotes');
    return value;
  }

  private skipSpaces(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.at]!)) this.at += 1;
  }

  private atEnd(): boolean {
    return this.at >= this.text.length;
  }

  private fail(expected: string): never {
    throw new MatcherSyntaxError(`column ${this.at + 1}: ${expected}`, this.at);
  }
}
