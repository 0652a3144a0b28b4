import { execFile, type ExecFileException } from 'node:child_process';
import { boundOutput, joinOutputs } from './bounded-output';

/** Bytes read from a program before it is stopped: far more than a result carries. */
const MAX_BUFFER = 4 * 1024 * 1024;

/** How a program ended. */
export interface RunOutcome {
  exitCode: number | null;
  /** The program ran past its time limit and was killed. */
  timedOut: boolean;
  /** It could not be started at all (not found, not executable…), or was stopped for its output. */
  error: string | null;
  output: string;
  outputTruncated: boolean;
  startedAt: number;
  finishedAt: number;
}

/**
 * Runs one program with fixed arguments and a time limit — never through a shell, so no
 * argument is ever interpreted — and captures its output, bounded.
 */
export function runFile(
  path: string,
  args: readonly string[],
  options: { timeoutMs: number; cwd?: string | undefined; signal?: AbortSignal | undefined },
): Promise<RunOutcome> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    execFile(
      path,
      [...args],
      {
        shell: false,
        windowsHide: true,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_BUFFER,
        encoding: 'utf8',
        ...(options.cwd !== undefined && { cwd: options.cwd }),
        ...(options.signal !== undefined && { signal: options.signal }),
      },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        const finishedAt = Date.now();
        const { output, truncated } = boundOutput(joinOutputs(stdout ?? '', stderr ?? ''));
        const base = { output, outputTruncated: truncated, startedAt, finishedAt };
        if (!error) return resolve({ ...base, exitCode: 0, timedOut: false, error: null });
        if (typeof error.code === 'number') {
          return resolve({ ...base, exitCode: error.code, timedOut: false, error: null });
        }
        const timedOut =
          error.killed === true && error.signal === 'SIGKILL' && finishedAt - startedAt >= options.timeoutMs;
        const why =
          error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
            ? `stopped: more than ${MAX_BUFFER} bytes of output`
            : timedOut
              ? `killed after ${options.timeoutMs} ms (its time limit)`
              : error.signal
                ? `ended by signal ${error.signal}`
                : `cannot run ${path}: ${error.message}`;
        resolve({ ...base, exitCode: null, timedOut, error: why });
      },
    );
  });
}
