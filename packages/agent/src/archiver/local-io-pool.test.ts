import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalIoError, LocalIoPool } from './local-io-pool';

// Where no single `syncfs` flushes a batch (network shares, Windows), copies are flushed file by file.
describe('LocalIoPool', () => {
  const pool = new LocalIoPool(2);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-io-pool-'));
  afterAll(() => pool.close());

  it('flushes many files spread over its threads, and names the one it could not', async () => {
    const files = Array.from({ length: 7 }, (_, i) => join(dir, `call-${i}.wav`));
    files.forEach((file, i) => writeFileSync(file, `recording ${i}`));
    await expect(pool.flushFiles(files)).resolves.toBeUndefined();
    const missing = join(dir, 'gone.wav');
    const failure = await pool.flushFiles([...files, missing]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalIoError);
    expect(failure).toMatchObject({ side: 'destination', code: 'ENOENT' });
  });

  it('renames copies in one message without ever replacing a file', async () => {
    writeFileSync(join(dir, 'a.part'), 'new a');
    writeFileSync(join(dir, 'b.part'), 'new b');
    writeFileSync(join(dir, 'b.wav'), 'another b');
    const outcomes = await pool.publishMany([
      { from: join(dir, 'a.part'), to: join(dir, 'a.wav') },
      { from: join(dir, 'b.part'), to: join(dir, 'b.wav') },
    ]);
    expect(outcomes).toEqual([{ ok: 'published' }, { ok: 'exists' }]);
    expect(readFileSync(join(dir, 'a.wav'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.wav'), 'utf8')).toBe('another b');
  });
});
