import { describe, expect, it } from 'vitest';
import { rebootCommand } from './reboot-command';

describe('rebootCommand', () => {
  it('on Windows, restarts after the delay in seconds with a comment', () => {
    expect(rebootCommand('win32', 60_000)).toEqual({
      path: 'shutdown.exe',
      args: ['/r', '/t', '60', '/c', 'Vigie: redémarrage demandé par le plan de continuité'],
    });
  });

  it('on Linux, in whole minutes, never at once (the result must reach Vigie first)', () => {
    expect(rebootCommand('linux', 0).args.slice(0, 2)).toEqual(['-r', '+1']);
    expect(rebootCommand('linux', 60_000).args.slice(0, 2)).toEqual(['-r', '+1']);
    expect(rebootCommand('linux', 90_000)).toMatchObject({ path: 'shutdown', args: ['-r', '+2', expect.any(String)] });
  });
});
