import { describe, expect, it } from 'vitest';
import { parseSystemctlShow, systemctlRestartArgs, systemctlShowArgs, unitName } from './systemd-units';

describe('systemctl command lines', () => {
  it('adds .service to a bare name and keeps a unit name', () => {
    expect(unitName('postgresql')).toBe('postgresql.service');
    expect(unitName('asterisk.service')).toBe('asterisk.service');
    expect(unitName('getty@tty1.service')).toBe('getty@tty1.service');
  });

  it('builds fixed arguments', () => {
    expect(systemctlShowArgs('crm')).toEqual([
      'show',
      'crm.service',
      '--property=LoadState',
      '--property=ActiveState',
      '--property=SubState',
      '--property=Result',
      '--no-pager',
    ]);
    expect(systemctlRestartArgs('crm')).toEqual(['restart', 'crm.service', '--no-pager']);
  });
});

describe('parseSystemctlShow', () => {
  it.each([
    ['LoadState=loaded\nActiveState=active\nSubState=running\nResult=success\n', 'running', 'active (running)'],
    [
      'LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\n',
      'stopped',
      'failed (failed, result exit-code)',
    ],
    ['LoadState=loaded\nActiveState=inactive\nSubState=dead\nResult=success\n', 'stopped', 'inactive (dead)'],
    ['LoadState=loaded\nActiveState=activating\nSubState=start\nResult=success\n', 'starting', 'activating (start)'],
    [
      'LoadState=not-found\nActiveState=inactive\nSubState=dead\nResult=success\n',
      'missing',
      'systemd: unit not found',
    ],
  ])('reads %j', (output, state, detail) => {
    expect(parseSystemctlShow(output)).toEqual({ state, detail });
  });

  it('says when it cannot tell', () => {
    expect(parseSystemctlShow('Failed to connect to bus: Host is down').state).toBe('unknown');
  });
});
