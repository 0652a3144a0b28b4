import { createHash } from 'node:crypto';
import { Client, type SFTPWrapper } from 'ssh2';

/** Where and how to log in to an SFTP server (key authentication only). */
export interface SftpLogin {
  host: string;
  port: number;
  user: string;
  privateKey: string;
  /** The host key fingerprint to insist on, `SHA256:…` as `ssh-keygen -l` prints it. */
  hostKey?: string;
}

/** OpenSSH's fingerprint of a raw host key: `SHA256:` then unpadded base64. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** SFTP status codes (RFC draft-ietf-secsh-filexfer-02) turned into the Node codes the archiver judges. */
const STATUS_TO_CODE: Record<number, string> = {
  2: 'ENOENT',
  3: 'EACCES',
  4: 'SFTP_FAILURE',
  5: 'SFTP_BAD_MESSAGE',
  6: 'SFTP_NO_CONNECTION',
  7: 'SFTP_CONNECTION_LOST',
  8: 'SFTP_UNSUPPORTED',
};

/** An SFTP error with a string code (`ENOENT`, `EACCES`, `SFTP_FAILURE`…) and its status in the message. */
export function sftpError(error: Error): Error {
  const status = (error as Error & { code?: unknown }).code;
  if (typeof status !== 'number') return error;
  return Object.assign(new Error(`${error.message} (SFTP status ${status})`), {
    code: STATUS_TO_CODE[status] ?? `SFTP_STATUS_${status}`,
  });
}

/** Turns an ssh2 callback API into a promise, with SFTP status codes made readable. */
export function sftpCall<T>(start: (done: (error: Error | undefined | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      start((error, value) => (error ? reject(sftpError(error)) : resolve(value as T)));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** An open SSH connection with its SFTP channel. */
export interface SftpSession {
  client: Client;
  sftp: SFTPWrapper;
  /** The fingerprint the server presented. */
  hostKey: string;
  /** The error that broke the connection after login, if any. */
  broken(): Error | undefined;
}

/** Connects, checks the host key if one is pinned, logs in with the key and opens the SFTP channel. */
export function openSftpSession(login: SftpLogin): Promise<SftpSession> {
  const client = new Client();
  let hostKey = '';
  let broken: Error | undefined;
  return new Promise<SftpSession>((resolve, reject) => {
    client.once('error', reject);
    client.once('ready', () => {
      client.sftp((error, sftp) => {
        if (error) {
          client.end();
          return reject(error);
        }
        client.removeListener('error', reject);
        // After login an error only marks the session broken: each pending operation fails on its own.
        client.on('error', (late: Error) => (broken ??= late));
        client.once('close', () => (broken ??= new Error('the SSH connection closed')));
        resolve({ client, sftp, hostKey, broken: () => broken });
      });
    });
    client.connect({
      host: login.host,
      port: login.port,
      username: login.user,
      privateKey: login.privateKey,
      readyTimeout: 20_000,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        hostKey = hostKeyFingerprint(key);
        const expected = login.hostKey?.replace(/=$/, '');
        if (expected !== undefined && expected !== hostKey) {
          reject(new Error(`the host key is ${hostKey}, not ${expected}: another machine answers`));
          return false;
        }
        return true;
      },
    });
  });
}
