import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../engine/db/index.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/index.ts';
import { ROOT } from '../proof/child-server.ts';

/*
 * An instance of a cluster may be stopped while it starts, e.g. while it waits for another instance
 * to finish migrating. The test holds the start lock itself, so the instance is known to be waiting
 * when SIGTERM comes: it must finish starting, then stop gracefully with exit 0, not die mid-way.
 */
describe.skipIf(!process.env.DATABASE_URL)('SIGTERM while an instance waits to start [postgres]', () => {
  let t: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    t = await openTestDatabase('postgres', { migrate: false });
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-start-'));
  });
  afterAll(async () => {
    await t?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes starting, then stops gracefully and exits 0', async () => {
    const holder = createDatabase(t.options);
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const done = holder.exclusively('start', () => {
      holding();
      return new Promise<void>((r) => (release = r));
    });
    await held;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/indberet.js'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.options.url!, INDBERET_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', INDBERET_LOG_REQUESTS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    try {
      // Waiting for the lock the test holds: a session of PostgreSQL's asks for an advisory lock it has not got.
      for (let i = 0; ; i++) {
        const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(t.db);
        if (r.rows[0]!.n > 0) break;
        if (i > 600 || child.exitCode !== null) throw new Error(`the instance never waited for the lock:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
      release();
      await done;
      expect(await exited).toBe(0);
      const msgs = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect(msgs).toEqual(expect.arrayContaining(['migrations applied', 'listening', 'shutting down', 'stopped']));
      expect(msgs.indexOf('listening')).toBeLessThan(msgs.indexOf('shutting down'));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      release?.();
      await holder.destroy();
    }
  });
});
