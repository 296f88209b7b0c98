import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/node.ts';
import { createDatabase } from '../../engine/db/index.ts';
import {
  changePassword,
  createUser,
  deadlineEnd,
  ensureFirstAdmin,
  findSession,
  grantExtension,
  hashAhead,
  lacksAdmin,
  listSubmissions,
  listSubmitted,
  login,
  logout,
  pruneExpired,
  reopen,
  saveDraft,
  seedOrganisations,
  seedRounds,
  submit,
  verifyAuditChain,
  type Actor,
  type WorkflowDeps,
} from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, invalidMaaltal, testRegistry, validMaaltal } from '../helpers/index.ts';

describe('deadlineEnd', () => {
  it('ends an inclusive date at local midnight in summer and winter time', () => {
    expect(deadlineEnd('2024-05-31', 'Europe/Copenhagen').toISOString()).toBe('2024-05-31T22:00:00.000Z');
    expect(deadlineEnd('2024-02-12', 'Europe/Copenhagen').toISOString()).toBe('2024-02-12T23:00:00.000Z');
    // The night summer time starts (31 March 2024) and the night it ends (27 October 2024).
    expect(deadlineEnd('2024-03-30', 'Europe/Copenhagen').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(deadlineEnd('2024-10-26', 'Europe/Copenhagen').toISOString()).toBe('2024-10-26T22:00:00.000Z');
    expect(deadlineEnd('2024-12-31', 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

forEachDialect('workflows', (t, dialect) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  const deps = (): WorkflowDeps => ({ db: t.db, registry, clock: clock.now });
  let orgA: { id: string; code: string };
  let orgB: { id: string; code: string };
  let actorA: Actor;

  it('seeds the round and the 98 municipalities once', async () => {
    const r1 = await seedRounds(deps());
    // schemas/ holds 2024 and 2025; both are seeded, each with the same 98 municipalities.
    expect(r1).toMatchObject({ ok: true, inserted: ['2024', '2025'] });
    const o1 = await seedOrganisations(deps(), '2024');
    expect(o1).toEqual({ ok: true, added: 98 });
    const o2 = await seedOrganisations(deps(), '2024');
    expect(o2).toEqual({ ok: true, added: 0 });
    // 2025's respondents are the same organisations, joined to the second round.
    expect(await seedOrganisations(deps(), '2025')).toEqual({ ok: true, added: 0 });
    expect(await seedRounds(deps())).toMatchObject({ ok: true, unchanged: ['2024', '2025'] });
    for (const roundId of ['2024', '2025']) {
      const members = await t.db.selectFrom('round_respondents').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
      expect(Number(members.n), roundId).toBe(98);
    }
    const units = await t.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(98);
    orgA = await t.db.selectFrom('organisations').select(['id', 'code']).where('code', '=', '0147').executeTakeFirstOrThrow();
    orgB = await t.db.selectFrom('organisations').select(['id', 'code']).where('code', '=', '0151').executeTakeFirstOrThrow();
    const u = await createUser(deps(), { email: 'A@Frederiksberg.dk', navn: 'A', role: 'respondent', code: '0147', password: 'korrekt hest batteri', actorId: null });
    if (!u.ok) throw new Error(u.code);
    expect(u.user.email).toBe('a@frederiksberg.dk');
    actorA = { id: u.user.id, role: 'respondent', organisationId: orgA.id };
  });

  it('follows changed round files, each change a new version', async () => {
    await t.db.updateTable('rounds').set({ hash: 'old' }).where('id', '=', '2024').execute();
    expect(await seedRounds(deps())).toMatchObject({ ok: true, updated: ['2024'] });
    const row = await t.db.selectFrom('rounds').select(['hash', 'version']).where('id', '=', '2024').executeTakeFirstOrThrow();
    expect(row).toEqual({ hash: registry.round('2024')!.hash, version: 2 });
  });

  it('saves an invalid draft, forcing the organisation and returning the issues', async () => {
    const r = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: invalidMaaltal(''), ifMatch: 0 });
    if (!r.ok) throw new Error(r.code);
    expect(r.submission.version).toBe(1);
    expect(r.submission.status).toBe('draft');
    expect((r.submission.answers as { kommunekode: string }).kommunekode).toBe('0147');
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.map((i) => i.path)).toContain('/enheder');
    // A draft freezes nothing and marks no round row.
    const opened = await t.db.selectFrom('rounds').select('opened_at').where('id', '=', '2024').executeTakeFirstOrThrow();
    expect(opened.opened_at).toBeNull();
  });

  it('takes changed files after a draft, since nothing is submitted yet', async () => {
    await t.db.updateTable('rounds').set({ hash: 'other', contract_hash: 'other' }).where('id', '=', '2024').execute();
    expect(await seedRounds(deps())).toMatchObject({ ok: true, updated: ['2024'] });
  });

  it('lets exactly one of two saves with the same version win and loses nothing', async () => {
    // A second connection pool stands in for a second service process on PostgreSQL.
    const other = dialect === 'postgres' ? createDatabase({ ...t.handle.options, poolSize: 2 }) : undefined;
    try {
      const second: WorkflowDeps = { ...deps(), db: other?.db ?? t.db };
      const one = { ...validMaaltal('0147', 'Version ét') };
      const two = { ...validMaaltal('0147', 'Version to') };
      const [r1, r2] = await Promise.all([
        saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: one, ifMatch: 1 }),
        saveDraft(second, { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: two, ifMatch: 1 }),
      ]);
      const oks = [r1, r2].filter((r) => r.ok);
      const conflicts = [r1, r2].filter((r) => !r.ok);
      expect(oks).toHaveLength(1);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
      const winner = r1.ok ? 'Version ét' : 'Version to';
      const row = await t.db.selectFrom('submissions').selectAll().where('organisation_id', '=', orgA.id).executeTakeFirstOrThrow();
      expect(row.version).toBe(2);
      expect(JSON.parse(row.answers).enheder[0].navn).toBe(winner);
      const versions = await t.db.selectFrom('submission_versions').select(['version', 'answers']).where('submission_id', '=', row.id).orderBy('version').execute();
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(JSON.parse(versions[1]!.answers).enheder[0].navn).toBe(winner);
      // The loser retries on the new version and its answers are kept as version 3.
      const loserAnswers = r1.ok ? two : one;
      const retry = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: loserAnswers, ifMatch: 2 });
      expect(retry).toMatchObject({ ok: true, submission: { version: 3 } });
    } finally {
      await other?.destroy();
    }
  });

  it('acknowledges a repeated save of the stored answers on a stale version without writing, and refuses other answers', async () => {
    const row = await t.db.selectFrom('submissions').selectAll().where('organisation_id', '=', orgA.id).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.answers) as unknown;
    const audits = async () => (await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await audits();
    const again = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: stored, ifMatch: row.version - 1 });
    expect(again).toMatchObject({ ok: true, submission: { version: row.version } });
    const changed = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: validMaaltal('0147', 'Noget andet'), ifMatch: row.version - 1 });
    expect(changed).toMatchObject({ ok: false, code: 'VERSION_CONFLICT' });
    const after = await t.db.selectFrom('submissions').selectAll().where('organisation_id', '=', orgA.id).executeTakeFirstOrThrow();
    expect(after.version).toBe(row.version);
    expect(Number(await audits())).toBe(Number(before));
  });

  it('refuses invalid answers on submit and writes nothing', async () => {
    const before = await t.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await submit(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, ifMatch: 3, answers: invalidMaaltal('0147') });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_ANSWERS' });
    expect(r.ok ? [] : r.issues!.length).toBeGreaterThan(0);
    const after = await t.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('submits the stored draft and stores the engine value and the form hash', async () => {
    const r = await submit(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, ifMatch: 3 });
    if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.issues)}`);
    expect(r.submission).toMatchObject({ status: 'submitted', version: 4, schemaHash: registry.form('2024', 'maaltal')!.hash });
    const unit = (r.submission.answers as { enheder: Array<Record<string, unknown>> }).enheder[0]!;
    expect(unit).toMatchObject({ kvinder: 1, maend: 5, antal: 6, ligelig: false, underrepraesenteretKoen: 'kvinder' });
    const again = await submit(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, ifMatch: 4 });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_SUBMITTED' });
    const draft = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: validMaaltal('0147'), ifMatch: 4 });
    expect(draft).toMatchObject({ ok: false, code: 'ALREADY_SUBMITTED' });
    const contact = await t.db.selectFrom('contacts').selectAll().where('organisation_id', '=', orgA.id).executeTakeFirstOrThrow();
    expect(contact.email).toBe('kontakt@example.dk');
  });

  it('lists only submitted reports for reports and every organisation for the ministry', async () => {
    const submitted = await listSubmitted(t.db, '2024', 'maaltal');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ organisationId: orgA.id, code: '0147', version: 4, submittedAt: '2024-05-01T10:00:00.000Z' });
    const all = await listSubmissions(t.db, '2024', 'maaltal');
    expect(all).toHaveLength(98);
    expect(all.find((r) => r.code === '0147')).toMatchObject({ status: 'submitted', version: 4 });
    expect(all.find((r) => r.code === '0151')).toMatchObject({ status: 'missing', version: 0, submissionId: null });
  });

  it('reopens a submitted report, which can then be changed and submitted again', async () => {
    const sub = await t.db.selectFrom('submissions').select('id').where('organisation_id', '=', orgA.id).executeTakeFirstOrThrow();
    const r = await reopen(deps(), { submissionId: sub.id, actorId: actorA.id });
    expect(r).toMatchObject({ ok: true, submission: { status: 'reopened', version: 5 } });
    expect(await reopen(deps(), { submissionId: sub.id, actorId: actorA.id })).toMatchObject({ ok: false, code: 'NOT_SUBMITTED' });
    expect(await listSubmitted(t.db, '2024', 'maaltal')).toHaveLength(0);
    const d = await saveDraft(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, answers: validMaaltal('0147'), ifMatch: 5 });
    expect(d).toMatchObject({ ok: true, submission: { status: 'reopened', version: 6 } });
    const s = await submit(deps(), { actor: actorA, roundId: '2024', formName: 'maaltal', organisationId: orgA.id, ifMatch: 6 });
    expect(s).toMatchObject({ ok: true, submission: { status: 'submitted', version: 7 } });
  });

  it('refuses submits after the inclusive deadline unless an extension covers them', async () => {
    const b: Actor = { id: actorA.id, role: 'respondent', organisationId: orgB.id };
    const input = { actor: b, roundId: '2024', formName: 'maaltal', organisationId: orgB.id, ifMatch: 0, answers: validMaaltal('0151') };
    clock.set('2024-05-31T21:59:59Z'); // 23:59:59 in Copenhagen on the last day
    const early = await saveDraft(deps(), { ...input });
    expect(early).toMatchObject({ ok: true, submission: { version: 1 } });
    clock.set('2024-05-31T22:00:00Z');
    const late = await submit(deps(), { ...input, ifMatch: 1 });
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED', params: { frist: '2024-05-31' } });
    const ext = await grantExtension(deps(), { roundId: '2024', formName: 'maaltal', code: '0151', until: '2024-06-14', reason: 'Sygdom', actorId: actorA.id });
    expect(ext).toMatchObject({ ok: true, extension: { until: '2024-06-14' } });
    const withExt = await submit(deps(), { ...input, ifMatch: 1 });
    expect(withExt).toMatchObject({ ok: true, submission: { status: 'submitted', version: 2 } });
    clock.set('2024-05-01T10:00:00Z');
  });

  it('reads the extension after the deadline also for a respondent whose lasting facts it remembers', async () => {
    const orgC = await t.db.selectFrom('organisations').select(['id', 'code']).where('code', '=', '0153').executeTakeFirstOrThrow();
    const c: Actor = { id: actorA.id, role: 'respondent', organisationId: orgC.id };
    const input = { actor: c, roundId: '2024', formName: 'maaltal', organisationId: orgC.id, answers: validMaaltal('0153') };
    const contacts = async () => (await t.db.selectFrom('contacts').select('email').where('organisation_id', '=', orgC.id).where('round_id', '=', '2024').execute()).length;
    clock.set('2024-05-31T21:59:59Z');
    expect(await contacts()).toBe(0);
    const first = await submit(deps(), { ...input, ifMatch: 0 });
    if (!first.ok) throw new Error(first.code);
    expect(await contacts()).toBe(1);
    expect(await reopen(deps(), { submissionId: first.submission.id, actorId: actorA.id })).toMatchObject({ ok: true, submission: { version: 2 } });
    // Its code, membership and contact are known now; whether the deadline was extended is not.
    clock.set('2024-05-31T22:00:00Z');
    expect(await submit(deps(), { ...input, ifMatch: 2 })).toMatchObject({ ok: false, code: 'DEADLINE_PASSED', params: { frist: '2024-05-31' } });
    expect(await grantExtension(deps(), { roundId: '2024', formName: 'maaltal', code: '0153', until: '2024-06-14', actorId: actorA.id })).toMatchObject({ ok: true });
    expect(await submit(deps(), { ...input, ifMatch: 2 })).toMatchObject({ ok: true, submission: { status: 'submitted', version: 3 } });
    expect(await contacts()).toBe(1);
    // Answers naming another municipality are still refused when its code is not read.
    clock.set('2024-05-01T10:00:00Z');
    expect(await reopen(deps(), { submissionId: first.submission.id, actorId: actorA.id })).toMatchObject({ ok: true, submission: { version: 4 } });
    expect(await submit(deps(), { ...input, answers: validMaaltal('0155'), ifMatch: 4 })).toMatchObject({ ok: false, code: 'RESPONDENT_MISMATCH' });
    const versions = await t.db.selectFrom('submission_versions').select(['version', 'status']).where('submission_id', '=', first.submission.id).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, status: 'submitted' },
      { version: 2, status: 'reopened' },
      { version: 3, status: 'submitted' },
      { version: 4, status: 'reopened' },
    ]);
  });

  it('refuses an extension for an unknown organisation or a malformed date', async () => {
    expect(await grantExtension(deps(), { roundId: '2024', formName: 'maaltal', code: '9999', until: '2024-06-14', actorId: actorA.id })).toMatchObject({ ok: false, code: 'ORGANISATION_NOT_FOUND' });
    expect(await grantExtension(deps(), { roundId: '2024', formName: 'maaltal', code: '0151', until: '14-06-2024', actorId: actorA.id })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('creates the first admin once, with a generated one-time password hashed ahead', async () => {
    expect(await lacksAdmin(deps())).toBe(true);
    const hashed = hashAhead();
    const first = await ensureFirstAdmin(deps(), { email: 'admin@lige.dk', hashed });
    if (!first.ok || !first.created) throw new Error('not created');
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.generatedPassword).toBe(hashed.password);
    expect(await lacksAdmin(deps())).toBe(false);
    expect(await ensureFirstAdmin(deps(), { email: 'other@lige.dk', password: 'et langt kodeord her' })).toEqual({ ok: true, created: false });
    const s = await login(deps(), { email: 'admin@lige.dk', password: first.generatedPassword!, ip: '127.0.0.1' });
    expect(s).toMatchObject({ ok: true, user: { role: 'admin', must_change_password: 1 } });
  });

  it('uses a hash made ahead only for the password it was made of', async () => {
    const made = await createUser(deps(), { email: 'forud@lige.dk', navn: 'Forud', role: 'analyst', password: 'et helt andet langt kodeord', hashed: hashAhead('ikke det samme kodeord her'), actorId: null });
    expect(made.ok).toBe(true);
    expect(await login(deps(), { email: 'forud@lige.dk', password: 'et helt andet langt kodeord', ip: '127.0.0.1' })).toMatchObject({ ok: true });
    expect(await login(deps(), { email: 'forud@lige.dk', password: 'ikke det samme kodeord her', ip: '127.0.0.1' })).toMatchObject({ ok: false });
  });

  it('keeps sessions in the database: find, expire, change password, logout', async () => {
    const s = await login(deps(), { email: 'a@frederiksberg.dk', password: 'korrekt hest batteri', ip: '10.0.0.9' });
    if (!s.ok) throw new Error(s.code);
    const s2 = await login(deps(), { email: 'a@frederiksberg.dk', password: 'korrekt hest batteri', ip: '10.0.0.9' });
    if (!s2.ok) throw new Error(s2.code);
    expect((await findSession(deps(), s.token))?.user.email).toBe('a@frederiksberg.dk');
    expect(await findSession(deps(), 'not-a-token')).toBeUndefined();
    const changed = await changePassword(deps(), { userId: s.user.id, keepToken: s.token, current: 'korrekt hest batteri', next: 'et helt nyt kodeord', ip: '10.0.0.9' });
    expect(changed).toEqual({ ok: true });
    expect(await findSession(deps(), s2.token)).toBeUndefined();
    expect(await findSession(deps(), s.token)).toBeDefined();
    clock.advance(3 * 60 * 60_000);
    expect(await findSession(deps(), s.token)).toBeUndefined();
    clock.set('2024-05-01T10:00:00Z');
    expect(await logout(deps(), s.token)).toBe(true);
    expect(await findSession(deps(), s.token)).toBeUndefined();
  });

  it('prunes expired sessions and lapsed throttle counters', async () => {
    const s = await login(deps(), { email: 'a@frederiksberg.dk', password: 'et helt nyt kodeord', ip: '10.0.0.9' });
    if (!s.ok) throw new Error(s.code);
    await t.db.insertInto('login_throttle').values({ key: 'konto:udloebet', points: 3, expire: Date.now() - 1 }).execute();
    expect(await pruneExpired(deps())).toEqual({ sessions: 0, throttleKeys: 1 });
    clock.advance(25 * 60 * 60_000);
    const pruned = await pruneExpired(deps());
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('login_throttle').selectAll().where('key', '=', 'konto:udloebet').execute()).toEqual([]);
    clock.set('2024-05-01T10:00:00Z');
  });

  it('keeps an intact audit chain and detects edits, deletions and a moved head', async () => {
    const ok = await verifyAuditChain(t.db);
    if (!ok.ok) throw new Error(JSON.stringify(ok));
    expect(ok.count).toBeGreaterThan(10);
    const victim = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'submission.submitted').orderBy('seq').executeTakeFirstOrThrow();
    await t.db.updateTable('audit_log').set({ data: victim.data.replace('"version":4', '"version":9') }).where('seq', '=', victim.seq).execute();
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: victim.seq, chain: victim.chain, reason: 'hash' });
    await t.db.updateTable('audit_log').set({ data: victim.data }).where('seq', '=', victim.seq).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const next = await t.db.selectFrom('audit_log').select('seq').where('chain', '=', victim.chain).where('chain_seq', '=', victim.chain_seq! + 1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_log').where('seq', '=', victim.seq).execute();
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: next.seq, chain: victim.chain, reason: 'gap' });
    await t.db.insertInto('audit_log').values(victim).execute();
    const tip = await t.db.selectFrom('audit_chains').selectAll().where('chain', '=', victim.chain).executeTakeFirstOrThrow();
    const last = await t.db.selectFrom('audit_log').select('seq').where('chain', '=', tip.chain).where('chain_seq', '=', tip.seq).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, chain: tip.chain, reason: 'head' });
  });
});
