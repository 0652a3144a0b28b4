import { TASK_OUTPUT_LIMIT } from '@vigie/contract';

const CUT = '\n…[output cut]…\n';

/** Keeps the start and the end of a long output (where errors usually are), within `limit` characters. */
export function boundOutput(text: string, limit = TASK_OUTPUT_LIMIT): { output: string; truncated: boolean } {
  if (text.length <= limit) return { output: text, truncated: false };
  const keep = limit - CUT.length;
  const head = Math.ceil(keep / 2);
  return { output: text.slice(0, head) + CUT + text.slice(text.length - (keep - head)), truncated: true };
}

/** stdout then stderr, told apart. */
export function joinOutputs(stdout: string, stderr: string): string {
  if (!stderr) return stdout;
  if (!stdout) return stderr;
  return `${stdout}${stdout.endsWith('\n') ? '' : '\n'}${stderr}`;
}
