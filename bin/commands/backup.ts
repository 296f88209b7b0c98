import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupSqlite, pgDumpCommand, SQLITE_FILE_NAME } from '../../engine/backup/index.ts';
import { runPostgresTool } from '../run-postgres-tool.ts';
import { parseCommand } from '../parse-command.ts';

const USAGE = `Brug: indberet backup --out FIL [--vis]

SQLite (standard): tager en sikkerhedskopi af INDBERET_DATA_DIR/${SQLITE_FILE_NAME} med SQLites
online backup, mens tjenesten kører, kontrollerer kopien (integrity_check) og skriver antal rækker.
PostgreSQL (DATABASE_URL=postgres://…): kører pg_dump --format=custom (kræver PostgreSQL-klient-
værktøjerne); --vis udskriver kun kommandoen.
Gendan med: indberet restore --from FIL
`;

/**
 * `indberet backup --out FILE`: an online backup of the service's database.
 * @param args the arguments after `backup`
 * @returns 0 written and checked, 1 the backup failed, 2 usage or configuration error
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand({ strict: true, options: { out: { type: 'string' }, vis: { type: 'boolean' } } }, args, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.out) {
    process.stderr.write(USAGE);
    return 2;
  }
  const out = path.resolve(values.out);
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const stop = await runPostgresTool(url, (u) => pgDumpCommand(u, out), { show: values.vis === true });
    if (stop !== undefined) return stop;
    process.stdout.write(`Sikkerhedskopi skrevet med pg_dump: ${out}\n`);
    return 0;
  }
  if (values.vis) {
    process.stderr.write('--vis gælder kun PostgreSQL\n');
    return 2;
  }
  const source = path.join(process.env.INDBERET_DATA_DIR ?? './data', SQLITE_FILE_NAME);
  if (!existsSync(source)) {
    process.stderr.write(`Databasen ${source} findes ikke (sæt INDBERET_DATA_DIR)\n`);
    return 2;
  }
  const r = await backupSqlite(source, out);
  if (!r.ok) {
    process.stderr.write(`Sikkerhedskopien mislykkedes: ${r.reason}\n`);
    return 1;
  }
  const { rows } = r.backup.check;
  process.stdout.write(
    `Sikkerhedskopi skrevet: ${r.backup.file} (${Math.round(r.backup.bytes / 1024)} KB, integrity_check: ok)\n` +
      `${rows.submissions} indberetninger, ${rows.submission_versions} versioner, ${rows.users} brugere, ${rows.audit_log} revisionsposter\n`,
  );
  return 0;
}
