import type { WatchedService } from '@vigie/contract';
import type { ServiceDriver } from './driver';
import { processServiceDriver } from './process-driver';
import { systemdServiceDriver } from './systemd-driver';
import { windowsServiceDriver } from './windows-driver';

/** The driver of each watched service, by name. */
export function serviceDrivers(services: readonly WatchedService[], stateDir: string): Map<string, ServiceDriver> {
  const drivers = new Map<string, ServiceDriver>();
  for (const service of services) {
    switch (service.driver) {
      case 'windows':
        drivers.set(service.name, windowsServiceDriver(service.name));
        break;
      case 'systemd':
        drivers.set(service.name, systemdServiceDriver(service.name));
        break;
      case 'process':
        drivers.set(service.name, processServiceDriver(service, stateDir));
        break;
    }
  }
  return drivers;
}
