import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { acceptsTcp, freePort, startProcess, tempFolder, waitUntil } from '../../support/peers/process';

/** An OpenSSH server on 127.0.0.1 serving SFTP, with a key that may run commands and one that may not. */
export interface SftpPeer {
  port: number;
  user: string;
  /** Logs in with SFTP and commands (so `sha256sum` runs on the server). */
  keyFile: string;
  /** Logs in with SFTP only: every command is replaced by sftp-server (no `sha256sum`). */
  sftpOnlyKeyFile: string;
  /** A key the server does not know. */
  strangerKeyFile: string;
  hostKey: string;
  /** A folder for the archives, empty. */
  folder: string;
  stop(): Promise<void>;
}

function newKey(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vigie-test', '-f', file], { stdio: 'ignore' });
}

/**
 * Starts `sshd` (Debian `openssh-server`) with the SFTP subsystem, which the probes' sshd peer
 * (test/support/peers/sshd.ts) does not configure.
 */
export async function startSftpPeer(): Promise<SftpPeer> {
  const folder = tempFolder('sftp');
  const file = (name: string) => join(folder.path, name);
  for (const key of ['host', 'client', 'sftp-only', 'stranger']) newKey(file(`${key}_ed25519`));
  writeFileSync(
    file('authorized_keys'),
    [
      readFileSync(file('client_ed25519.pub'), 'utf8').trim(),
      `restrict,command="/usr/lib/openssh/sftp-server" ${readFileSync(file('sftp-only_ed25519.pub'), 'utf8').trim()}`,
      '',
    ].join('\n'),
  );
  mkdirSync(file('archives'));
  const port = await freePort();
  writeFileSync(
    file('sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${file('host_ed25519')}`,
      `AuthorizedKeysFile ${file('authorized_keys')}`,
      `PidFile ${file('sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file('host_ed25519.pub')], {
    encoding: 'utf8',
  }).split(' ')[1];
  const peer = startProcess('/usr/sbin/sshd', ['-D', '-e', '-f', file('sshd_config')]);
  try {
    await waitUntil(`sshd on 127.0.0.1:${port}`, () => acceptsTcp(port), { peer });
  } catch (error) {
    await peer.stop();
    folder.remove();
    throw error;
  }
  return {
    port,
    user: userInfo().username,
    keyFile: file('client_ed25519'),
    sftpOnlyKeyFile: file('sftp-only_ed25519'),
    strangerKeyFile: file('stranger_ed25519'),
    hostKey: fingerprint ?? '',
    folder: file('archives'),
    async stop() {
      await peer.stop();
      folder.remove();
    },
  };
}
