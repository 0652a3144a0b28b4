import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileQueue } from './file-queue';
import { Sequence } from './sequence';

const dir = mkdtempSync(join(tmpdir(), 'vigie-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileQueue', () => {
  const queue = new FileQueue(join(dir, 'q'), z.object({ n: z.number() }));

  it('gives items back oldest first, keeps the newest when trimmed, drops unreadable ones', async () => {
    for (let n = 1; n <= 5; n++) await queue.put(String(n).padStart(3, '0'), { n });
    expect(await queue.trim(3)).toBe(2);
    writeFileSync(join(dir, 'q', '004.json'), '{"n": "four"');
    const { items, dropped } = await queue.peek(10);
    expect(items.map((i) => i.item.n)).toEqual([3, 5]);
    expect(dropped).toBe(1);
    await queue.remove(['003']);
    expect(await queue.names()).toEqual(['005']);
  });
});

describe('Sequence', () => {
  it('goes on where it stopped, across instances', async () => {
    const first = new Sequence(join(dir, 's'));
    expect([await first.next(), await first.next()]).toEqual([1, 2]);
    expect(await new Sequence(join(dir, 's')).next()).toBe(3);
  });
});
