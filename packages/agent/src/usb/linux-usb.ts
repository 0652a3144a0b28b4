import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsbStorageReport } from '@vigie/contract';

/** Where modprobe reads its configuration, in its own order. */
export const MODPROBE_DIRS = [
  '/etc/modprobe.d',
  '/run/modprobe.d',
  '/usr/local/lib/modprobe.d',
  '/usr/lib/modprobe.d',
  '/lib/modprobe.d',
];
/** Present while the usb-storage module is loaded. */
export const USB_STORAGE_SYSFS = '/sys/module/usb_storage';

const MODULE = 'usb[-_]storage';
const BLACKLIST = new RegExp(`^\\s*blacklist\\s+${MODULE}\\s*(#.*)?$`);
const INSTALL_OFF = new RegExp(`^\\s*install\\s+${MODULE}\\s+(/usr)?/bin/(true|false)\\b`);

/**
 * Judges the Linux policy: the module loaded now means USB storage works, whatever the files
 * say; otherwise `install usb-storage /bin/false` (or `/bin/true`) or `blacklist usb-storage` in
 * a modprobe.d file keeps it from loading when a key is plugged in.
 */
export function judgeLinuxUsb(loaded: boolean, files: { path: string; text: string }[]): UsbStorageReport {
  if (loaded) return { state: 'enabled', evidence: `the usb_storage module is loaded (${USB_STORAGE_SYSFS})` };
  for (const rule of [INSTALL_OFF, BLACKLIST]) {
    for (const file of files) {
      const line = file.text.split(/\r?\n/).find((l) => rule.test(l));
      if (line) return { state: 'disabled', evidence: `"${line.trim()}" in ${file.path}` };
    }
  }
  return { state: 'enabled', evidence: `usb-storage is neither blacklisted nor disabled in ${MODPROBE_DIRS[0]}` };
}

/** The USB mass-storage policy of this Linux machine (folders may be moved, for tests). */
export async function readLinuxUsbPolicy(
  dirs: readonly string[] = MODPROBE_DIRS,
  sysfs: string = USB_STORAGE_SYSFS,
): Promise<UsbStorageReport> {
  const loaded = await access(sysfs).then(
    () => true,
    () => false,
  );
  const files: { path: string; text: string }[] = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.conf')).sort()) {
      const path = join(dir, name);
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined) files.push({ path, text });
    }
  }
  return judgeLinuxUsb(loaded, files);
}
