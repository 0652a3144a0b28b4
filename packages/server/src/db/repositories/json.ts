/** JSON columns are text in both dialects; a row that fails to parse is a bug worth a loud error. */
export function readJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
