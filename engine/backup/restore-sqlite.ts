import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createDatabase } from '../db/index.ts';
import { verifyAuditChain, type AuditChainResult } from '../workflows/verify-audit-chain.ts';
import { checkSqliteFile } from './check-sqlite-file.ts';

/** The database file's name inside the data folder (as createDatabase names it). */
export const SQLITE_FILE_NAME = 'indberet.sqlite';

/** A finished restore. */
export interface SqliteRestore {
  readonly file: string;
  readonly submissions: number;
  readonly audit: Extract<AuditChainResult, { ok: true }>;
  /** Where the replaced database was moved, when there was one. */
  readonly previous?: string;
}

/**
 * Restores a backup into a data folder. The backup is checked (integrity, the service's tables),
 * copied into a staging folder beside the target, opened as the service would open it and its
 * audit chain verified; only then is it renamed into place. An existing database is kept beside
 * it (with its WAL, which belongs to it and must never be replayed onto the restored file), and is
 * only replaced when `force` is set. The service must be stopped while this runs.
 * @param input the backup file, the data folder and whether an existing database may be replaced
 * @returns the restore, or why nothing was changed
 * @example
 * const r = await restoreSqlite({ from: '/backup/indberet.sqlite', dataDir: 'data', force: true });
 */
export async function restoreSqlite(input: {
  readonly from: string;
  readonly dataDir: string;
  readonly force?: boolean;
}): Promise<{ ok: true; restore: SqliteRestore } | { ok: false; reason: string }> {
  const checked = checkSqliteFile(input.from);
  if (!checked.ok) return checked;
  if (checked.check.integrity !== 'ok') return { ok: false, reason: `sikkerhedskopien er beskadiget: ${checked.check.integrity}` };
  const target = path.join(input.dataDir, SQLITE_FILE_NAME);
  if (existsSync(target) && !input.force) {
    return { ok: false, reason: `${target} findes allerede; brug --force for at erstatte den (den gemmes ved siden af)` };
  }
  await mkdir(input.dataDir, { recursive: true });
  // Staged inside the data folder so the final rename stays on one file system (atomic).
  const staging = path.join(input.dataDir, `.gendannelse-${process.pid}-${Date.now()}`);
  await mkdir(staging);
  try {
    const source = new SQLite(input.from, { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.join(staging, SQLITE_FILE_NAME));
    } finally {
      source.close();
    }
    const handle = createDatabase({ dataDir: staging });
    let audit: AuditChainResult;
    let submissions: number;
    try {
      audit = await verifyAuditChain(handle.db);
      const n = await handle.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      submissions = Number(n.n);
    } finally {
      await handle.destroy();
    }
    if (!audit.ok) return { ok: false, reason: `revisionssporet i sikkerhedskopien er brudt ved nr. ${audit.seq} (${audit.reason})` };
    // Closing the last connection checkpointed the staging WAL; make the file self-contained.
    const staged = new SQLite(path.join(staging, SQLITE_FILE_NAME));
    staged.pragma('journal_mode = DELETE');
    staged.close();
    let previous: string | undefined;
    if (existsSync(target)) {
      previous = path.join(input.dataDir, `${SQLITE_FILE_NAME}.foer-gendannelse-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      await rename(target, previous);
      for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) await rename(target + suffix, previous + suffix);
    }
    await rename(path.join(staging, SQLITE_FILE_NAME), target);
    return { ok: true, restore: { file: target, submissions, audit, ...(previous ? { previous } : {}) } };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
