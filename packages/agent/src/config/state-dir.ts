import { posix, win32 } from 'node:path';

/** Where the agent keeps its buffer and process ids when the configuration does not say. */
export function defaultStateDir(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return win32.join(process.env['ProgramData'] ?? 'C:\\ProgramData', 'vigie-agent', 'state');
  }
  return posix.join('/var/lib/vigie-agent', 'state');
}
