import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { unsafeAlertPatterns } from './alert-pattern-problems';
import { findPlanReferenceProblems, PlanSchema, type Plan } from '@vigie/contract';
import { describeIssue, valueAt } from './describe-issue';
import { compactStrings } from './compact-strings';

/** A problem in a plan file, where a person can find it. */
export interface PlanFileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type PlanLoadResult = { ok: true; plan: Plan } | { ok: false; errors: PlanFileError[] };

/** A problem in one check's `target` or `options`, at a path inside the check. */
export interface CheckProblem {
  path: (string | number)[];
  message: string;
  /** Point at the key itself rather than its value (an unknown option). */
  atKey?: boolean;
}

/** Checks a check's target and options against its probe (the probes live outside core). */
export type CheckValidator = (check: Plan['checks'][number]) => CheckProblem[];

export interface PlanLoadOptions {
  validateCheck?: CheckValidator | undefined;
}

/** Renders an error the way compilers do: `FILE:LINE:COL: message`. */
export function formatPlanError(error: PlanFileError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/** Reads a plan from YAML text; every problem comes back with its line and column. */
export function loadPlan(file: string, text: string, options: PlanLoadOptions = {}): PlanLoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string): PlanFileError => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message };
  };

  if (doc.errors.length > 0) {
    // Later syntax errors are mostly echoes of the first one: report that one alone.
    const first = doc.errors[0]!;
    return { ok: false, errors: [at(first.pos[0], `YAML syntax: ${firstLine(first.message)}`)] };
  }
  if (!isMap(doc.contents)) {
    return {
      ok: false,
      errors: [at(0, 'expected a plan: a YAML document with keys such as organisation, threats, escalation')],
    };
  }

  const data: unknown = doc.toJS();
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => locateIssue(doc, data, issue, at));
    return { ok: false, errors: sortErrors(errors) };
  }
  const problems: CheckProblem[] = [...findPlanReferenceProblems(parsed.data), ...unsafeAlertPatterns(parsed.data)];
  if (options.validateCheck) {
    parsed.data.checks.forEach((check, i) => {
      for (const problem of options.validateCheck!(check)) {
        problems.push({
          ...problem,
          path: ['checks', i, ...problem.path],
          message: `check "${check.id}" (${check.probe}): ${problem.message}`,
        });
      }
    });
  }
  if (problems.length > 0) {
    return {
      ok: false,
      errors: sortErrors(problems.map((p) => at(offsetOf(doc, p.path, p.atKey ?? false), p.message))),
    };
  }
  return { ok: true, plan: compactStrings(parsed.data) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function sortErrors(errors: PlanFileError[]): PlanFileError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

type At = (offset: number, message: string) => PlanFileError;

function locateIssue(doc: Document, data: unknown, issue: z.core.$ZodIssue, at: At): PlanFileError[] {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(offsetOf(doc, [...path, key], true), `unknown key "${key}"`));
  }
  return [at(offsetOf(doc, path, false), describeIssue(issue, valueAt(data, path)))];
}

/**
 * The offset of the node at `path`, or of its nearest existing ancestor when the key is
 * missing; `atKey` points at the key itself rather than its value.
 */
function offsetOf(doc: Document, path: (string | number)[], atKey: boolean): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : doc.contents;
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair) {
        const node = (atKey || pair.value === null ? pair.key : pair.value) as YamlNode | null;
        if (node?.range) return node.range[0];
      }
      if (parent.range) return parent.range[0];
    }
    const node = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
    if (node?.range) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}
