import type { UsbStorageReport } from '@vigie/contract';
import { runFile } from '../exec/run-file';

/** The registry value that says whether Windows loads the USB mass-storage driver. */
export const USBSTOR_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR';

/** The arguments of `reg.exe` that read it (pure: unit-tested). */
export function regQueryArgs(): string[] {
  return ['query', USBSTOR_KEY, '/v', 'Start'];
}

/** Reads `reg query … /v Start`: 4 means the driver is disabled; 3 (on demand) and lower, enabled. */
export function parseUsbstorStart(output: string, exitCode: number | null): UsbStorageReport {
  const match = /\bStart\s+REG_DWORD\s+0x([0-9a-f]+)/i.exec(output);
  if (!match) {
    const first = output.trim().split(/\r?\n/).find(Boolean) ?? '';
    return {
      state: 'unknown',
      evidence: `reg query ${USBSTOR_KEY} /v Start failed (${exitCode ?? '?'}): ${first.slice(0, 200)}`,
    };
  }
  const value = Number.parseInt(match[1]!, 16);
  return value === 4
    ? { state: 'disabled', evidence: `USBSTOR Start = 4 (disabled) in ${USBSTOR_KEY}` }
    : { state: 'enabled', evidence: `USBSTOR Start = ${value} (4 disables it) in ${USBSTOR_KEY}` };
}

/** The USB mass-storage policy of this Windows machine. */
export async function readWindowsUsbPolicy(): Promise<UsbStorageReport> {
  const run = await runFile('reg.exe', regQueryArgs(), { timeoutMs: 15_000 });
  if (run.error) return { state: 'unknown', evidence: run.error };
  return parseUsbstorStart(run.output, run.exitCode);
}
