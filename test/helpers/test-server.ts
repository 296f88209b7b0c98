import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Kysely } from 'kysely';
import type { Database } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { createUser, seedOrganisations, seedRounds } from '../../engine/workflows/index.ts';
import { createApp, loadConfig, type AppDeps, type ConfigOverrides } from '../../server/index.ts';
import { TestClient } from './test-client.ts';

/** An app listening on a loopback port for one suite. */
export interface TestServer {
  readonly url: string;
  readonly deps: AppDeps;
  /** A new client (a new "browser") for this server. */
  client(): TestClient;
  close(): Promise<void>;
}

/**
 * Builds the app over a test database and listens on 127.0.0.1 at a free port. Does not seed:
 * call seedTestData first (once per database).
 * @param input database, registry, optional clock and configuration overrides
 * @returns the server
 */
export async function startTestServer(input: {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  readonly clock?: () => Date;
  readonly config?: ConfigOverrides;
}): Promise<TestServer> {
  // The suites about other things log in as admin with a password alone; the second factor's own
  // suites (test/server/totp.test.ts) turn the requirement on, as production has it by default.
  const config = loadConfig({}, { logRequests: false, mfaRequired: false, ...input.config });
  const deps: AppDeps = { db: input.db, registry: input.registry, logger: pino({ level: 'silent' }), config, ...(input.clock ? { clock: input.clock } : {}) };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    client: () => new TestClient(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The accounts seedTestData creates; every password is PASSWORD. */
export const PERSONAS = Object.freeze({
  respondentA: { email: 'a@frederiksberg.dk', code: '0147', role: 'respondent' as const },
  respondentB: { email: 'b@ballerup.dk', code: '0151', role: 'respondent' as const },
  analyst: { email: 'analytiker@lige.dk', role: 'analyst' as const },
  admin: { email: 'admin@lige.dk', role: 'admin' as const },
});

/** The password of every persona. */
export const PASSWORD = 'en lang og sikker adgangskode';

/**
 * Seeds the rounds, the 98 municipalities and the four personas through the normal workflows.
 * @param input database, registry and clock
 * @returns the user ids by persona
 */
export async function seedTestData(input: {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  readonly clock: () => Date;
}): Promise<Record<keyof typeof PERSONAS, string>> {
  const r = await seedRounds(input);
  if (!r.ok) throw new Error(r.code);
  for (const round of input.registry.rounds) {
    const o = await seedOrganisations(input, round.id);
    if (!o.ok) throw new Error(o.code);
  }
  const ids = {} as Record<keyof typeof PERSONAS, string>;
  for (const [key, p] of Object.entries(PERSONAS) as Array<[keyof typeof PERSONAS, (typeof PERSONAS)[keyof typeof PERSONAS]]>) {
    const u = await createUser(input, {
      email: p.email,
      navn: key,
      role: p.role,
      ...('code' in p ? { code: p.code } : {}),
      password: PASSWORD,
      actorId: null,
    });
    if (!u.ok) throw new Error(u.code);
    ids[key] = u.user.id;
  }
  return ids;
}
