import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, startServer } from '../../server/index.ts';

/**
 * `indberet serve [--port N]`: migrates, loads `schemas/`, seeds, creates the first admin and
 * listens until SIGTERM or SIGINT, then stops gracefully.
 * @param args command-line arguments after `serve`
 * @returns the exit code once the server has stopped (0), or 2 when it cannot start
 */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nBrug: indberet serve [--port N]\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(
      'Brug: indberet serve [--port N]\n\nMiljøvariabler: PORT (3000), INDBERET_DATA_DIR (./data), DATABASE_URL (postgres://…),\n' +
        'INDBERET_ADMIN_EMAIL, INDBERET_ADMIN_PASSWORD, INDBERET_TRUST_PROXY, INDBERET_SECURE_COOKIES, LOG_LEVEL,\n' +
        'INDBERET_DRAIN_SECONDS (0), INDBERET_SHUTDOWN_SECONDS (10).\n\n' +
        'SIGTERM eller SIGINT lukker pænt: /healthz svarer 503, igangværende forespørgsler gøres færdige,\n' +
        'og databasen lukkes; et signal mere afbryder straks.\n',
    );
    return 0;
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const config = loadConfig(process.env, values.port ? { port: Number(values.port) } : {});
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    process.stderr.write(`Ugyldig port: ${config.port}\n`);
    return 2;
  }
  // Heard from the start: a signal while the service starts (an instance of a cluster may wait for
  // another to finish migrating) lets the start complete and then stops gracefully, where the
  // default action would end the process in the middle of it.
  let signalled: string | undefined;
  let onSignal = (signal: string) => {
    signalled = signal;
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  const started = await startServer(config, { logger, print: (t) => process.stdout.write(t) });
  if (!started.ok) {
    process.stderr.write(`${started.message}\n`);
    return 2;
  }
  await new Promise<void>((resolve) => {
    onSignal = (signal) => {
      logger.info({ signal }, 'shutting down');
      void started.server.close().then(resolve);
    };
    if (signalled) onSignal(signalled);
  });
  return 0;
}
