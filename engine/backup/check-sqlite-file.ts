import SQLite from 'better-sqlite3';

/** What a quick look inside an SQLite file of the service finds. */
export interface SqliteFileCheck {
  /** `ok`, or SQLite's first complaint. */
  readonly integrity: string;
  /** Rows per table of the service that the file holds. */
  readonly rows: Readonly<Record<string, number>>;
}

/** The tables a database of the service must hold to be worth restoring. */
export const REQUIRED_TABLES: readonly string[] = ['rounds', 'organisations', 'users', 'submissions', 'submission_versions', 'audit_log', 'audit_head'];

/**
 * Opens an SQLite file read-only and runs `PRAGMA integrity_check` and a row count per table.
 * @param file the file
 * @returns the check, or why the file is not a database of the service
 */
export function checkSqliteFile(file: string): { ok: true; check: SqliteFileCheck } | { ok: false; reason: string } {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, reason: `filen kan ikke åbnes: ${(e as Error).message}` };
  }
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) return { ok: false, reason: `filen mangler tabellerne ${missing.join(', ')}` };
    const rows: Record<string, number> = {};
    // Table names come from the fixed list above, never from the file, so they are safe to splice.
    for (const t of REQUIRED_TABLES) rows[t] = (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n;
    return { ok: true, check: { integrity, rows } };
  } catch (e) {
    return { ok: false, reason: `filen er ikke en læsbar database: ${(e as Error).message}` };
  } finally {
    db.close();
  }
}
