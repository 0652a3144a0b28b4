import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The reports' sequence number, kept on disk so that it goes on across restarts. */
export class Sequence {
  private current: number | undefined;

  constructor(private readonly dir: string) {}

  async next(): Promise<number> {
    if (this.current === undefined) {
      const text = await readFile(join(this.dir, 'seq'), 'utf8').catch(() => '0');
      const value = Number.parseInt(text.trim(), 10);
      this.current = Number.isInteger(value) && value >= 0 ? value : 0;
    }
    this.current += 1;
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, 'seq.tmp'), String(this.current));
    await rename(join(this.dir, 'seq.tmp'), join(this.dir, 'seq'));
    return this.current;
  }
}
