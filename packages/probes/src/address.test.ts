import { describe, expect, it } from 'vitest';
import { formatHostPort, isHost, parseHostPort } from './address';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:5060', undefined, { host: '127.0.0.1', port: 5060 }],
    ['pbx.centre.local', 5060, { host: 'pbx.centre.local', port: 5060 }],
    ['[::1]:2222', undefined, { host: '::1', port: 2222 }],
    ['::1', 22, { host: '::1', port: 22 }],
    ['[fe80::1]', 161, { host: 'fe80::1', port: 161 }],
    ['pbx.centre.local', undefined, undefined],
    ['127.0.0.1:70000', undefined, undefined],
    ['127.0.0.1:0', undefined, undefined],
    ['-oProxyCommand=x:22', undefined, undefined],
    ['host name:80', undefined, undefined],
  ])('reads %s', (text, defaultPort, expected) => expect(parseHostPort(text, defaultPort)).toEqual(expected));

  it('writes IPv6 addresses in brackets', () => {
    expect(formatHostPort({ host: '::1', port: 5060 })).toBe('[::1]:5060');
    expect(formatHostPort({ host: '127.0.0.1', port: 5060 })).toBe('127.0.0.1:5060');
  });

  it('never takes an option for a host', () => {
    expect(isHost('-f')).toBe(false);
    expect(isHost('--help')).toBe(false);
    expect(isHost('gw-1.centre.local')).toBe(true);
  });
});
