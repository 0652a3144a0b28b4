import { describe, expect, it } from 'vitest';
import { boundOutput } from './bounded-output';
import { runFile } from './run-file';

const node = process.execPath;

describe('runFile', () => {
  it('captures the output and the exit code', async () => {
    const run = await runFile(node, ['-e', 'console.log("out"); console.error("err"); process.exit(3)'], {
      timeoutMs: 10_000,
    });
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, error: null, outputTruncated: false });
    expect(run.output).toBe('out\nerr\n');
  });

  it('never goes through a shell: an argument is passed as written', async () => {
    const run = await runFile(node, ['-e', 'console.log(process.argv[1])', '$(touch /tmp/x); `id` && echo no'], {
      timeoutMs: 10_000,
    });
    expect(run.output.trim()).toBe('$(touch /tmp/x); `id` && echo no');
  });

  it('kills a program past its time limit and says so', async () => {
    const run = await runFile(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 500 });
    expect(run).toMatchObject({ exitCode: null, timedOut: true, error: 'killed after 500 ms (its time limit)' });
  });

  it('says when the program cannot be started', async () => {
    const run = await runFile('/nonexistent/program', [], { timeoutMs: 1_000 });
    expect(run.exitCode).toBeNull();
    expect(run.error).toMatch(/^cannot run \/nonexistent\/program: .*ENOENT/);
  });

  it('bounds a long output', async () => {
    const run = await runFile(node, ['-e', 'process.stdout.write("a".repeat(100000) + "END")'], { timeoutMs: 10_000 });
    expect(run.outputTruncated).toBe(true);
    expect(run.output.length).toBeLessThanOrEqual(16_384);
    expect(run.output.endsWith('END')).toBe(true);
  });
});

describe('boundOutput', () => {
  it('keeps a short output whole', () => {
    expect(boundOutput('hello', 10)).toEqual({ output: 'hello', truncated: false });
  });

  it('keeps the start and the end of a long one, within the limit', () => {
    const { output, truncated } = boundOutput(`START${'x'.repeat(1000)}END`, 100);
    expect(truncated).toBe(true);
    expect(output.length).toBe(100);
    expect(output.startsWith('START')).toBe(true);
    expect(output.endsWith('END')).toBe(true);
    expect(output).toContain('[output cut]');
  });
});
