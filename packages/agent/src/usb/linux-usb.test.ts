import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeLinuxUsb, readLinuxUsbPolicy } from './linux-usb';

describe('judgeLinuxUsb', () => {
  it('a loaded module means USB storage works, whatever the files say', () => {
    const files = [{ path: '/etc/modprobe.d/usb.conf', text: 'blacklist usb-storage\n' }];
    expect(judgeLinuxUsb(true, files).state).toBe('enabled');
  });

  it.each([
    ['blacklist usb-storage', 'disabled'],
    ['blacklist usb_storage # PCI DSS', 'disabled'],
    ['install usb-storage /bin/false', 'disabled'],
    ['install usb_storage /usr/bin/true', 'disabled'],
    ['# blacklist usb-storage', 'enabled'],
    ['blacklist usb-storage-extra', 'enabled'],
    ['options usb-storage quirks=1', 'enabled'],
  ])('%j → %s', (line, state) => {
    const result = judgeLinuxUsb(false, [{ path: '/etc/modprobe.d/pci.conf', text: `${line}\n` }]);
    expect(result.state).toBe(state);
    if (state === 'disabled') expect(result.evidence).toBe(`"${line}" in /etc/modprobe.d/pci.conf`);
  });
});

describe('readLinuxUsbPolicy', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-usb-'));
    dirs.push(dir);
    return dir;
  };

  it('finds a blacklist among the .conf files of modprobe.d', async () => {
    const etc = temp();
    writeFileSync(join(etc, 'alsa.conf'), 'options snd index=0\n');
    writeFileSync(join(etc, 'usb.conf.disabled'), 'install usb-storage /bin/false\n');
    writeFileSync(join(etc, 'pci-dss.conf'), 'blacklist usb-storage\n');
    const policy = await readLinuxUsbPolicy([etc, join(etc, 'absent')], join(etc, 'no-module'));
    expect(policy).toEqual({ state: 'disabled', evidence: `"blacklist usb-storage" in ${join(etc, 'pci-dss.conf')}` });
  });

  it('takes the module present in /sys as enabled', async () => {
    const etc = temp();
    writeFileSync(join(etc, 'pci-dss.conf'), 'blacklist usb-storage\n');
    mkdirSync(join(etc, 'usb_storage'));
    expect((await readLinuxUsbPolicy([etc], join(etc, 'usb_storage'))).state).toBe('enabled');
  });
});
