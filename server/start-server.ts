import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createDatabase, DatabaseUrlError, type DatabaseHandle } from '../engine/db/index.ts';
import path from 'node:path';
import { loadRoundsSkippingBroken } from '../engine/node.ts';
import { loadStoredRounds } from '../engine/rounds/index.ts';
import { watchStoredRounds } from './watch-stored-rounds.ts';
import { ensureFirstAdmin, hashAhead, lacksAdmin, pruneExpired, seedOrganisations, seedRounds } from '../engine/workflows/index.ts';
import type { AppDeps, RoundProblem } from './app-deps.ts';
import type { ServerConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { drainOnStop, type Drain } from './drain-on-stop.ts';
import { qrSvgOf } from './qr-svg-of.ts';
import { renderMessage } from './errors.ts';
import { respondentsOf } from '../engine/index.ts';

/** A listening service. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly deps: AppDeps;
  readonly database: DatabaseHandle;
  /**
   * Stops gracefully: /healthz answers 503 at once, the service keeps serving for
   * `config.drainSeconds`, then stops accepting connections, lets running requests finish (up to
   * `config.shutdownSeconds`, then cuts them), closes keep-alive connections and then the database.
   */
  close(): Promise<void>;
}

/** The address used for the first admin when INDBERET_ADMIN_EMAIL is not set. */
export const DEFAULT_ADMIN_EMAIL = 'admin@lige.dk';

/**
 * Starts the service: migrates, loads `schemas/`, seeds the rounds and municipalities, creates the
 * first ministry admin (printing a generated one-time password once), and listens.
 * @param config the configuration
 * @param io the logger, where to print the one-time password, and optionally a clock and host
 * @returns the running server, or a Danish message saying why it could not start
 */
