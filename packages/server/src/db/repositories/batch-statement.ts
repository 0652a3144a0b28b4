import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { prepareByName } from '../prepared-by-name';
import type { Database } from '../schema';

export interface BatchStatementSpec {
  /** `insert into TABLE (COLUMNS)`. */
  into: string;
  /** Values per row: the columns' number. */
  columns: number;
  /** What follows the values (`on conflict … do update …`, `returning id`), or ''. */
  tail: string;
  /** Rows per statement, largest first, ending with 1. */
  sizes: readonly number[];
}

/**
 * A multi-row insert written once per size and dialect, for a hot path: a batch is cut into
 * few statements of few shapes (SQLite keeps each prepared), and no query builder parses
 * and compiles thousands of values at each write.
 */
export class BatchStatement {
  private readonly texts = new Map<string, string>();

  constructor(private readonly spec: BatchStatementSpec) {
    if (spec.sizes.at(-1) !== 1) throw new Error('a batch statement needs a size of 1 row last');
  }

  /** The statement's text for `rows` rows. */
  text(rows: number, dialect: Dialect): string {
    const key = `${dialect}:${rows}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      let n = 0;
      const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
      const row = () => `(${Array.from({ length: this.spec.columns }, placeholder).join(', ')})`;
      const values = Array.from({ length: rows }, row).join(', ');
      text = `${this.spec.into} values ${values}${this.spec.tail ? ` ${this.spec.tail}` : ''}`;
      this.texts.set(key, text);
      if (dialect === 'postgres') prepareByName(text);
    }
    return text;
  }

  /** Writes `items` (each giving its row's values in column order); returns the rows the statements return. */
  async run<Item, Returned = never>(
    db: Kysely<Database>,
    dialect: Dialect,
    items: readonly Item[],
    valuesOf: (item: Item) => readonly unknown[],
  ): Promise<Returned[]> {
    const { columns } = this.spec;
    let returned: Returned[] = [];
    let from = 0;
    for (const size of this.spec.sizes) {
      for (; items.length - from >= size; from += size) {
        // Sized once and filled in place: a batch of thousands of rows grows no array.
        const parameters = new Array<unknown>(size * columns);
        let at = 0;
        for (let i = from; i < from + size; i++) {
          const values = valuesOf(items[i]!);
          if (values.length !== columns) throw new Error(`a row of ${values.length} values, not ${columns}`);
          for (const value of values) parameters[at++] = value;
        }
        const { rows } = await db.executeQuery<Returned>(CompiledQuery.raw(this.text(size, dialect), parameters));
        returned = returned.length ? returned.concat(rows) : rows;
      }
    }
    return returned;
  }
}
