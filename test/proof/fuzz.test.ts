import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { grantExtension, reopen } from '../../engine/workflows/index.ts';
import { createApp } from '../../server/index.ts';
import {
  createTestClock,
  DIALECTS,
  openTestDatabase,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  type TestClient,
  type TestDatabase,
  type TestServer,
} from '../helpers/index.ts';
import { arbitraryFromSchema, mutated, NASTY_STRINGS } from './arbitrary-from-schema.ts';
import { dbSnapshot as snapshot } from './db-snapshot.ts';
import { servedRoutes, type ServedRoute } from './served-routes.ts';

/*
 * Fuzz: answers generated from the round's schemas (well-shaped and mutated) and raw garbage
 * (bytes that are not UTF-8, wrong content types, deep nesting, huge numbers, prototype-pollution
 * keys, malformed headers and path parameters) against every route the OpenAPI document lists
 * and the pages' form posts. Never a 5xx; a refused request changes nothing; what is stored on
 * submit is exactly the engine's value; no prototype is polluted.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SEED = Number(process.env.FUZZ_SEED ?? 20240531);

/** Whether any text or key in a JSON value holds the NUL character. */
const holdsNul = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes('\u0000')
    : v !== null && typeof v === 'object' && Object.entries(v).some(([k, x]) => k.includes('\u0000') || holdsNul(x));
type Persona = 'anon' | 'respondentA' | 'respondentB' | 'analyst' | 'admin';
const PERSONA_NAMES: readonly Persona[] = ['anon', 'respondentA', 'respondentB', 'analyst', 'admin'];

type Route = ServedRoute;

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

/** A sensible value for each path parameter the routes use; unknown ones get `x`. */
const DEFAULTS: Readonly<Record<string, string>> = {
  roundId: '2024',
  formName: 'maaltal',
  submissionId: ZERO_ID,
  kommunekode: '0147',
  step: '1',
  importId: ZERO_ID,
  mailId: ZERO_ID,
  token: 'x'.repeat(43),
  fileName: 'maaltal.schema.json',
  file: 'tabel.csv',
  name: 'x.eml',
};

/** The route's path with its parameters filled: `edge` in `name`, the defaults elsewhere. */
function fill(path: string, name?: string, edge?: string, defaults: Readonly<Record<string, string>> = DEFAULTS): string {
  return path.replace(/\{(\w+)\}/g, (_, n: string) => (n === name ? edge! : (defaults[n] ?? 'x')));
}

/** The persona a route is meant for, so a request gets past the login and role checks. */
function owner(route: Route): Persona {
  if (/^\/(api\/)?admin|^\/rapporter/.test(route.path)) return 'admin';
  if (route.path === '/login' || route.path === '/api/auth/login' || route.path.startsWith('/adgang/')) return 'anon';
  return 'respondentA';
}

/** A response the fuzz saw. */
interface Seen {
  readonly status: number;
  readonly body: string;
}

