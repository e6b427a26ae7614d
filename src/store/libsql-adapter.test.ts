import LibsqlDatabase from 'libsql';
import { describe, expect, it } from 'vitest';
import { adaptLibsqlDatabase, toSqliteParameters } from './libsql-adapter.js';

describe('libsql adapter', () => {
  it('turns booleans into 1/0 and leaves other values alone', () => {
    expect(toSqliteParameters([true, false, 1, 'x', null, 2n])).toEqual([1, 0, 1, 'x', null, 2n]);
  });

  it('binds booleans through a real libsql connection (libsql itself would abort the process)', () => {
    const database = adaptLibsqlDatabase(new LibsqlDatabase(':memory:'));
    database.prepare('CREATE TABLE t (flag boolean, name text)').run([]);
    const statement = database.prepare('INSERT INTO t (flag, name) VALUES (?, ?)');
    expect(statement.reader).toBe(false);
    statement.run([true, 'on']);
    statement.run([false, 'off']);
    const select = database.prepare('SELECT name FROM t WHERE flag = ? ORDER BY name');
    expect(select.reader).toBe(true);
    expect(select.all([true])).toEqual([{ name: 'on' }]);
    expect([...select.iterate([false])]).toEqual([{ name: 'off' }]);
    database.close();
  });
});
