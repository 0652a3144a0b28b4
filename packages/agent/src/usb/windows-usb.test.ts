import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUsbstorStart, regQueryArgs } from './windows-usb';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('the USBSTOR registry value', () => {
  it('is read with fixed arguments', () => {
    expect(regQueryArgs()).toEqual(['query', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR', '/v', 'Start']);
  });

  it('4 is disabled', () => {
    expect(parseUsbstorStart(fixture('reg-usbstor-disabled.txt'), 0)).toMatchObject({
      state: 'disabled',
      evidence: expect.stringContaining('USBSTOR Start = 4'),
    });
  });

  it('3 (loaded on demand) is enabled', () => {
    expect(parseUsbstorStart(fixture('reg-usbstor-enabled.txt'), 0)).toMatchObject({
      state: 'enabled',
      evidence: expect.stringContaining('USBSTOR Start = 3'),
    });
  });

  it('an unreadable key is unknown, with reg’s words', () => {
    expect(parseUsbstorStart(fixture('reg-usbstor-missing.txt'), 1)).toMatchObject({
      state: 'unknown',
      evidence: expect.stringContaining('unable to find the specified registry key'),
    });
  });
});
