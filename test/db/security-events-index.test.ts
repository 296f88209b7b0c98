import { CompiledQuery, sql, type QueryId, type RootOperationNode } from 'kysely';
import { expect, it } from 'vitest';
import { listSecurityEvents, SECURITY_EVENTS } from '../../engine/workflows/index.ts';
import { forEachDialect } from '../helpers/index.ts';

forEachDialect('the index of security events', (t, dialect) => {
  const security = Object.keys(SECURITY_EVENTS);
  const others = ['submission.draft_saved', 'submission.submitted', 'submission.reopened', 'round.loaded'];

  it('lists every security event, newest first, using the index that leaves out submission entries', async () => {
    // A log of mostly submission entries, a few security events among them.
    const rows = [];
    for (let seq = 1; seq <= 20_000; seq++) {
      const action = seq % 400 === 0 ? security[(seq / 400) % security.length]! : others[seq % others.length]!;
      rows.push({ seq, at: '2026-12-07T10:00:00Z', actor_id: null, action, entity: 'x', entity_id: String(seq), data: '{}', prev_hash: 'p', hash: 'h', chain: null, chain_seq: null });
    }
    for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
    await sql.raw(dialect === 'postgres' ? 'analyze audit_log' : 'analyze').execute(t.db);

    let captured: { node: RootOperationNode; queryId: QueryId } | undefined;
    const spy = t.db.withPlugin({ transformQuery: (a) => ((captured ??= a), a.node), transformResult: async (a) => a.result });
    const events = await listSecurityEvents(spy, 30);
    const expected = rows.filter((r) => security.includes(r.action)).reverse().slice(0, 30);
    expect(events.map((e) => [e.seq, e.action])).toEqual(expected.map((r) => [r.seq, r.action]));

    const query = spy.getExecutor().compileQuery(captured!.node, captured!.queryId);
    const plan = await t.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`explain ${dialect === 'sqlite' ? 'query plan ' : ''}${query.sql}`, [...query.parameters]));
    expect(plan.rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n')).toContain('audit_log_action_seq');
  });
});