export async function startServer(
  config: ServerConfig,
  io: { readonly logger: Logger; readonly print: (text: string) => void; readonly clock?: () => Date; readonly host?: string },
): Promise<{ ok: true; server: RunningServer } | { ok: false; message: string }> {
  let database: DatabaseHandle;
  try {
    database = createDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DatabaseUrlError) return { ok: false, message: e.message };
    throw e;
  }
  const stop = async (message: string) => {
    await database.destroy();
    return { ok: false as const, message };
  };
  // A database without an admin gets one below: its password's scrypt hash (tens of milliseconds on
  // the thread pool) is made while this thread compiles the rounds, not after.
  const hashed = (await lacksAdmin({ db: database.db })) ? hashAhead(config.adminPassword) : undefined;
  // One broken round folder is reported and left out; the service serves the rest.
  const loaded = await loadRoundsSkippingBroken(config.schemasDir);
  const problems: RoundProblem[] = [];
  const leaveOut = (round: string, message: string): void => {
    registry.remove(round);
    io.logger.error({ round }, `round not served: ${message}`);
    problems.push({ round, issues: [{ file: 'round.json', pointer: '', message }] });
  };
  for (const b of loaded.broken) {
    io.logger.error({ round: path.basename(b.dir), issues: b.error.issues }, `round not loaded: ${b.error.message}`);
    problems.push({ round: path.basename(b.dir), issues: b.error.issues.map((i) => ({ ...i, file: path.relative(b.dir, i.file) || i.file })) });
  }
  const registry = loaded.registry;
  const clock = io.clock ?? (() => new Date());
  const wf = { db: database.db, registry, clock };

  /** Migrates and seeds; returns why it could not, or undefined. */
  const prepare = async (): Promise<string | undefined> => {
    const migrated = await database.migrate();
    if (!migrated.ok) return `Databasen kunne ikke migreres: ${migrated.error}`;
    if (migrated.applied.length > 0) io.logger.info({ applied: migrated.applied }, 'migrations applied');
    // Rounds published in the admin pages live in the database; every instance serves them too.
    const stored = await loadStoredRounds({ db: database.db, registry });
    if (!stored.ok) return renderMessage(stored.code, stored.params);
    const seeded = await seedRounds(wf);
    if (!seeded.ok) return renderMessage(seeded.code, seeded.params);
    // A round whose files changed what its submitted answers were validated against is not served;
    // the other rounds are.
    for (const id of seeded.frozen) leaveOut(id, renderMessage('ROUND_FROZEN', { roundId: id }));
    for (const round of registry.rounds) {
      // A round without a respondent population has no organisations to seed.
      if ('error' in respondentsOf(round)) continue;
      const orgs = await seedOrganisations(wf, round.id);
      if (!orgs.ok) leaveOut(round.id, renderMessage(orgs.code, orgs.params));
      else if (orgs.added > 0) io.logger.info({ round: round.id, added: orgs.added }, 'organisations seeded');
    }
    const admin = await ensureFirstAdmin(wf, {
      email: config.adminEmail ?? DEFAULT_ADMIN_EMAIL,
      ...(config.adminPassword ? { password: config.adminPassword } : {}),
      ...(hashed ? { hashed } : {}),
    });
    if (!admin.ok) return `Den første administrator kunne ikke oprettes: ${renderMessage(admin.code, admin.params)}`;
    if (admin.created) {
      io.logger.info({ email: admin.email }, 'first admin created');
      // Printed, never logged: logs are kept and shipped; this password must be seen once.
      if (admin.generatedPassword) {
        io.print(
          `Første administrator oprettet: ${admin.email}\nEngangsadgangskode: ${admin.generatedPassword}\n` +
            'Adgangskoden vises kun denne ene gang og skal skiftes ved første login.\n',
        );
      }
    }
    return undefined;
  };
  // Instances of a cluster often start together: each waits for the one ahead to finish, then
  // finds the migrations applied and the rows seeded.
  const failed = await database.exclusively('start', prepare);
  if (failed !== undefined) return stop(failed);

  // The app is built before the server it is served by exists; readiness asks the server's drain.
  let drain: Drain | undefined;
  const qrSvg = await qrSvgOf();
  if (!qrSvg) io.logger.warn('qrcode is not installed: the TOTP enrolment page shows the key as text and link only');
  const deps: AppDeps = {
    db: database.db,
    registry,
    logger: io.logger,
    config,
    clock,
    draining: () => drain?.draining() ?? false,
    roundProblems: problems,
    ...(qrSvg ? { qrSvg } : {}),
  };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, io.host ?? '0.0.0.0', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  drain = drainOnStop(server, { drainMs: config.drainSeconds * 1000, timeoutMs: config.shutdownSeconds * 1000 });
  const stopping = drain;
  const port = (server.address() as AddressInfo).port;
  io.logger.info({ port, dialect: database.dialect, rounds: registry.rounds.map((r) => r.id) }, 'listening');
  // Expired sessions and old failed logins are deleted hourly (every instance may do it; it is idempotent).
  const prune = setInterval(() => {
    pruneExpired(wf).then(
      (r) => io.logger.info(r, 'pruned expired sessions'),
      (err: unknown) => io.logger.error({ err }, 'pruning failed'),
    );
  }, 60 * 60_000);
  prune.unref();
  // Rounds another instance publishes are served here too, within this many seconds.
  const rounds = watchStoredRounds({ db: database.db, registry, logger: io.logger }, config.roundRefreshSeconds * 1000);
  let closing: Promise<void> | undefined;
  return {
    ok: true,
    server: {
      url: `http://127.0.0.1:${port}`,
      port,
      deps,
      database,
      close() {
        closing ??= (async () => {
          io.logger.info({ drainSeconds: config.drainSeconds, shutdownSeconds: config.shutdownSeconds }, 'draining');
          const { cut } = await stopping.stop();
          if (cut > 0) io.logger.warn({ cut }, 'requests cut off at the shutdown timeout');
          clearInterval(prune);
          rounds.stop();
          // Only now: every request that was answered has committed, and none is left to need the pool.
          await database.destroy();
          io.logger.info('stopped');
        })();
        return closing;
      },
    },
  };
}
