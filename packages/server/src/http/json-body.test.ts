import { describe, expect, it } from 'vitest';
import { JsonBodyError, parseJsonBody } from './json-body';

function failure(text: string): JsonBodyError {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof JsonBodyError) return error;
    throw error;
  }
  throw new Error(`${text} was read without error`);
}

describe('a JSON request body', () => {
  it('reads a document, whitespace and all', () => {
    expect(parseJsonBody(' {"labels": {"alertname": "UpsOnBattery"}, "status": "firing"}\n')).toEqual({
      labels: { alertname: 'UpsOnBattery' },
      status: 'firing',
    });
  });

  it('says where a malformed document goes wrong, by line and column', () => {
    const error = failure('{\n  "status": "firing",\n  labels: {}\n}');
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/^the body is not valid JSON: .+ \(line 3, column 3\)$/);
  });

  it('says so when the document stops short', () => {
    expect(failure('{"status": "firing",').message).toMatch(/^the body is not valid JSON: /);
  });

  it('refuses keys that could reach an object prototype, naming them', () => {
    expect(failure('{"labels": {"__proto__": "x"}}').message).toContain('"__proto__" key');
    expect(failure('{"labels": {"constructor": {"prototype": {"x": "y"}}}}').message).toContain(
      '"constructor" key holding a "prototype"',
    );
  });

  it('tells an empty body apart', () => {
    expect(failure('').message).toBe('the body is empty: send a JSON document');
    expect(failure('  \n').message).toBe('the body is empty: send a JSON document');
  });
});
