import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { auditEntryHash, GENESIS_HASH } from '../db/index.ts';
import { checkpointHash } from './checkpoint-hash.ts';
import { sha256Hex } from './ids.ts';

/** Why the audit history does not verify. */
export type AuditBreak = 'gap' | 'prev_hash' | 'hash' | 'head' | 'checkpoint';

/** The history is intact, or the first entry (by chain) where it breaks and why. */
export type AuditChainResult =
  | { readonly ok: true; readonly count: number; readonly chains: number; readonly checkpoints: number; readonly head: string }
  | { readonly ok: false; readonly seq: number; readonly chain?: string; readonly reason: AuditBreak };

const PAGE = 1000;

type Broken = Extract<AuditChainResult, { ok: false }>;

/**
 * Proves the whole audit history: the one chain written before chains per entity up to its old
 * head row, every entity's chain from its first entry to its tip, and the checkpoints, each of
 * which must be chained to the one before and name tips that the entries still have. So a
 * changed, deleted, inserted or moved entry is found, and so is a tip reset to hide a deleted
 * last entry once a checkpoint sealed it.
 * @param db the database
 * @returns ok with the counts, or the first break found
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainResult> {
  const legacy = await verifyLegacy(db);
  if (!legacy.ok) return legacy;

  // Each checkpoint's tips become expectations on the chains they name.
  const expected = new Map<string, { seq: number; hash: string; checkpoint: number }[]>();
  let prevCheckpoint = GENESIS_HASH;
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  for (const [i, c] of checkpoints.entries()) {
    if (c.seq !== i + 1 || c.prev_hash !== prevCheckpoint || checkpointHash(prevCheckpoint, c) !== c.hash) {
      return { ok: false, seq: c.seq, reason: 'checkpoint' };
    }
    prevCheckpoint = c.hash;
    for (const [chain, seq, hash] of JSON.parse(c.heads) as [string, number, string][]) {
      const list = expected.get(chain) ?? [];
      const before = list.at(-1);
      if (before && before.seq > seq) return { ok: false, seq: c.seq, chain, reason: 'checkpoint' };
      list.push({ seq, hash, checkpoint: c.seq });
      expected.set(chain, list);
    }
  }

  const tips = new Map((await db.selectFrom('audit_chains').select(['chain', 'seq', 'hash']).execute()).map((t) => [t.chain, t]));
  const state: string[] = [];
  let count = legacy.count;
  let chains = 0;
  let current: { chain: string; seq: number; hash: string; lastGlobal: number } | undefined;

  const closeChain = (): Broken | undefined => {
    if (!current) return undefined;
    const tip = tips.get(current.chain);
    tips.delete(current.chain);
    if (!tip || tip.seq !== current.seq || tip.hash !== current.hash) return { ok: false, seq: current.lastGlobal, chain: current.chain, reason: 'head' };
    const open = expected.get(current.chain)?.find((e) => e.seq > current!.seq);
    if (open) return { ok: false, seq: current.lastGlobal, chain: current.chain, reason: 'checkpoint' };
    expected.delete(current.chain);
    state.push(current.chain, String(current.seq), current.hash);
    chains += 1;
    return undefined;
  };

  let after: { chain: string; seq: number } | undefined;
  for (;;) {
    let q = db.selectFrom('audit_log').selectAll().where('chain', 'is not', null);
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('chain', '>', a.chain), eb.and([eb('chain', '=', a.chain), eb('chain_seq', '>', a.seq)])]));
    }
    const rows = await q.orderBy('chain').orderBy('chain_seq').limit(PAGE).execute();
    for (const r of rows) {
      const chain = r.chain!;
      const n = r.chain_seq ?? 0;
      if (current?.chain !== chain) {
        const broken = closeChain();
        if (broken) return broken;
        current = { chain, seq: 0, hash: GENESIS_HASH, lastGlobal: r.seq };
      }
      if (n !== current.seq + 1) return { ok: false, seq: r.seq, chain, reason: 'gap' };
      if (r.prev_hash !== current.hash) return { ok: false, seq: r.seq, chain, reason: 'prev_hash' };
      if (auditEntryHash(current.hash, r) !== r.hash) return { ok: false, seq: r.seq, chain, reason: 'hash' };
      for (const e of expected.get(chain) ?? []) {
        if (e.seq === n && e.hash !== r.hash) return { ok: false, seq: r.seq, chain, reason: 'checkpoint' };
      }
      current.seq = n;
      current.hash = r.hash;
      current.lastGlobal = r.seq;
      count += 1;
    }
    if (rows.length < PAGE) break;
    const last = rows.at(-1)!;
    after = { chain: last.chain!, seq: last.chain_seq ?? 0 };
  }
  const broken = closeChain();
  if (broken) return broken;
  // A tip without entries: its whole chain was deleted.
  for (const t of tips.values()) return { ok: false, seq: 0, chain: t.chain, reason: 'head' };
  for (const [chain, list] of expected) return { ok: false, seq: list[0]?.checkpoint ?? 0, chain, reason: 'checkpoint' };

  const head = sha256Hex(JSON.stringify([legacy.head, prevCheckpoint, state]));
  return { ok: true, count, chains, checkpoints: checkpoints.length, head };
}

/** The one chain written before chains per entity: contiguous from 1 and ending at the old head row. */
async function verifyLegacy(db: Kysely<Database>): Promise<{ ok: true; count: number; head: string } | Broken> {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('chain', 'is', null).where('seq', '>=', expected).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) {
      if (r.seq !== expected) return { ok: false, seq: expected, reason: 'gap' };
      if (r.prev_hash !== prev) return { ok: false, seq: r.seq, reason: 'prev_hash' };
      if (auditEntryHash(prev, r) !== r.hash) return { ok: false, seq: r.seq, reason: 'hash' };
      prev = r.hash;
      expected += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== expected - 1 || head.hash !== prev) return { ok: false, seq: expected, reason: 'head' };
  return { ok: true, count: expected - 1, head: prev };
}
