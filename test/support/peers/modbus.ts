import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { startProcess, waitUntil } from './process';

const CONTROLLER = fileURLToPath(new URL('../../probes/fixtures/modbus-controller.py', import.meta.url));

/** The data tables of the simulated controller. */
export type ModbusTableName = 'coil' | 'discrete' | 'holding' | 'input';

/** A simulated generator controller (pymodbus) on 127.0.0.1, whose points the test sets. */
export interface ModbusPeer {
  port: number;
  /** Sets one coil, input or register, resolved once the simulator holds it. */
  set(table: ModbusTableName, address: number, value: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the pymodbus simulator (Debian `python3-pymodbus`) with Debian's own python3,
 * reads the port it bound, and returns a handle to change its points.
 */
export async function startModbusController(): Promise<ModbusPeer> {
  // /usr/bin/python3: the system interpreter where Debian installs pymodbus, whatever PATH says.
  const peer = startProcess('/usr/bin/python3', ['-u', CONTROLLER], { stdin: 'pipe' });
  let port = 0;
  try {
    await waitUntil(
      'pymodbus controller',
      () => {
        const match = /listening (\d+)/.exec(peer.output());
        port = Number(match?.[1] ?? 0);
        return port > 0;
      },
      { peer },
    );
  } catch (error) {
    await peer.stop();
    throw error;
  }
  const stdin = peer.child.stdin as Writable;
  let acks = 0;
  return {
    port,
    async set(table, address, value) {
      acks += 1;
      const expected = acks;
      stdin.write(`set ${table} ${address} ${value}\n`);
      await waitUntil(
        `controller sets ${table}:${address}`,
        () => (peer.output().match(/^ok$/gm)?.length ?? 0) >= expected,
        {
          peer,
        },
      );
    },
    stop: () => peer.stop(),
  };
}
