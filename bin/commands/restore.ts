import path from 'node:path';
import { createDatabase } from '../../engine/db/index.ts';
import { pgRestoreCommand, restoreSqlite } from '../../engine/backup/index.ts';
import { runPostgresTool } from '../run-postgres-tool.ts';
import { verifyAuditChain } from '../../engine/workflows/index.ts';
import { parseCommand } from '../parse-command.ts';

const USAGE = `Brug: indberet restore --from FIL [--force] [--vis]

Stop tjenesten først. SQLite: kontrollerer sikkerhedskopien (integrity_check, revisionssporets
hashkæde) og lægger den på plads i INDBERET_DATA_DIR; en eksisterende database erstattes kun med
--force og gemmes ved siden af. PostgreSQL (DATABASE_URL): kører pg_restore --clean i én
transaktion og efterregner revisionssporet; --vis udskriver kun kommandoen.
`;

/**
 * `indberet restore --from FILE`: puts a backup made by `indberet backup` back in place.
 * @param args the arguments after `restore`
 * @returns 0 restored and verified, 1 the restore failed, 2 usage or configuration error
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand({ strict: true, options: { from: { type: 'string' }, force: { type: 'boolean' }, vis: { type: 'boolean' } } }, args, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.from) {
    process.stderr.write(USAGE);
    return 2;
  }
  const from = path.resolve(values.from);
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const stop = await runPostgresTool(url, (u) => pgRestoreCommand(u, from), { show: values.vis === true, onFailure: '; intet er ændret' });
    if (stop !== undefined) return stop;
    const handle = createDatabase({ url, poolSize: 1 });
    try {
      const audit = await verifyAuditChain(handle.db);
      const n = await handle.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (!audit.ok) {
        process.stderr.write(`Gendannet, men revisionssporet er brudt ved nr. ${audit.seq} (${audit.reason})\n`);
        return 1;
      }
      process.stdout.write(`Gendannet med pg_restore: ${Number(n.n)} indberetninger, revisionsspor med ${audit.count} poster er intakt\n`);
      return 0;
    } finally {
      await handle.destroy();
    }
  }
  if (values.vis) {
    process.stderr.write('--vis gælder kun PostgreSQL\n');
    return 2;
  }
  const r = await restoreSqlite({ from, dataDir: process.env.INDBERET_DATA_DIR ?? './data', force: values.force ?? false });
  if (!r.ok) {
    process.stderr.write(`Intet er gendannet: ${r.reason}\n`);
    return 1;
  }
  process.stdout.write(
    `Gendannet: ${r.restore.file} (${r.restore.submissions} indberetninger, revisionsspor med ${r.restore.audit.count} poster er intakt)\n` +
      (r.restore.previous ? `Den tidligere database er gemt som ${r.restore.previous}\n` : ''),
  );
  return 0;
}