for (const dialect of DIALECTS) {
  describe(`fuzz every route [${dialect}]`, () => {
    const clock = createTestClock('2024-05-01T10:00:00Z');
    let registry: Registry;
    let t: TestDatabase;
    let server: TestServer;
    let ids: Record<keyof typeof PERSONAS, string>;
    const clients = new Map<Persona, TestClient>();
    let routes: Route[] = [];
    let documented: Route[] = [];
    const statuses = new Map<number, number>();
    let dataDir: string | undefined;

    async function loginAs(p: Persona): Promise<void> {
      const c = server.client();
      if (p === 'anon') await c.fetchCsrf();
      else expect((await c.login(PERSONAS[p].email, PASSWORD)).status).toBe(200);
      clients.set(p, c);
    }

    /** Sends bytes as the persona would, with its cookies and (unless told) its CSRF token. */
    async function send(
      p: Persona,
      method: string,
      path: string,
      opts: { body?: Uint8Array | string; headers?: Record<string, string>; csrf?: 'right' | 'none' | 'wrong' } = {},
    ): Promise<Seen> {
      const c = clients.get(p)!;
      const headers: Record<string, string> = { ...opts.headers };
      if (c.cookies.size > 0) headers.cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if ((opts.csrf ?? 'right') === 'right' && c.csrf) headers['x-csrf-token'] ??= c.csrf;
      if (opts.csrf === 'wrong') headers['x-csrf-token'] = 'A'.repeat(43);
      const res = await fetch(server.url + path, {
        method,
        headers,
        redirect: 'manual',
        ...(opts.body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body: typeof opts.body === 'string' ? opts.body : Buffer.from(opts.body) } : {}),
      });
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      // A logout that went through ends the persona's session: give it a new one.
      if (res.status < 400 && (path === '/api/auth/logout' || path === '/logud') && p !== 'anon') await loginAs(p);
      return { status: res.status, body };
    }

    /** Runs one request and checks the invariants every request must keep. */
    async function probe(p: Persona, method: string, path: string, opts: Parameters<typeof send>[3] = {}): Promise<Seen> {
      const before = await snapshot(t.db);
      const seen = await send(p, method, path, opts);
      expect(seen.status, `${p} ${method} ${path.slice(0, 200)} -> ${seen.body.slice(0, 300)}`).toBeLessThan(500);
      if (seen.status >= 400) expect(await snapshot(t.db), `${p} ${method} ${path.slice(0, 200)} changed data though refused with ${seen.status}`).toEqual(before);
      // A server error would have been logged with its stack; the body never carries internals. A
      // stack frame is `at name (file:line:column)`; Danish prose such as "sat op (SMTP_URL)" is not.
      expect(seen.body).not.toMatch(/node_modules|\.[cm]?[jt]s:\d+|\bat [\w.$<>]+ \([^)]*:\d+:\d+\)/);
      return seen;
    }

    const versionOf = async (code: string, formName: string) => {
      const row = await t.db
        .selectFrom('submissions as s')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .select(['s.id', 's.version', 's.status'])
        .where('o.code', '=', code)
        .where('s.form_name', '=', formName)
        .executeTakeFirst();
      return row;
    };

    beforeAll(async () => {
      registry = await testRegistry();
      t = await openTestDatabase(dialect as DialectName);
      ids = await seedTestData({ db: t.db, registry, clock: clock.now });
      // The contact list's deadline lies before the clock; extensions let its submits through too.
      for (const p of ['respondentA', 'respondentB'] as const) {
        const x = await grantExtension(
          { db: t.db, registry, clock: clock.now },
          { roundId: '2024', formName: 'kontaktliste', code: PERSONAS[p].code, until: '2024-12-31', actorId: ids.admin },
        );
        if (!x.ok) throw new Error(x.code);
      }
      // The address limit is lifted so the account limit is what the guesses meet; both still hold.
      dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-fuzz-'));
      server = await startTestServer({
        db: t.db,
        registry,
        clock: clock.now,
        config: { dataDir, throttle: { ipFailures: 1_000_000 } },
      });
      for (const p of PERSONA_NAMES) await loginAs(p);
      const doc = (await clients.get('anon')!.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
      // Every route the app serves, pages included, read from express's route table.
      routes = servedRoutes(createApp(server.deps));
    });
    afterAll(async () => {
      await server?.close();
      await t?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('fuzzes every route the app serves, the OpenAPI document\'s among them', () => {
      expect(routes.length).toBeGreaterThanOrEqual(40);
      for (const r of documented) expect(routes).toContainEqual(r);
      expect(routes).toContainEqual({ method: 'PUT', path: '/api/rounds/{roundId}/forms/{formName}/submission' });
      expect(routes).toContainEqual({ method: 'POST', path: '/api/rounds/{roundId}/forms/{formName}/submission/submit' });
    });

    it('schema-generated answers, well-shaped and mutated: no 5xx, refusals change nothing, submit stores the engine value', async () => {
      let accepted = 0;
      let refused = 0;
      for (const formName of ['maaltal', 'kontaktliste']) {
        const form = registry.form('2024', formName)!;
        const answers = fc.oneof(arbitraryFromSchema(form.schema as Record<string, unknown>), mutated(arbitraryFromSchema(form.schema as Record<string, unknown>)));
        const own = `/api/rounds/2024/forms/${formName}/submission`;
        await fc.assert(
          fc.asyncProperty(answers, fc.boolean(), fc.constantFrom<Persona>('respondentA', 'respondentB'), fc.boolean(), async (generated, submitIt, p, forge) => {
            const code = PERSONAS[p as 'respondentA'].code;
            // A client sends its own code; a forger keeps the generated one, which mostly names another municipality.
            const isObject = generated !== null && typeof generated === 'object' && !Array.isArray(generated);
            const value = !forge && isObject && Object.hasOwn(generated, 'kommunekode') ? { ...(generated as object), kommunekode: code } : generated;
            const named = isObject ? (value as Record<string, unknown>).kommunekode : undefined;
            const namesAnother = named !== undefined && named !== null && !(typeof named === 'string' && named.trim() === '') && named !== code;
            const current = await versionOf(code, formName);
            const version = current?.version ?? 0;
            const body = JSON.stringify({ answers: value });
            const path = submitIt ? `${own}/submit` : own;
            const seen = await probe(p, submitIt ? 'POST' : 'PUT', path, { body, headers: { 'content-type': 'application/json', 'if-match': `"${version}"` } });
            const after = await versionOf(code, formName);
            if (seen.status >= 400) {
              refused++;
              // Answers in another municipality's name are refused before anything else, and store nothing.
              if (namesAnother && !holdsNul(value)) {
                expect(JSON.parse(seen.body).code, seen.body).toBe('RESPONDENT_MISMATCH');
                expect(after).toEqual(current);
                return;
              }
              if (submitIt && current?.status !== 'submitted') {
                const plain = value !== null && typeof value === 'object' && !Array.isArray(value);
                // Only answers the engine rejects (or a non-object, or text holding NUL, which no
                // database stores alike) are refused on an open draft.
                const nul = holdsNul(value);
                expect(!plain || nul || !form.validate({ ...(value as object), kommunekode: code }).ok, seen.body).toBe(true);
                if (nul) expect(JSON.parse(seen.body).code).toBe('NUL_CHARACTER');
              }
              return;
            }
            accepted++;
            expect(namesAnother, 'answers naming another municipality were accepted').toBe(false);
            const stored = await t.db.selectFrom('submissions').select(['answers', 'status']).where('id', '=', after!.id).executeTakeFirstOrThrow();
            const sent = { ...(value as object), kommunekode: code };
            if (submitIt) {
              const checked = form.validate(JSON.parse(JSON.stringify(sent)));
              expect(checked.ok).toBe(true);
              expect(JSON.parse(stored.answers)).toEqual(checked.ok ? JSON.parse(JSON.stringify(checked.value)) : null);
              expect(stored.status).toBe('submitted');
              // Reopened at once so the next generated answer can be submitted too.
              const r = await reopen({ db: t.db, clock: clock.now }, { submissionId: after!.id, actorId: ids.admin });
              expect(r.ok).toBe(true);
            } else {
              // A draft is kept as sent (drafts need not be valid), in the respondent's own name.
              expect(JSON.parse(stored.answers)).toEqual(JSON.parse(JSON.stringify(sent)));
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });

    it('raw garbage bodies, content types and headers against every route: no 5xx, refusals change nothing', async () => {
      const depth = (n: number) => `{"answers":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`;
      // The bodies most likely to break a handler go once to every route that takes a body, as the
      // persona the route is for; these and the rest also at random below.
      const exhaustive: Array<Uint8Array | string> = [
        Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0xa0, 0xa1, 0x7d]),
        '',
        'null',
        '[]',
        '{"__proto__": {"polluted": true}, "answers": {"__proto__": {"polluted": true}}}',
        '{"email": {"__proto__": 1}, "password": ["a"], "until": {"toString": 1}, "role": "admin", "navn": null}',
        depth(5_000),
        `{"answers": {"x": "${'a'.repeat(250_000)}"}}`,
        '{"answers":',
        '_csrf=x&answers[__proto__][polluted]=1&a[b][c][d][e][f][g][h][i][j][k]=1',
        `${'a[]=1&'.repeat(3000)}`,
        // PostgreSQL cannot hold a NUL character in text; SQLite can.
        JSON.stringify({ email: 'a\u0000@b.dk', password: '\u0000', navn: 'a\u0000b', role: 'analyst', until: '2024-06-0\u0000', reason: '\u0000', current: '\u0000', next: '\u0000'.repeat(20) }),
        JSON.stringify({ answers: { enheder: [{ navn: '\u0000' }], kontakt: { navn: 'a\u0000b', email: 'x@y.dk' } } }),
        'email=a%00b&password=%00&_csrf=%00',
      ];
      const edgeBodies: Array<Uint8Array | string> = [
        ...exhaustive,
        Buffer.from('{"answers": {"kommunekode": "\xff\xfe"}}', 'latin1'),
        '"answers"',
        '1e999999',
        '{"answers": 1e999999}',
        '{"answers": {"enheder": [{"niveau1": {"kvinder": 1e308, "maend": -1e308}}]}}',
        '{"answers": {"enheder": [{"niveau1": {"kvinder": 123456789012345678901234567890}}]}}',
        '{"constructor": {"prototype": {"polluted": true}}, "answers": {"constructor": {"prototype": {"polluted": true}}}}',
        depth(500),
        depth(30_000),
        `[${'['.repeat(50_000)}${']'.repeat(50_000)}]`,
        '{"answers": {"a": 1}, "answers": [1]}',
        '%E0%A4%A',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      ];
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        for (const body of exhaustive) {
          const type = typeof body === 'string' && /^[_a-z]+=/.test(body) ? 'application/x-www-form-urlencoded' : 'application/json';
          await probe(owner(route), route.method, fill(route.path), { body, headers: { 'content-type': type, 'if-match': '"0"' } });
        }
      }
      const bodies = fc.oneof(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(...edgeBodies),
        fc.json().map((s) => s),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ answers: v })),
      );
      const contentTypes = fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/vnd.api+json',
        '',
        'json',
        'application/json; charset=',
        '*/*',
      );
      const extraHeaders = fc.record(
        {
          'if-match': fc.constantFrom('"0"', '"1"', '*', 'W/"2"', '"99999999999999999999"', '"-1"', '"1.5"', '"0x10"', 'null', '"', ',', '\t1'),
          'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'),
          'accept-language': fc.constantFrom('en', 'da', '*', 'x'.repeat(500)),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom(...PERSONA_NAMES),
          bodies,
          contentTypes,
          extraHeaders,
          fc.constantFrom<'right' | 'none' | 'wrong'>('right', 'right', 'right', 'none', 'wrong'),
          async (route, p, body, type, headers, csrf) => {
            const path = fill(route.path);
            await probe(p, route.method, path, { body, headers: { ...headers, ...(type ? { 'content-type': type } : {}) }, csrf });
          },
        ),
        { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
      );
    });

    it('garbage path parameters and query strings against every route: no 5xx, refusals change nothing', async () => {
      const submitted = await t.db.selectFrom('submissions').select('id').limit(1).executeTakeFirst();
      const param = fc.oneof(
        fc.constantFrom('2024', 'maaltal', 'kontaktliste', '0147', '0151', submitted?.id ?? 'x'),
        fc.constantFrom(...NASTY_STRINGS.filter((s) => s !== '')).map(encodeURIComponent),
        fc.constantFrom('%', '%E0%A4%A', '%FF', '%C0%AF', '..', '..%2F..%2Fetc%2Fpasswd', '%00', 'a%2Fb', 'x'.repeat(5000), '__proto__', 'constructor', 'hasOwnProperty', 'toString'),
        fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => s.length > 0).map(encodeURIComponent),
      );
      // Every edge value once in every parameter of every route, as the persona the route is for.
      const edgeParams = ['%00', '%E0%A4%A', '%FF', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '__proto__'];
      const defaults = { ...DEFAULTS, submissionId: submitted?.id ?? ZERO_ID };
      for (const route of routes) {
        const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        for (const name of names) {
          for (const edge of edgeParams) {
            const body = route.method === 'GET' ? undefined : JSON.stringify({ answers: {}, until: '2024-06-01', email: 'x@y.dk', password: 'x', navn: 'x', role: 'analyst' });
            await probe(owner(route), route.method, fill(route.path, name, edge, defaults), body ? { body, headers: { 'content-type': 'application/json', 'if-match': '"0"' } } : {});
          }
        }
      }
      const query = fc.constantFrom('', '?next=//evil.example', '?a[__proto__][polluted]=1', '?x=%', `?${'a=1&'.repeat(2000)}`, '?fejl=1&konflikt=1');
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes.filter((r) => r.path.includes('{'))),
          fc.constantFrom(...PERSONA_NAMES),
          fc.array(param, { minLength: 4, maxLength: 4 }),
          query,
          async (route, p, values, q) => {
            let i = 0;
            const path = route.path.replace(/\{(\w+)\}/g, () => values[i++ % values.length]!);
            const body = route.method === 'GET' ? undefined : JSON.stringify({ answers: {}, until: '2024-06-01', email: 'x@y.dk', password: 'x', navn: 'x', role: 'analyst' });
            await probe(p, route.method, path + q, { ...(body ? { body, headers: { 'content-type': 'application/json', 'if-match': '"0"' } } : {}) });
          },
        ),
        { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
      );
    });

    it('left every submitted report valid, every row whole, and no prototype polluted', async () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.keys(Object.prototype)).toEqual([]);
      const rows = await t.db.selectFrom('submissions').select(['form_name', 'status', 'answers', 'organisation_id']).execute();
      for (const r of rows) {
        const answers = JSON.parse(r.answers) as Record<string, unknown>;
        expect(answers !== null && typeof answers === 'object' && !Array.isArray(answers)).toBe(true);
        const org = await t.db.selectFrom('organisations').select('code').where('id', '=', r.organisation_id).executeTakeFirstOrThrow();
        expect(answers.kommunekode).toBe(org.code);
        if (r.status === 'submitted') expect(registry.form('2024', r.form_name)!.validate(answers).ok).toBe(true);
      }
      const chain = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(t.db);
      expect(Number(chain.rows[0]!.n)).toBeGreaterThan(0);
      // What the fuzz met, for the record (and so a run that only saw 404s would be noticed).
      const seen = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
      console.log(`fuzz [${dialect}] statuses: ${JSON.stringify(seen)}`);
      for (const s of [200, 400, 401, 403, 404, 413, 415, 422]) expect(seen[s] ?? 0, `status ${s} never seen`).toBeGreaterThan(0);
    });
  });
}
