import { parse as parseWithoutPrototypes } from 'secure-json-parse';

/** A request body that is not the JSON document it claims to be; the message says where. */
export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'VIGIE_INVALID_JSON_BODY';
}

/** Line and column (from 1) of a character's offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** What went wrong, in words, with the place when the parser gave one. */
function describe(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The parser says the same for both kinds of key.
  if (message.includes('forbidden prototype property')) {
    return 'the body has a "__proto__" key, or a "constructor" key holding a "prototype": refused, as either could change how objects behave';
  }
  // Node 20 says "… in JSON at position 26"; later versions add "(line 1 column 27)".
  const position = /\s*in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (!position) return `the body is not valid JSON: ${message}`;
  const { line, column } = lineAndColumn(text, Number(position[1]));
  return `the body is not valid JSON: ${message.replace(position[0], '')} (line ${line}, column ${column})`;
}

/**
 * Reads a JSON request body as Fastify would (keys that could reach an object's prototype are
 * refused), but tells what is wrong and where instead of only that it is invalid.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new JsonBodyError('the body is empty: send a JSON document');
  try {
    return parseWithoutPrototypes(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new JsonBodyError(describe(text, error));
  }
}
