import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AgentConfig, AgentReport, ServiceReport, UsbStorageReport } from '@vigie/contract';
import { readBackupFolder } from '../backups/read-backup-folder';
import type { ServiceDriver } from '../services/driver';
import { readUsbPolicy } from '../usb/usb-policy';
import { readDisk } from './disks';
import { readMemory, uptimeMs, type CpuMeter } from './host';

/** Everything one report needs besides the configuration. */
export interface Collectors {
  cpu: CpuMeter;
  services: Map<string, ServiceDriver>;
  usb: () => Promise<UsbStorageReport>;
}

export function defaultUsbReader(): () => Promise<UsbStorageReport> {
  return () => readUsbPolicy();
}

async function serviceState(driver: ServiceDriver): Promise<ServiceReport> {
  try {
    return await driver.state();
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    return { name: driver.name, driver: driver.kind, state: 'unknown', detail };
  }
}

/** Looks at the host once: CPU, memory, uptime, each disk, each service, the USB policy, each backup folder. */
export async function collectReport(config: AgentConfig, collectors: Collectors, seq: number): Promise<AgentReport> {
  const [memory, disks, services, usbStorage, backups] = await Promise.all([
    readMemory(),
    Promise.all(config.disks.map(readDisk)),
    Promise.all([...collectors.services.values()].map(serviceState)),
    config.usbStorage ? collectors.usb() : Promise.resolve(null),
    Promise.all(Object.entries(config.backups).map(([name, backup]) => readBackupFolder(name, backup))),
  ]);
  return {
    id: randomUUID(),
    seq,
    at: Date.now(),
    agentId: config.agentId,
    hostname: hostname().slice(0, 255),
    platform: process.platform,
    assets: config.assets,
    intervalMs: Math.max(1_000, config.reportEvery),
    uptimeMs: uptimeMs(),
    cpu: collectors.cpu.read(),
    memory,
    disks,
    services,
    usbStorage,
    backups,
    actions: Object.keys(config.actions),
  };
}
