import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATEMENTS_PER_CONNECTION } from '../../src/lib/server/statement-cache';
import { freshDb, type TestDb } from './fixture';

// openDatabase turns the cache on for this process (the server's way of opening the database).
let t: TestDb;
beforeEach(async () => {
  t = await freshDb('statements');
  await t.client.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)');
});
afterEach(() => t.close());

const bodies = async (fromId = 0): Promise<string[]> =>
  (await t.client.execute({ sql: 'SELECT body FROM notes WHERE id > ? ORDER BY id', args: [fromId] })).rows.map((row) => String(row.body));

describe('prepared statements kept per connection', () => {
  it('hands a connection the statement it prepared before for the same SQL', () => {
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 1')).toBe(db.prepare('SELECT 1'));
    expect(db.prepare('SELECT 1')).not.toBe(db.prepare('SELECT 2'));
    expect(new Database(':memory:').prepare('SELECT 1')).not.toBe(db.prepare('SELECT 1'));
  });

  it('answers each run with its own arguments', async () => {
    for (const body of ['一', '二', '三']) await t.client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: [body] });
    expect(await bodies()).toEqual(['一', '二', '三']);
    expect(await bodies(1)).toEqual(['二', '三']);
    expect(await bodies(3)).toEqual([]);
    expect(await bodies()).toEqual(['一', '二', '三']);
  });

  it('a statement that failed runs again, and one that writes still reports its changes', async () => {
    const insert = { sql: 'INSERT INTO notes (body) VALUES (?)', args: ['重复'] };
    expect((await t.client.execute(insert)).rowsAffected).toBe(1);
    await expect(t.client.execute(insert)).rejects.toThrow(/UNIQUE/);
    const next = await t.client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['新的'] });
    expect(next.rowsAffected).toBe(1);
    expect(Number(next.lastInsertRowid)).toBe(2);
    const returned = await t.client.execute({ sql: 'INSERT INTO notes (body) VALUES (?) RETURNING id', args: ['返回'] });
    expect(returned.rows.map((row) => Number(row.id))).toEqual([3]);
  });

  it('keeps working across transactions, and a rollback still undoes', async () => {
    const tx = await t.client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['撤回'] });
    expect((await tx.execute({ sql: 'SELECT body FROM notes WHERE id > ? ORDER BY id', args: [0] })).rows).toHaveLength(1);
    await tx.rollback();
    expect(await bodies()).toEqual([]);
    await t.client.batch([{ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['留下'] }], 'write');
    expect(await bodies()).toEqual(['留下']);
  });

  it('stays right when more statements are used than it keeps', async () => {
    await t.client.execute({ sql: 'INSERT INTO notes (body) VALUES (?)', args: ['甲'] });
    for (let n = 0; n < STATEMENTS_PER_CONNECTION + 20; n++) {
      const rows = (await t.client.execute({ sql: `SELECT body, ${n} AS n FROM notes WHERE id > ?`, args: [0] })).rows;
      expect(rows.map((row) => [row.body, Number(row.n)])).toEqual([['甲', n]]);
    }
    expect(await bodies()).toEqual(['甲']);
  });
});
