import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';

/**
 * A folder of JSON files, one item each, written whole (temporary name, then rename) so that
 * a crash never leaves half an item. Names sort in the order items were added.
 */
export class FileQueue<T> {
  constructor(
    private readonly dir: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async put(name: string, item: T): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${name}.json`);
    await writeFile(`${path}.tmp`, JSON.stringify(item));
    await rename(`${path}.tmp`, path);
  }

  /** Item names, oldest first. */
  async names(): Promise<string[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    return files
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  }

  /** The first items, oldest first; an unreadable one is dropped (and counted) rather than blocking the rest. */
  async peek(limit: number): Promise<{ items: { name: string; item: T }[]; dropped: number }> {
    const items: { name: string; item: T }[] = [];
    let dropped = 0;
    for (const name of (await this.names()).slice(0, limit)) {
      const text = await readFile(join(this.dir, `${name}.json`), 'utf8').catch(() => undefined);
      let parsed: unknown;
      try {
        parsed = text === undefined ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const checked = this.schema.safeParse(parsed);
      if (checked.success) items.push({ name, item: checked.data });
      else {
        dropped++;
        await this.remove([name]);
      }
    }
    return { items, dropped };
  }

  async remove(names: readonly string[]): Promise<void> {
    for (const name of names) await rm(join(this.dir, `${name}.json`), { force: true });
  }

  /** Keeps the newest `limit` items; returns how many old ones were deleted. */
  async trim(limit: number): Promise<number> {
    const names = await this.names();
    const excess = names.length - limit;
    if (excess <= 0) return 0;
    await this.remove(names.slice(0, excess));
    return excess;
  }
}
