import type { UsbStorageReport } from '@vigie/contract';
import { readLinuxUsbPolicy } from './linux-usb';
import { readWindowsUsbPolicy } from './windows-usb';

/** The USB mass-storage policy of this machine, as evidence for the PCI DSS control. */
export function readUsbPolicy(platform: NodeJS.Platform = process.platform): Promise<UsbStorageReport> {
  if (platform === 'win32') return readWindowsUsbPolicy();
  if (platform === 'linux') return readLinuxUsbPolicy();
  return Promise.resolve({ state: 'unknown', evidence: `no USB policy reader for ${platform}` });
}
