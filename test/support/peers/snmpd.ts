import { execFile } from 'node:child_process';
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, isUdpPortBound, startProcess, tempFolder, waitUntil } from './process';

/** The SNMPv3 user the test agent knows (SHA authentication, AES privacy). */
export const SNMP_V3_USER = { user: 'vigie', authKey: 'vigie-auth-pass', privKey: 'vigie-priv-pass' } as const;

/** A running `snmpd` on 127.0.0.1, serving UPS-MIB values the test can change. */
export interface SnmpdPeer {
  /** `127.0.0.1:PORT`. */
  target: string;
  /** Sets UPS-MIB (1.3.6.1.2.1.33) integers, by numeric OID, served from the next request on. */
  setUpsMib(values: Record<string, number>): void;
  stop(): Promise<void>;
}

/**
 * Starts Debian's `snmpd` with its own configuration (community `public`, a v3 user, a
 * `pass_persist` script answering UPS-MIB OIDs from a file) and waits until it answers `snmpget`.
 */
export async function startSnmpd(upsMib: Record<string, number>): Promise<SnmpdPeer> {
  const folder = tempFolder('snmpd');
  const port = await freePort('udp');
  const dataFile = join(folder.path, 'ups-mib.txt');
  const writeMib = (values: Record<string, number>) => {
    const lines = Object.entries(values).map(([oid, value]) => `.${oid.replace(/^\./, '')} integer ${value}\n`);
    writeFileSync(`${dataFile}.new`, lines.join(''));
    renameSync(`${dataFile}.new`, dataFile);
  };
  writeMib(upsMib);
  // snmpd's `pass_persist` protocol (a long-running script, so no exec cache serves stale values):
  // PING → PONG; `get` + OID → OID, type, value (or NONE); everything else → NONE.
  const script = join(folder.path, 'ups-mib.sh');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      'while read -r command; do',
      '  case "$command" in',
      '    PING) echo PONG ;;',
      '    get) read -r oid',
      `      line=$(grep "^$oid " "${dataFile}") && printf '%s\\n' $line || echo NONE ;;`,
      '    getnext) read -r oid; echo NONE ;;',
      '    set) read -r oid; read -r value; echo not-writable ;;',
      '    *) echo NONE ;;',
      '  esac',
      'done',
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  const conf = join(folder.path, 'snmpd.conf');
  writeFileSync(
    conf,
    [
      'rocommunity public 127.0.0.1',
      `createUser ${SNMP_V3_USER.user} SHA "${SNMP_V3_USER.authKey}" AES "${SNMP_V3_USER.privKey}"`,
      `rouser ${SNMP_V3_USER.user} priv`,
      'sysLocation Douala, salle serveurs',
      `pass_persist .1.3.6.1.2.1.33 /bin/sh ${script}`,
      '',
    ].join('\n'),
  );
  // Its own persistent folder: the v3 user's keys and engine boots are written there, not in /var/lib/snmp.
  const env = { SNMP_PERSISTENT_DIR: join(folder.path, 'persist') };
  const peer = startProcess(
    '/usr/sbin/snmpd',
    ['-f', '-Lo', '-C', '-c', conf, '-m', '', '-M', '/dev/null', `udp:127.0.0.1:${port}`],
    { env },
  );
  const answers = () =>
    new Promise<boolean>((resolve) =>
      execFile(
        'snmpget',
        ['-v2c', '-c', 'public', '-On', '-m', '', '-t', '1', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.3.0'],
        { env: { ...process.env, ...env } },
        (error) => resolve(error === null),
      ),
    );
  try {
    await waitUntil(`snmpd on udp 127.0.0.1:${port}`, async () => isUdpPortBound(port) && (await answers()), {
      peer,
    });
  } catch (error) {
    await peer.stop();
    folder.remove();
    throw error;
  }
  return {
    target: `127.0.0.1:${port}`,
    setUpsMib: writeMib,
    async stop() {
      await peer.stop();
      folder.remove();
    },
  };
}
