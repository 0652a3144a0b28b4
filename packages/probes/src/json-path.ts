/**
 * A path into a JSON document, as status pages are read: `status`, `$.checks[0].state`,
 * `db["read-only"]`. Names after dots, indexes and quoted names in brackets.
 */
export type JsonPath = readonly (string | number)[];

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/;

function quotedName(inner: string): string | undefined {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return undefined;
  }
}

/** Reads a path; a string says what is wrong with it. */
export function parseJsonPath(text: string): JsonPath | string {
  let rest = text.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (/^[A-Za-z_]/.test(rest)) rest = `.${rest}`;
  const steps: (string | number)[] = [];
  while (rest !== '') {
    const step = STEP.exec(rest);
    if (!step) return `"${text}" is not a JSON path such as status, checks[0].state or db["read-only"]`;
    if (step[1] !== undefined) steps.push(step[1]);
    else if (step[2] !== undefined) steps.push(Number(step[2]));
    else {
      const name = quotedName(step[3] ?? '');
      if (name === undefined) return `"${text}": the name in brackets is not a JSON string`;
      steps.push(name);
    }
    rest = rest.slice(step[0].length);
  }
  return steps;
}

/** The value at `path` in `document`, or undefined when there is none. */
export function valueAt(document: unknown, path: JsonPath): unknown {
  let value: unknown = document;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(value) || step >= value.length) return undefined;
      value = value[step];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) {
        return undefined;
      }
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

/** A path written back, for messages. */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((step, i) =>
      typeof step === 'number'
        ? `[${step}]`
        : /^[A-Za-z_$][\w$-]*$/.test(step)
          ? `${i === 0 ? '' : '.'}${step}`
          : `[${JSON.stringify(step)}]`,
    )
    .join('');
}
