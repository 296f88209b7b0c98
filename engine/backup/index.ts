/** Backups: SQLite through its online backup API, PostgreSQL through pg_dump and pg_restore. */
export { backupSqlite, type SqliteBackup } from './backup-sqlite.ts';
export { checkSqliteFile, REQUIRED_TABLES, type SqliteFileCheck } from './check-sqlite-file.ts';
export { restoreSqlite, SQLITE_FILE_NAME, type SqliteRestore } from './restore-sqlite.ts';
export { libpqUrl, pgDumpCommand, pgRestoreCommand, searchPathSchema, shellLine, type ToolCommand } from './postgres-tools.ts';
export { runTool } from './run-tool.ts';
