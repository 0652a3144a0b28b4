import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startSshd } from '../../support/peers/sshd';

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

/** Starts `sshd` (Debian `openssh-server`) with the SFTP subsystem, through the shared sshd peer. */
export async function startSftpPeer(): Promise<SftpPeer> {
  const sshd = await startSshd({ sftp: true });
  const archives = join(sshd.folder, 'archives');
  mkdirSync(archives);
  return {
    port: sshd.port,
    user: userInfo().username,
    keyFile: sshd.clientKeyFile,
    sftpOnlyKeyFile: sshd.sftpOnlyKeyFile,
    strangerKeyFile: sshd.strangerKeyFile,
    hostKey: sshd.hostKey,
    folder: archives,
    stop: () => sshd.stop(),
  };
}
