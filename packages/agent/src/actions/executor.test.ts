import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigSchema } from '@vigie/contract';
import { processServiceDriver } from '../services/process-driver';
import { ActionExecutor } from './executor';

const state = mkdtempSync(join(tmpdir(), 'vigie-executor-'));
const config = AgentConfigSchema.parse({
  server: 'http://127.0.0.1:1',
  token: 'vga_test',
  agentId: 'test',
  assets: ['serveur-hmp'],
  services: [
    { name: 'worker', driver: 'process', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
  ],
  actions: {
    'restart-worker': { kind: 'service-restart', service: 'worker' },
    greet: {
      kind: 'command',
      path: process.execPath,
      args: ['-e', 'console.log("hello " + process.argv[1])', 'world'],
    },
    fail: { kind: 'command', path: process.execPath, args: ['-e', 'process.exit(2)'] },
    slow: { kind: 'command', path: process.execPath, args: ['-e', 'setTimeout(() => {}, 60000)'] },
  },
});
const worker = processServiceDriver(
  { name: 'worker', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
  state,
);
const executor = new ActionExecutor(config.actions, new Map([['worker', worker]]), state);
const task = (action: string, timeoutMs = 10_000) => executor.execute({ id: 't', action, timeoutMs });

afterAll(async () => {
  const now = await worker.state();
  if (now.state === 'running') process.kill(Number(now.detail.replace('pid ', '')), 'SIGKILL');
  rmSync(state, { recursive: true, force: true });
});

describe('ActionExecutor', () => {
  it('refuses a name outside the allow-list, naming what it allows', async () => {
    const result = await task('format-disk');
    expect(result).toMatchObject({ status: 'refused', exitCode: null });
    expect(result.message).toBe(
      "unknown action format-disk: not in this agent's allow-list (restart-worker, greet, fail, slow)",
    );
  });

  it('refuses names an object inherits', async () => {
    for (const name of ['constructor', 'tostring', '__proto__']) expect((await task(name)).status).toBe('refused');
  });

  it('runs a command with its fixed arguments', async () => {
    expect(await task('greet')).toMatchObject({ status: 'succeeded', exitCode: 0, output: 'hello world\n' });
    expect(await task('fail')).toMatchObject({ status: 'failed', exitCode: 2 });
  });

  it('stops a command past the task’s time limit', async () => {
    expect(await task('slow', 1_000)).toMatchObject({ status: 'timeout', exitCode: null });
  });

  it('restarts a service: a new process each time', async () => {
    const first = await task('restart-worker');
    expect(first).toMatchObject({ status: 'succeeded', message: expect.stringMatching(/^worker restarted: pid \d+$/) });
    const before = await worker.state();
    const second = await task('restart-worker');
    expect(second.message).toMatch(new RegExp(`was ${before.detail}\\)$`));
    const after = await worker.state();
    expect(after.state).toBe('running');
    expect(after.detail).not.toBe(before.detail);
    // The old process was stopped, not left behind.
    expect(() => process.kill(Number(before.detail.replace('pid ', '')), 0)).toThrow(/ESRCH/);
  });
});
