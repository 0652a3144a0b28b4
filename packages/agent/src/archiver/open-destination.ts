import { readFile } from 'node:fs/promises';
import type { Destination } from './destination';
import { describeDestination } from './destination-spec';
import { FolderDestination } from './folder-destination';
import type { ArchiveOptions } from './options';
import { SftpDestination } from './sftp-destination';

/** Opens the destination the options name: the folder must exist, the SFTP server must accept the key. */
export async function openDestination(options: ArchiveOptions): Promise<Destination> {
  const spec = options.destination;
  if (spec.kind === 'folder') return FolderDestination.open(spec.path, Math.min(options.concurrency, 4));
  const privateKey = await readFile(options.identityFile ?? '', 'utf8');
  return SftpDestination.open(
    describeDestination(spec),
    { host: spec.host, port: spec.port, user: spec.user, privateKey, hostKey: options.hostKey },
    spec.path,
  );
}
