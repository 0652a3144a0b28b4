import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  it('prepares each SQL text once and gives the same statement back', () => {
    const sqlite = new SqliteDatabase(':memory:');
    const cached = withStatementCache(sqlite);
    cached.prepare('create table t (v integer)').run([]);
    const insert = cached.prepare('insert into t (v) values (?)');
    expect(cached.prepare('insert into t (v) values (?)')).toBe(insert);
    insert.run([1]);
    cached.prepare('insert into t (v) values (?)').run([2]);
    expect(cached.prepare('select sum(v) as s from t').all([])).toEqual([{ s: 3 }]);
    cached.close();
    expect(sqlite.open).toBe(false);
  });

  it('drops the least recently used statement past its capacity', () => {
    const sqlite = new SqliteDatabase(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('select 1');
    const two = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one); // now the most recently used
    cached.prepare('select 3'); // drops `select 2`
    expect(cached.prepare('select 1')).toBe(one);
    expect(cached.prepare('select 2')).not.toBe(two);
    cached.close();
  });
});
