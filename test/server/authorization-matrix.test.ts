import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { OPENAPI } from '../../server/index.ts';
import {
  createTestClock,
  forEachDialect,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  validMaaltal,
  type RequestOptions,
  type TestClient,
  type TestServer,
} from '../helpers/index.ts';

type Persona = 'anonymous' | 'respondentA' | 'respondentB' | 'analyst' | 'admin';
const PERSONA_ORDER: readonly Persona[] = ['anonymous', 'respondentA', 'respondentB', 'analyst', 'admin'];

/** Shared state the rows read and write (ids created by earlier rows). */
interface Ctx {
  submissionA?: string;
  userCounter: number;
}

interface Row {
  readonly method: string;
  /** The OpenAPI path this row covers. */
  readonly route: string;
  readonly path: (ctx: Ctx) => string;
  readonly options?: (persona: Persona, client: TestClient, ctx: Ctx) => Promise<RequestOptions> | RequestOptions;
  /** Use a newly logged-in client (for routes that end the session). */
  readonly fresh?: boolean;
  readonly expect: Readonly<Record<Persona, number>>;
  readonly after?: (persona: Persona, body: any, ctx: Ctx) => void;
}

const all = (s: number) => ({ anonymous: s, respondentA: s, respondentB: s, analyst: s, admin: s });
const loggedIn = (s: number) => ({ anonymous: 401, respondentA: s, respondentB: s, analyst: s, admin: s });
const respondents = { anonymous: 401, respondentA: 200, respondentB: 200, analyst: 403, admin: 403 };
const adminOnly = (s: number) => ({ anonymous: 401, respondentA: 403, respondentB: 403, analyst: 403, admin: s });
const code = (p: Persona) => (p === 'respondentB' ? PERSONAS.respondentB.code : PERSONAS.respondentA.code);
const OWN = '/api/rounds/2024/forms/maaltal/submission';

async function currentVersion(client: TestClient): Promise<string> {
  const r = await client.request('GET', OWN);
  return r.headers.get('etag') ?? '"0"';
}

