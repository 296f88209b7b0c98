import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRounds } from '../../engine/node.ts';
import { createUser, saveDraft, seedOrganisations, seedRounds, submit } from '../../engine/workflows/index.ts';
import { loadConfig, startServer } from '../../server/index.ts';
import { copySchemas } from '../engine/copy-schemas.ts';
import { forEachDialect, TestClient, validMaaltal } from '../helpers/index.ts';

const SECOND = path.resolve(import.meta.dirname, '../fixtures/rounds/2025-trivsel');
const ADMIN = { email: 'chef@lige.dk', password: 'ministeriets eget lange kodeord' };

/**
 * One bad round never takes the others down (issue 15, point 5), at start-up: a round whose files
 * changed what its submitted answers were validated against is left out and shown to the admin,
 * and the service serves the rest.
 */
forEachDialect("start-up with a round that cannot be served", (t) => {
  let schemas: string;
  beforeAll(async () => {
    schemas = await copySchemas();
    await cp(SECOND, path.join(schemas, '2025-trivsel'), { recursive: true });
  });
  afterAll(async () => {
    await rm(schemas, { recursive: true, force: true });
  });

  it('leaves a frozen round out, serves the other, and lists the problem on the rounds page', async () => {
    // 2024 is recorded and has a submitted answer: its contract is frozen.
    const clock = () => new Date('2024-05-01T10:00:00Z');
    const registry = await loadRounds(schemas);
    const deps = { db: t.db, registry, clock };
    expect(await seedRounds(deps)).toMatchObject({ ok: true });
    expect(await seedOrganisations(deps, '2024')).toMatchObject({ ok: true });
    const u = await createUser(deps, { email: 'a@frederiksberg.dk', navn: 'A', role: 'respondent', code: '0147', password: 'korrekt hest batteri stald', actorId: null });
    if (!u.ok) throw new Error(u.code);
    const actor = { id: u.user.id, role: 'respondent' as const, organisationId: u.user.organisation_id! };
    expect((await saveDraft(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: actor.organisationId, answers: validMaaltal('0147'), ifMatch: 0 })).ok).toBe(true);
    expect((await submit(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: actor.organisationId, ifMatch: 1 })).ok).toBe(true);

    // Then a rule's round data changes in the folder.
    const file = path.join(schemas, '2024', 'round.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"andel": 0.4', '"andel": 0.5'));

    const config = loadConfig(
      { INDBERET_ADMIN_EMAIL: ADMIN.email, INDBERET_ADMIN_PASSWORD: ADMIN.password },
      { port: 0, mfaRequired: false, schemasDir: schemas, dataDir: t.handle.options.dataDir ?? schemas, ...(t.handle.options.url ? { databaseUrl: t.handle.options.url } : {}) },
    );
    const started = await startServer(config, { logger: pino({ level: 'silent' }), print: () => {}, clock, host: '127.0.0.1' });
    if (!started.ok) throw new Error(started.message);
    try {
      const { deps: app } = started.server;
      expect(app.registry.round('2024')).toBeUndefined();
      expect(app.registry.round('2025-trivsel')).toBeDefined();
      const row = await t.db.selectFrom('rounds').select(['version']).where('id', '=', '2024').executeTakeFirstOrThrow();
      expect(row.version).toBe(1);
      const admin = new TestClient(started.server.url);
      expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
      const page = await admin.request('GET', '/admin/runder');
      expect(page.status).toBe(200);
      expect(page.text).toContain('En runde bruges ikke');
      expect(page.text).toContain('Runde 2024');
      expect(page.text).toContain('Runde 2024 har indsendte besvarelser');
      expect(page.text).toContain('2025-trivsel');
    } finally {
      await started.server.close();
    }
  }, 120_000);
});
