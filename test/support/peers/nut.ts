import { chmodSync, mkdirSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptsTcp, freePort, startProcess, tempFolder, waitUntil, type PeerProcess } from './process';

/** A Network UPS Tools server (upsd) over a `dummy-ups` driver that plays a `.dev` file. */
export interface NutPeer {
  /** The probe target: `dummy@127.0.0.1:PORT`. */
  target: string;
  port: number;
  /** Rewrites the driver's `.dev` file: the driver sees the new variables within a few seconds. */
  setVariables(variables: Record<string, string | number>): void;
  /** Stops the driver only, leaving upsd without data. */
  stopDriver(): Promise<void>;
  stop(): Promise<void>;
}

const DRIVERS = '/lib/nut';

function devFile(variables: Record<string, string | number>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('');
}

/**
 * Starts `dummy-ups` and `upsd` (Debian `nut-server`) with their own configuration in a temp
 * folder, upsd listening on a free port of 127.0.0.1, and waits until upsd serves the UPS.
 */
export async function startNut(variables: Record<string, string | number>): Promise<NutPeer> {
  const folder = tempFolder('nut');
  const state = join(folder.path, 'state');
  mkdirSync(state, { mode: 0o700 });
  const dev = join(folder.path, 'dummy.dev');
  const port = await freePort();
  writeFileSync(dev, devFile(variables));
  /** The modification time of the last write, in whole seconds (see `setVariables`). */
  let lastSecond = Math.floor(Date.now() / 1000);
  const configs: Record<string, string> = {
    'ups.conf': `[dummy]\n  driver = dummy-ups\n  port = ${dev}\n  pollinterval = 1\n  desc = "Vigie test UPS"\n`,
    'upsd.conf': `LISTEN 127.0.0.1 ${port}\n`,
    'upsd.users': '',
  };
  for (const [name, text] of Object.entries(configs)) {
    writeFileSync(join(folder.path, name), text);
    chmodSync(join(folder.path, name), 0o600);
  }
  // The Debian wrappers want /etc/nut/nut.conf: run the real programs with their paths instead.
  const env = { NUT_CONFPATH: folder.path, NUT_STATEPATH: state, NUT_ALTPIDPATH: state };
  const running: PeerProcess[] = [];
  const stopAll = async () => {
    for (const peer of running.reverse()) await peer.stop();
    folder.remove();
  };
  try {
    const driver = startProcess(`${DRIVERS}/dummy-ups`, ['-a', 'dummy', '-u', 'root', '-F'], { env });
    running.push(driver);
    await waitUntil('dummy-ups control socket', () => hasDriverSocket(state), { peer: driver });
    const upsd = startProcess(`${DRIVERS}/upsd`, ['-u', 'root', '-F'], { env });
    running.push(upsd);
    await waitUntil(`upsd on 127.0.0.1:${port}`, () => acceptsTcp(port), { peer: upsd });
    await waitUntil('upsd serving the dummy UPS', () => upsd.output().includes('Connected to UPS [dummy]'), {
      peer: upsd,
    });
    return {
      target: `dummy@127.0.0.1:${port}`,
      port,
      setVariables(next) {
        // Write then rename, so the driver never reads half a file. dummy-ups reads the file
        // again only when its modification time, in whole seconds, changed: each write gets
        // a second of its own, even two writes within one second.
        writeFileSync(`${dev}.new`, devFile(next));
        lastSecond = Math.max(lastSecond + 1, Math.floor(Date.now() / 1000));
        utimesSync(`${dev}.new`, lastSecond, lastSecond);
        renameSync(`${dev}.new`, dev);
      },
      stopDriver: () => driver.stop(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Whether the driver has created its control socket in the state folder. */
function hasDriverSocket(state: string): boolean {
  return readdirSync(state).some((name) => name.startsWith('dummy-ups-dummy'));
}
