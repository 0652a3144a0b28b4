import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { acceptsTcp, freePort, startProcess, tempFolder, waitUntil } from './process';

/** A running OpenSSH server on 127.0.0.1 with its own host key and one authorized client key. */
export interface SshdPeer {
  /** `USER@127.0.0.1:PORT`, the user running the tests. */
  target: string;
  port: number;
  /** The private key the server accepts. */
  clientKeyFile: string;
  /** A private key the server does not know. */
  strangerKeyFile: string;
  /** The host key fingerprint, as `ssh-keygen -l` prints it. */
  hostKey: string;
  /** With `sftp`: a key limited to SFTP (every command replaced by sftp-server). */
  sftpOnlyKeyFile: string;
  /** The peer's temp folder, removed when it stops. */
  folder: string;
  stop(): Promise<void>;
}

function newKey(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'vigie-test', '-f', file], { stdio: 'ignore' });
}

/**
 * Starts `sshd` (Debian `openssh-server`) with everything it needs in a temp folder; with
 * `sftp`, the SFTP subsystem too, and a second key allowed SFTP only.
 */
export async function startSshd(options: { sftp?: boolean } = {}): Promise<SshdPeer> {
  const folder = tempFolder('sshd');
  const file = (name: string) => join(folder.path, name);
  for (const key of ['host', 'client', 'stranger', 'sftp-only']) newKey(file(`${key}_ed25519`));
  writeFileSync(
    file('authorized_keys'),
    [
      readFileSync(file('client_ed25519.pub'), 'utf8').trim(),
      ...(options.sftp
        ? [
            `restrict,command="/usr/lib/openssh/sftp-server" ${readFileSync(file('sftp-only_ed25519.pub'), 'utf8').trim()}`,
          ]
        : []),
      '',
    ].join('\n'),
  );
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
      ...(options.sftp ? ['Subsystem sftp /usr/lib/openssh/sftp-server'] : []),
      '',
    ].join('\n'),
  );
  // sshd's privilege separation folder; the Debian service would create it.
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
    target: `${userInfo().username}@127.0.0.1:${port}`,
    port,
    clientKeyFile: file('client_ed25519'),
    strangerKeyFile: file('stranger_ed25519'),
    hostKey: fingerprint ?? '',
    sftpOnlyKeyFile: file('sftp-only_ed25519'),
    folder: folder.path,
    async stop() {
      await peer.stop();
      folder.remove();
    },
  };
}
