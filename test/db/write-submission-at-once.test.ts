import { beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/node.ts';
import { createUser, reopen, saveDraft, seedOrganisations, seedRounds, submit, verifyAuditChain, type Actor, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { writeSubmissionAtOnce } from '../../engine/workflows/write-submission-at-once.ts';
import { createTestClock, forEachDialect, testRegistry, validMaaltal } from '../helpers/index.ts';

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

forEachDialect('a submission written with its audit entry in one statement', (t, dialect) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  const deps = (): WorkflowDeps => ({ db: t.db, registry, clock: clock.now });
  let actor: Actor;
  let submissionId: string;
  const write = (ifMatch: number) => ({
    roundId: '2024',
    formName: 'maaltal',
    organisationId: actor.organisationId!,
    ifMatch,
    status: 'submitted' as const,
    answers: '{"kommunekode":"0147"}',
    schemaHash: 'h',
    actorId: actor.id,
    at: '2024-05-01T10:00:00.000Z',
    from: ['draft', 'reopened'] as const,
  });
  const entries = () => t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'submission').orderBy('seq').execute();

  it('is what a submit does on PostgreSQL once the contact is known, with the same entry as in a transaction', async () => {
    await seedRounds(deps());
    await seedOrganisations(deps(), '2024');
    const org = await t.db.selectFrom('organisations').select('id').where('code', '=', '0147').executeTakeFirstOrThrow();
    const u = await createUser(deps(), { email: 'a@frederiksberg.dk', navn: 'A', role: 'respondent', code: '0147', password: 'korrekt hest batteri', actorId: null });
    if (!u.ok) throw new Error(u.code);
    actor = { id: u.user.id, role: 'respondent', organisationId: org.id };
    const input = { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id };
    // The first submit stores the contact, in a transaction; the second, after a reopen, writes at once on PostgreSQL.
    const first = await submit(deps(), { ...input, answers: validMaaltal('0147'), ifMatch: 0 });
    if (!first.ok) throw new Error(first.code);
    submissionId = first.submission.id;
    expect(await reopen(deps(), { submissionId, actorId: actor.id })).toMatchObject({ ok: true });
    expect(await submit(deps(), { ...input, ifMatch: 2 })).toMatchObject({ ok: true, submission: { status: 'submitted', version: 3 } });
    const [one, , three] = await entries();
    expect(three).toMatchObject({ action: 'submission.submitted', actor_id: actor.id, entity_id: submissionId, chain: `submission/${submissionId}`, chain_seq: 3 });
    expect(Object.keys(JSON.parse(three!.data))).toEqual(Object.keys(JSON.parse(one!.data)));
    expect(JSON.parse(three!.data)).toMatchObject({ version: 3, schemaHash: registry.form('2024', 'maaltal')!.hash });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('writes at once only on PostgreSQL, and a refused write leaves no entry', async () => {
    expect(await reopen(deps(), { submissionId, actorId: actor.id })).toMatchObject({ ok: true, submission: { version: 4 } });
    const before = (await entries()).length;
    const entry = { action: 'submission.submitted', data: { version: 5 } };
    const stale = await writeSubmissionAtOnce(t.db, write(3), entry);
    if (dialect === 'sqlite') {
      expect(stale).toBeUndefined();
      return;
    }
    expect(stale).toMatchObject({ ok: false, code: 'VERSION_CONFLICT', params: { expected: 3, current: 4 } });
    expect(await writeSubmissionAtOnce(t.db, write(0), entry)).toBeUndefined();
    expect((await entries()).length).toBe(before);
    expect(await writeSubmissionAtOnce(t.db, write(4), entry)).toMatchObject({ id: submissionId, status: 'submitted', version: 5 });
    expect(await writeSubmissionAtOnce(t.db, write(5), { ...entry, data: { version: 6 } })).toMatchObject({ ok: false, code: 'ALREADY_SUBMITTED' });
    const after = await entries();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ data: '{"version":5}', chain_seq: 5 });
    const versions = await t.db.selectFrom('submission_versions').select('version').where('submission_id', '=', submissionId).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('reopens with its entry, whose data is the text JSON.stringify writes', async () => {
    const reason = 'Fejl i "enheder" \\ æ\u2028\n😀';
    const cur = await t.db.selectFrom('submissions').select(['status', 'version']).where('id', '=', submissionId).executeTakeFirstOrThrow();
    if (cur.status !== 'submitted') {
      const input = { actor, roundId: '2024', formName: 'maaltal', organisationId: actor.organisationId!, ifMatch: cur.version };
      expect(await submit(deps(), input)).toMatchObject({ ok: true });
    }
    const r = await reopen(deps(), { submissionId, actorId: actor.id, reason });
    expect(r).toMatchObject({ ok: true, submission: { status: 'reopened', version: 6 } });
    if (!r.ok) return;
    const last = (await entries()).at(-1)!;
    expect(last).toMatchObject({ action: 'submission.reopened', actor_id: actor.id, chain_seq: r.submission.version });
    expect(last.data).toBe(JSON.stringify({ version: r.submission.version, reason }));
    expect(await reopen(deps(), { submissionId, actorId: actor.id })).toMatchObject({ ok: false, code: 'NOT_SUBMITTED' });
    expect(await reopen(deps(), { submissionId: 'nothing', actorId: actor.id })).toMatchObject({ ok: false, code: 'SUBMISSION_NOT_FOUND' });
    expect((await entries()).at(-1)!.seq).toBe(last.seq);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
