import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canSyncFileSystem, syncFileSystem } from './sync-file-system';

describe('syncFileSystem', () => {
  it('flushes a local file system in one call where `sync -f` is there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-syncfs-'));
    expect(await canSyncFileSystem(folder)).toBe(process.platform === 'linux');
    if (process.platform === 'linux') await expect(syncFileSystem(folder)).resolves.toBeUndefined();
  });

  it('says no for a folder that is not there, and names it when asked to flush it', async () => {
    const missing = join(tmpdir(), 'vigie-syncfs-missing', 'nowhere');
    expect(await canSyncFileSystem(missing)).toBe(false);
    await expect(syncFileSystem(missing)).rejects.toThrow(/sync -f .*nowhere/);
  });

  it('flushes file by file where no `sync` command can be found', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-syncfs-'));
    const path = process.env['PATH'];
    process.env['PATH'] = folder; // no `sync` there
    try {
      expect(await canSyncFileSystem(folder)).toBe(false);
    } finally {
      process.env['PATH'] = path;
    }
  });
});
