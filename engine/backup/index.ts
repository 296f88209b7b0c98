/** Backups: SQLite through its online backup API, PostgreSQL through pg_dump and pg_restore. */
export { backupSqlite, type SqliteBackup } from './backup-sqlite.ts';
export { checkSqliteFile, REQUIRED_TABLES, type SqliteFileCheck } from './check-sqlite-file.ts';
export { restoreSqlite, SQLITE_FILE_NAME, type SqliteRestore } from './restore-sqlite.ts';
export { libpqUrl } from './libpq-url.ts';
export { pgDumpCommand } from './pg-dump-command.ts';
export { pgRestoreCommand } from './pg-restore-command.ts';
export { searchPathSchema } from './search-path-schema.ts';
export { shellLine } from './shell-line.ts';
export type { ToolCommand } from './tool-command.ts';
export { runTool } from './run-tool.ts';
