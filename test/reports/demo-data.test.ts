import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../engine/workflows/index.ts';
import { buildMemoContext, fillDemoData, loadSubmittedReports } from '../../reports/index.ts';
import { forEachDialect } from '../helpers/test-database.ts';
import { testRegistry } from '../helpers/test-registry.ts';

const NOW = new Date('2026-01-10T12:00:00Z');

forEachDialect('demo data through the save and submit workflows', (t) => {
  it('fills the round, deterministically, and the memo reads it back from storage', async () => {
    const registry = await testRegistry();
    const deps = { db: t.db, registry, clock: () => NOW };
    const result = await fillDemoData(deps, { roundId: '2024', seed: 7, missing: 3 });
    expect(result).toMatchObject({ ok: true, submitted: 95, skipped: 0 });
    if (!result.ok) return;
    expect(result.missing).toHaveLength(3);

    const reports = await loadSubmittedReports(t.db, '2024');
    expect(reports).toHaveLength(95);
    expect(reports.map((r) => r.kommunekode)).not.toContain(result.missing[0]);
    const form = registry.form('2024', 'maaltal')!;
    const units = reports.flatMap((r) => r.answers.enheder);
    // Stored answers are the engine's own value: validating them again changes nothing.
    for (const r of reports) expect(form.validate(r.answers)).toEqual({ ok: true, value: r.answers });
    // A plausible population: split municipalities report several departments, and both verdicts occur.
    expect(reports.filter((r) => r.answers.enheder.length > 1).length).toBeGreaterThan(0);
    expect(units.some((u) => u.ligelig)).toBe(true);
    expect(units.some((u) => !u.ligelig)).toBe(true);
    // Every report was submitted inside the reporting window, before the deadline.
    for (const r of reports) {
      expect(r.submittedAt >= '2024-03-15').toBe(true);
      expect(r.submittedAt < '2024-05-31T22:00:00.000Z').toBe(true);
    }
    const memo = buildMemoContext({ round: registry.round('2024')!, reports, generatedAt: NOW.toISOString() });
    expect(memo.indberetning.indberettet.antal).toBe(95);
    expect(memo.indberetning.mangler.map((m) => m.kommunekode)).toEqual(result.missing);

    // Running it again changes nothing; the audit log holds every save and submit, unbroken.
    expect(await fillDemoData(deps, { roundId: '2024', seed: 7, missing: 3 })).toMatchObject({ ok: true, submitted: 0, skipped: 95 });
    const audit = await t.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((a) => a.action === 'submission.submitted')).toHaveLength(95);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('gives the same answers for the same seed, on SQLite as here', async () => {
    const registry = await testRegistry();
    const again = await loadSubmittedReports(t.db, '2024');
    const { openTestDatabase } = await import('../helpers/test-database.ts');
    // The second run goes to a fresh SQLite file, so on the PostgreSQL pass the same seed is
    // shown to give the same data on both back ends.
    const other = await openTestDatabase('sqlite');
    try {
      await fillDemoData({ db: other.db, registry, clock: () => NOW }, { roundId: '2024', seed: 7, missing: 3 });
      const second = await loadSubmittedReports(other.db, '2024');
      expect(second.map((r) => [r.kommunekode, r.submittedAt, r.answers])).toEqual(again.map((r) => [r.kommunekode, r.submittedAt, r.answers]));
    } finally {
      await other.destroy();
    }
  });
});

describe('demo data refuses what it cannot do', () => {
  it('names an unknown round', async () => {
    const registry = await testRegistry();
    const result = await fillDemoData({ db: undefined as never, registry, clock: () => NOW }, { roundId: '1999', seed: 1 });
    expect(result).toEqual({ ok: false, message: 'Runden "1999" findes ikke eller har ingen indberetningsformular.' });
  });
});
