import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackupFolder } from './read-backup-folder';

const root = mkdtempSync(join(tmpdir(), 'vigie-backups-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
const NOW = Date.now();

/** Writes `bytes` bytes at `path` (under root), last written `hoursAgo` hours ago. */
function backupFile(path: string, bytes: number, hoursAgo: number): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, Buffer.alloc(bytes));
  const when = new Date(NOW - hoursAgo * HOUR);
  utimesSync(full, when, when);
}

backupFile('sql/crm_20260103.bak', 3_000, 50);
backupFile('sql/crm_20260104.BAK', 2_000, 26);
backupFile('sql/crm_20260105.bak.tmp', 10, 0.1);
backupFile('sql/lisezmoi.txt', 10, 0.2);
backupFile('sql/2026-01-05/crm_20260105.bak', 1_000, 2);
mkdirSync(join(root, 'empty'));

describe('readBackupFolder', () => {
  it('reports the newest file matching the pattern and how many match, not looking into subfolders', async () => {
    const report = await readBackupFolder('sql-nightly', {
      path: join(root, 'sql'),
      pattern: '*.bak',
      recursive: false,
    });
    expect(report).toEqual({
      name: 'sql-nightly',
      path: join(root, 'sql'),
      pattern: '*.bak',
      files: 2,
      newest: { file: 'crm_20260104.BAK', sizeBytes: 2_000, modifiedAt: expect.any(Number) as number },
    });
    if ('newest' in report) expect(Math.abs(report.newest!.modifiedAt - (NOW - 26 * HOUR))).toBeLessThan(1_000);
  });

  it('looks into subfolders when recursive, naming the file from the folder', async () => {
    const report = await readBackupFolder('sql-nightly', {
      path: join(root, 'sql'),
      pattern: '*.bak',
      recursive: true,
    });
    expect(report).toMatchObject({
      files: 3,
      newest: { file: join('2026-01-05', 'crm_20260105.bak'), sizeBytes: 1_000 },
    });
  });

  it('reports an empty folder as no file, not an error', async () => {
    expect(await readBackupFolder('b', { path: join(root, 'empty'), pattern: '*', recursive: true })).toMatchObject({
      files: 0,
      newest: null,
    });
  });

  it('says a missing folder is missing instead of failing', async () => {
    expect(await readBackupFolder('b', { path: join(root, 'nowhere'), pattern: '*', recursive: false })).toEqual({
      name: 'b',
      path: join(root, 'nowhere'),
      pattern: '*',
      error: 'folder not found',
    });
  });

  it('says a file named as the folder is not a folder', async () => {
    const report = await readBackupFolder('b', {
      path: join(root, 'sql', 'lisezmoi.txt'),
      pattern: '*',
      recursive: false,
    });
    expect(report).toMatchObject({ error: 'not a folder' });
  });
});
