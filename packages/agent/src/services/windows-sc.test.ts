import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScQuery, scArgs, SC_SERVICE_MISSING } from './windows-sc';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('sc.exe command lines', () => {
  it('names the verb and the service, nothing else', () => {
    expect(scArgs('query', 'Onnet32Slave')).toEqual(['query', 'Onnet32Slave']);
    expect(scArgs('stop', 'Onnet32Slave')).toEqual(['stop', 'Onnet32Slave']);
    expect(scArgs('start', 'MSSQLSERVER')).toEqual(['start', 'MSSQLSERVER']);
  });
});

describe('parseScQuery', () => {
  it('reads a running service', () => {
    expect(parseScQuery(fixture('sc-query-running.txt'), 0)).toEqual({ state: 'running', detail: 'RUNNING' });
  });

  it('reads a stopped service with its exit code', () => {
    expect(parseScQuery(fixture('sc-query-stopped.txt'), 0)).toEqual({
      state: 'stopped',
      detail: 'STOPPED, exit code 1067',
    });
  });

  it('reads the output of a French Windows, whose labels are translated', () => {
    expect(parseScQuery(fixture('sc-query-fr-start-pending.txt'), 0)).toEqual({
      state: 'starting',
      detail: 'START_PENDING',
    });
  });

  it('tells a service that is not installed', () => {
    expect(parseScQuery(fixture('sc-query-missing.txt'), SC_SERVICE_MISSING).state).toBe('missing');
    expect(parseScQuery(fixture('sc-query-missing.txt'), 1).state).toBe('missing');
  });

  it('says what it could not read', () => {
    expect(parseScQuery('[SC] OpenSCManager FAILED 5:\r\n\r\nAccess is denied.\r\n', 5)).toEqual({
      state: 'unknown',
      detail: 'sc query answered 5: [SC] OpenSCManager FAILED 5:',
    });
  });
});
