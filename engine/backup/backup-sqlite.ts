import { rename, rm, stat } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import { checkSqliteFile, type SqliteFileCheck } from './check-sqlite-file.ts';

/** A finished SQLite backup. */
export interface SqliteBackup {
  readonly file: string;
  readonly bytes: number;
  readonly check: SqliteFileCheck;
}

/**
 * Copies the service's SQLite file with SQLite's online backup API while the service keeps
 * running (readers and writers are not stopped; a write during the copy restarts it). The copy is
 * written beside the target and renamed into place only after `integrity_check` passes, so a
 * failed or interrupted backup never leaves a half file under the requested name.
 * @param source the live database file (e.g. `data/indberet.sqlite`)
 * @param out where the backup goes
 * @returns the backup with its check, or why it failed
 * @example
 * const r = await backupSqlite('data/indberet.sqlite', '/backup/indberet-2024-06-01.sqlite');
 */
export async function backupSqlite(source: string, out: string): Promise<{ ok: true; backup: SqliteBackup } | { ok: false; reason: string }> {
  let db: SQLite.Database;
  try {
    db = new SQLite(source, { fileMustExist: true });
  } catch (e) {
    return { ok: false, reason: `databasen ${source} kan ikke åbnes: ${(e as Error).message}` };
  }
  const partial = `${out}.delvis-${process.pid}`;
  try {
    await db.backup(partial);
  } catch (e) {
    await rm(partial, { force: true });
    return { ok: false, reason: `kopieringen mislykkedes: ${(e as Error).message}` };
  } finally {
    db.close();
  }
  // The copy inherits WAL mode from the live file; a backup should be one self-contained file.
  const copy = new SQLite(partial);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const checked = checkSqliteFile(partial);
  if (!checked.ok || checked.check.integrity !== 'ok') {
    await rm(partial, { force: true });
    return { ok: false, reason: checked.ok ? `kopien er beskadiget: ${checked.check.integrity}` : checked.reason };
  }
  await rename(partial, out);
  return { ok: true, backup: { file: out, bytes: (await stat(out)).size, check: checked.check } };
}
