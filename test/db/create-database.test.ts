import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase, DatabaseUrlError } from '../../engine/db/index.ts';
import { forEachDialect } from '../helpers/index.ts';

describe('createDatabase', () => {
  it('opens SQLite in the data folder with WAL, foreign keys and a busy timeout', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-db-'));
    const h = createDatabase({ dataDir: path.join(dir, 'nested') });
    try {
      expect(h.dialect).toBe('sqlite');
      expect(h.file).toBe(path.join(dir, 'nested', 'indberet.sqlite'));
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(h.db);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(h.db);
      expect(fk.rows[0]!.foreign_keys).toBe(1);
      const bt = await sql<{ timeout: number }>`pragma busy_timeout`.execute(h.db);
      expect(bt.rows[0]!.timeout).toBe(5000);
      expect(await h.migrate()).toMatchObject({ ok: true });
      // Foreign keys are enforced, not just declared.
      await expect(
        h.db.insertInto('units').values({ id: 'u', organisation_id: 'findes-ikke', navn: 'x', created_at: 'now' }).execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(await h.migrate()).toEqual({ ok: true, applied: [] });
    } finally {
      await h.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints SQLite\'s log in a thread of its own, never inside the service\'s commits', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-db-'));
    const h = createDatabase({ dataDir: dir, checkpointMs: 50 });
    try {
      const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(h.db);
      expect(auto.rows[0]!.wal_autocheckpoint).toBe(0);
      await sql`create table fyld (id integer primary key, tekst text not null)`.execute(h.db);
      const size = async () => (await stat(h.file!)).size;
      const before = await size();
      // About 4 MB in 64 commits: with the service's checkpoints off, only the thread moves the
      // pages from the log into the file.
      for (let i = 0; i < 64; i++) {
        await h.db.transaction().execute(async (trx) => {
          for (let j = 0; j < 16; j++) await sql`insert into fyld (tekst) values (${'x'.repeat(4000)})`.execute(trx);
        });
      }
      let after = await size();
      for (let i = 0; i < 100 && after < before + 4_000_000; i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = await size();
      }
      expect(after).toBeGreaterThanOrEqual(before + 4_000_000);
    } finally {
      await h.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a URL that names neither back end', () => {
    expect(() => createDatabase({ url: 'mysql://localhost/x' })).toThrow(DatabaseUrlError);
  });
});

forEachDialect('storage shapes', (t, dialect) => {
  it('returns integers and counts as numbers and JSON as the text it stored', async () => {
    const n = await t.db.selectFrom('audit_head').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
    const head = await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(typeof head.seq).toBe('number');
    expect(t.dialect).toBe(dialect);
  });

  it('runs one `exclusively` of a name at a time across handles (processes) sharing the data', async () => {
    const other = createDatabase(t.handle.options);
    const third = createDatabase(t.handle.options);
    const log: string[] = [];
    const step = (who: string) => async () => {
      log.push(`${who} in`);
      await new Promise((r) => setTimeout(r, 150));
      log.push(`${who} out`);
      return who;
    };
    try {
      const first = other.exclusively('test', step('a'));
      // Give the first handle time to take the lock before the second asks.
      await new Promise((r) => setTimeout(r, 50));
      expect(await Promise.all([first, other.exclusively('another name', async () => 'free'), third.exclusively('test', step('b'))])).toEqual(['a', 'free', 'b']);
    } finally {
      await other.destroy();
      await third.destroy();
    }
    // SQLite's file has one serving process: there the calls are not held back.
    expect(log).toEqual(dialect === 'postgres' ? ['a in', 'a out', 'b in', 'b out'] : ['a in', 'b in', 'a out', 'b out']);
  });

  if (dialect === 'postgres') {
    it('survives the server dropping idle connections', async () => {
      await t.db.selectFrom('audit_head').selectAll().execute();
      const other = createDatabase({ url: process.env.DATABASE_URL!, poolSize: 1 });
      try {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
                  where datname = current_database() and pid <> pg_backend_pid() and state = 'idle'
                  and query like '%audit_head%'`.execute(other.db);
      } finally {
        await other.destroy();
      }
      // The pool noticed, discarded the connection, and the next query connects anew.
      await new Promise((r) => setTimeout(r, 200));
      const again = await t.db.selectFrom('audit_head').selectAll().execute();
      expect(again).toHaveLength(1);
    });
  }
});