/** Every route of the API in the order the rows run (state carries from row to row). */
const ROWS: readonly Row[] = [
  { method: 'GET', route: '/healthz', path: () => '/healthz', expect: all(200) },
  { method: 'GET', route: '/api/openapi.json', path: () => '/api/openapi.json', expect: all(200) },
  { method: 'GET', route: '/api/auth/csrf', path: () => '/api/auth/csrf', expect: all(200) },
  {
    method: 'POST',
    route: '/api/auth/login',
    path: () => '/api/auth/login',
    options: () => ({ json: { email: PERSONAS.admin.email, password: 'ikke den rigtige adgangskode' } }),
    expect: all(401),
  },
  { method: 'POST', route: '/api/auth/logout', path: () => '/api/auth/logout', fresh: true, expect: all(204) },
  { method: 'GET', route: '/api/auth/me', path: () => '/api/auth/me', expect: loggedIn(200) },
  {
    method: 'POST',
    route: '/api/auth/password',
    path: () => '/api/auth/password',
    options: () => ({ json: { current: PASSWORD, next: 'kort' } }),
    expect: loggedIn(400),
  },
  { method: 'GET', route: '/api/auth/totp', path: () => '/api/auth/totp', expect: loggedIn(200) },
  // Nobody here has a second factor: a code (never six digits, so never right by chance) is refused.
  { method: 'POST', route: '/api/auth/totp/verify', path: () => '/api/auth/totp/verify', options: () => ({ json: { code: 'abcdef' } }), expect: all(401) },
  { method: 'POST', route: '/api/auth/totp/enrol', path: () => '/api/auth/totp/enrol', expect: loggedIn(200) },
  { method: 'POST', route: '/api/auth/totp/confirm', path: () => '/api/auth/totp/confirm', options: () => ({ json: { code: 'abcdef' } }), expect: all(401) },
  { method: 'GET', route: '/api/rounds', path: () => '/api/rounds', expect: loggedIn(200) },
  { method: 'GET', route: '/api/rounds/{roundId}', path: () => '/api/rounds/2024', expect: loggedIn(200) },
  { method: 'GET', route: '/api/rounds/{roundId}/forms/{formName}', path: () => '/api/rounds/2024/forms/maaltal', expect: loggedIn(200) },
  { method: 'GET', route: '/api/rounds/{roundId}/forms/{formName}/submission', path: () => OWN, expect: respondents },
  {
    method: 'PUT',
    route: '/api/rounds/{roundId}/forms/{formName}/submission',
    path: () => OWN,
    options: async (p, client) => ({ json: { answers: validMaaltal(code(p)) }, headers: { 'if-match': await currentVersion(client) } }),
    expect: respondents,
  },
  {
    method: 'POST',
    route: '/api/rounds/{roundId}/forms/{formName}/submission/submit',
    path: () => `${OWN}/submit`,
    options: async (_p, client) => ({ headers: { 'if-match': await currentVersion(client) } }),
    expect: respondents,
    after: (p, body, ctx) => {
      if (p === 'respondentA') ctx.submissionA = body.submission.id;
    },
  },
  {
    method: 'GET',
    route: '/api/rounds/{roundId}/forms/{formName}/submitted',
    path: () => '/api/rounds/2024/forms/maaltal/submitted',
    expect: { anonymous: 401, respondentA: 403, respondentB: 403, analyst: 200, admin: 200 },
  },
  {
    method: 'GET',
    route: '/api/submissions/{submissionId}',
    path: (ctx) => `/api/submissions/${ctx.submissionA}`,
    expect: { anonymous: 401, respondentA: 200, respondentB: 404, analyst: 200, admin: 200 },
  },
  {
    method: 'GET',
    route: '/api/admin/rounds/{roundId}/forms/{formName}/submissions',
    path: () => '/api/admin/rounds/2024/forms/maaltal/submissions',
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/submissions/{submissionId}/reopen',
    path: (ctx) => `/api/admin/submissions/${ctx.submissionA}/reopen`,
    options: () => ({ json: { reason: 'Rettelse' } }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/rounds/{roundId}/forms/{formName}/extensions/{code}',
    path: () => '/api/admin/rounds/2024/forms/maaltal/extensions/0147',
    options: () => ({ json: { until: '2024-06-14', reason: 'Sygdom' } }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/users',
    path: () => '/api/admin/users',
    options: (_p, _c, ctx) => ({ json: { email: `ny${++ctx.userCounter}@lige.dk`, navn: 'Ny analytiker', role: 'analyst' } }),
    expect: adminOnly(201),
  },
  { method: 'POST', route: '/api/admin/users/{userId}/totp/reset', path: () => '/api/admin/users/ukendt/totp/reset', expect: adminOnly(404) },
  { method: 'GET', route: '/api/admin/audit/verify', path: () => '/api/admin/audit/verify', expect: adminOnly(200) },
  // The contact, credential and mail routes (server/admin). Writes aim at an unknown round or
  // import, so the rows check who gets in without sending mail; admins get the route's own answer.
  { method: 'GET', route: '/api/admin/rounds/{roundId}/board', path: () => '/api/admin/rounds/2024/board', expect: adminOnly(200) },
  { method: 'GET', route: '/api/admin/rounds/{roundId}/contacts', path: () => '/api/admin/rounds/2024/contacts', expect: adminOnly(200) },
  {
    method: 'PUT',
    route: '/api/admin/rounds/{roundId}/contacts/{code}',
    path: () => '/api/admin/rounds/1999/contacts/0147',
    options: () => ({ json: { navn: 'Ny Kontakt', email: 'ny@frederiksberg.dk' } }),
    expect: adminOnly(404),
  },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/contacts/import',
    path: () => '/api/admin/rounds/2024/contacts/import',
    options: () => ({ raw: '', headers: { 'content-type': 'text/csv' } }),
    expect: adminOnly(400),
  },
  {
    method: 'POST',
    route: '/api/admin/contact-imports/{importId}/commit',
    path: () => '/api/admin/contact-imports/findes-ikke/commit',
    expect: adminOnly(404),
  },
  { method: 'POST', route: '/api/admin/rounds/{roundId}/credentials/send', path: () => '/api/admin/rounds/1999/credentials/send', expect: adminOnly(404) },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/credentials/{code}/resend',
    path: () => '/api/admin/rounds/1999/credentials/0147/resend',
    expect: adminOnly(404),
  },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/credentials/{code}/revoke',
    path: () => '/api/admin/rounds/1999/credentials/0147/revoke',
    expect: adminOnly(404),
  },
  { method: 'POST', route: '/api/admin/rounds/{roundId}/reminders', path: () => '/api/admin/rounds/1999/reminders', expect: adminOnly(404) },
  { method: 'GET', route: '/api/admin/mails', path: () => '/api/admin/mails', expect: adminOnly(200) },
  { method: 'POST', route: '/api/admin/mails/deliver', path: () => '/api/admin/mails/deliver', expect: adminOnly(200) },
  // Round administration (server/rounds). The admin copies 2024 to a draft 2031, reads, compares and
  // lints it, uploads 2032, breaks 2031's round.json and is refused publishing it, so the shared
  // registry never gains a round.
  { method: 'GET', route: '/api/admin/rounds', path: () => '/api/admin/rounds', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/rounds',
    path: () => '/api/admin/rounds',
    options: () => ({ json: { from: '2024', id: '2031' } }),
    expect: adminOnly(201),
  },
  { method: 'GET', route: '/api/admin/rounds/{roundId}/bundle', path: () => '/api/admin/rounds/2031/bundle', expect: adminOnly(200) },
  { method: 'GET', route: '/api/admin/rounds/{roundId}/diff', path: () => '/api/admin/rounds/2031/diff', expect: adminOnly(200) },
  { method: 'GET', route: '/api/admin/rounds/{roundId}/dry-run', path: () => '/api/admin/rounds/2031/dry-run', expect: adminOnly(200) },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/lint',
    path: () => '/api/admin/rounds/2031/lint',
    options: () => ({ json: { file: 'maaltal.ui.json', content: '{}' } }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/edits',
    path: () => '/api/admin/rounds/2031/edits',
    options: () => ({ json: { edit: { kind: 'set-date', name: 'indberetningFrist', date: '2031-06-30' } } }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    route: '/api/admin/rounds/{roundId}/bundle',
    path: () => '/api/admin/rounds/2032/bundle',
    options: () => ({ json: { id: '2032', files: { 'round.json': '{}' } } }),
    expect: adminOnly(201),
  },
  {
    method: 'PUT',
    route: '/api/admin/rounds/{roundId}/files/{fileName}',
    path: () => '/api/admin/rounds/2031/files/round.json',
    options: () => ({ json: { content: '{}' }, headers: { 'if-match': '"1"' } }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/admin/rounds/{roundId}/publish',
    path: () => '/api/admin/rounds/2031/publish',
    options: () => ({ headers: { 'if-match': '"2"' } }),
    expect: adminOnly(422),
  },
];

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

forEachDialect('authorization matrix', (t) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  let server: TestServer;
  let dataDir: string;
  const clients = new Map<Persona, TestClient>();

  async function loginAs(p: Persona): Promise<TestClient> {
    const c = server.client();
    if (p === 'anonymous') {
      await c.fetchCsrf();
      return c;
    }
    const r = await c.login(PERSONAS[p].email, PASSWORD);
    expect(r.status).toBe(200);
    return c;
  }

  beforeAll(async () => {
    await seedTestData({ db: t.db, registry, clock: clock.now });
    // The data folder (mail outbox) is the suite's own temporary folder, never the repository's.
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-matrix-'));
    server = await startTestServer({
      db: t.db,
      registry,
      clock: clock.now,
      config: { dataDir, throttle: { freeFailures: 1000, pairFailures: 1000, ipFailures: 1000 } },
    });
    for (const p of PERSONA_ORDER) clients.set(p, await loginAs(p));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('covers every operation of the OpenAPI document', () => {
    const documented = Object.entries(OPENAPI.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = ROWS.map((r) => `${r.method} ${r.route}`);
    expect([...covered].sort()).toEqual([...documented].sort());
  });

  const ctx: Ctx = { userCounter: 0 };
  for (const row of ROWS) {
    it(`${row.method} ${row.route}: ${PERSONA_ORDER.map((p) => `${p} ${row.expect[p]}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      const bodies: Record<string, unknown> = {};
      for (const p of PERSONA_ORDER) {
        const client = row.fresh ? await loginAs(p) : clients.get(p)!;
        const options = (await row.options?.(p, client, ctx)) ?? {};
        const r = await client.request(row.method, row.path(ctx), options);
        got[p] = r.status;
        bodies[p] = r.body;
        if (r.status >= 400) {
          // Every refusal is a catalog error with a Danish message and nothing internal.
          expect(r.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(r.text).not.toMatch(/at .*\.ts:\d+|Error:/);
        }
        if (r.status < 300) row.after?.(p, r.body, ctx);
      }
      expect(got, JSON.stringify(bodies).slice(0, 2000)).toEqual(row.expect);
    });
  }

  it('never lets a respondent read or write another organisation', async () => {
    const a = clients.get('respondentA')!;
    const b = clients.get('respondentB')!;
    // A's report was reopened by the matrix; B tries to file answers in A's name.
    const before = await a.request('GET', OWN);
    const bVersion = (await b.request('GET', OWN)).body.submission.version as number;
    expect((await b.request('GET', OWN)).body.submission.status).toBe('submitted');
    // Answers in A's name are refused before anything else (B's own is submitted as well), and nothing of A's changes.
    const attempt = await b.request('PUT', OWN, { json: { answers: validMaaltal('0147', 'Falsk') }, headers: { 'if-match': `"${bVersion}"` } });
    expect(attempt.status).toBe(403);
    expect(attempt.body.code).toBe('RESPONDENT_MISMATCH');
    const after = await a.request('GET', OWN);
    expect(after.body.submission).toEqual(before.body.submission);
    // A drafts with B's code in the answers: refused, nothing stored; with the code left out the server stores A's own.
    const forged = await a.request('PUT', OWN, { json: { answers: validMaaltal('0151') }, headers: { 'if-match': after.headers.get('etag')! } });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('RESPONDENT_MISMATCH');
    expect((await a.request('GET', OWN)).body.submission).toEqual(before.body.submission);
    const put = await a.request('PUT', OWN, { json: { answers: validMaaltal('') }, headers: { 'if-match': after.headers.get('etag')! } });
    expect(put.status).toBe(200);
    expect(put.body.submission.answers.kommunekode).toBe('0147');
    expect(put.body.submission.organisationId).toBe(before.body.submission.organisationId);
    const bOwn = await b.request('GET', OWN);
    expect(bOwn.body.submission.answers.kommunekode).toBe('0151');
    expect((await b.request('GET', `/api/submissions/${ctx.submissionA}`)).status).toBe(404);
  });
});
