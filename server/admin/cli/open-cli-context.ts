import pino from 'pino';
import { createDatabase, type DatabaseHandle } from '../../../engine/db/index.ts';
import { loadMailSettings } from '../../../engine/mail/index.ts';
import { loadRounds, RoundLoadError } from '../../../engine/node.ts';
import { seedOrganisations, seedRounds, type WorkflowDeps } from '../../../engine/workflows/index.ts';
import type { AppDeps } from '../../app-deps.ts';
import { loadConfig } from '../../config.ts';
import { renderMessage } from '../../errors.ts';
import { createAdminRuntime, type AdminRuntime } from '../admin-runtime.ts';
import { respondentsOf } from '../../../engine/index.ts';

/** What a command line run works with: the same database, rounds and mail setup as the service. */
export interface CliContext {
  readonly wf: WorkflowDeps;
  readonly rt: AdminRuntime;
  readonly database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens what `indberet serve` opens, from the same environment (DATABASE_URL, INDBERET_DATA_DIR,
 * INDBERET_SCHEMAS_DIR, SMTP_URL, INDBERET_PUBLIC_URL, INDBERET_LINK_DAYS): migrates, loads the
 * rounds, and seeds rounds and municipalities as the service does at start.
 * @param env usually `process.env`
 * @param schemasDir overrides INDBERET_SCHEMAS_DIR
 * @returns the context, or a Danish message saying why it could not open
 */
export async function openCliContext(
  env: Readonly<Record<string, string | undefined>>,
  schemasDir?: string,
): Promise<{ ok: true; ctx: CliContext } | { ok: false; message: string }> {
  const config = loadConfig(env, { logRequests: false, ...(schemasDir ? { schemasDir } : {}) });
  let database: DatabaseHandle;
  try {
    database = createDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const stop = async (message: string) => {
    await database.destroy();
    return { ok: false as const, message };
  };
  const migrated = await database.migrate();
  if (!migrated.ok) return stop(`Databasen kunne ikke migreres: ${migrated.error}`);
  let registry;
  try {
    registry = await loadRounds(config.schemasDir);
  } catch (e) {
    if (e instanceof RoundLoadError) return stop(e.message);
    throw e;
  }
  const wf: WorkflowDeps = { db: database.db, registry, clock: () => new Date() };
  const seeded = await seedRounds(wf);
  if (!seeded.ok) return stop(renderMessage(seeded.code, seeded.params));
  // The command line acts on the folder as it is: a frozen round is an error to fix, not to skip.
  const frozen = seeded.frozen[0];
  if (frozen !== undefined) return stop(renderMessage('ROUND_FROZEN', { roundId: frozen }));
  for (const round of registry.rounds) {
    if ('error' in respondentsOf(round)) continue;
    const orgs = await seedOrganisations(wf, round.id);
    if (!orgs.ok) return stop(renderMessage(orgs.code, orgs.params));
  }
  const appDeps: AppDeps = { db: database.db, registry, logger: pino({ level: 'silent' }), config, clock: wf.clock };
  const rt = createAdminRuntime(appDeps, loadMailSettings(env, config.dataDir));
  return {
    ok: true,
    ctx: {
      wf,
      rt,
      database,
      async close() {
        await rt.transport.close();
        await database.destroy();
      },
    },
  };
}
