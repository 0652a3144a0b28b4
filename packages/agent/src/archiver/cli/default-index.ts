import { posix, win32 } from 'node:path';

/** Where the agent keeps its archive index when `--index` is not given: beside the agent's data. */
export function defaultIndexFile(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return win32.join(process.env.ProgramData ?? 'C:\\ProgramData', 'vigie-agent', 'archive-index.db');
  }
  return posix.join('/var/lib/vigie-agent', 'archive-index.db');
}
