import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { withBuffer } from './buffer-pool';
import type { Checksummed } from './destination';

/** Size and SHA-256 of a local file, read once from start to end. */
export async function sha256File(file: string): Promise<Checksummed> {
  const handle = await open(file, 'r');
  try {
    return await withBuffer(async (buffer) => {
      const hash = createHash('sha256');
      let size = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
      }
      return { size, sha256: hash.digest('hex') };
    });
  } finally {
    await handle.close();
  }
}
