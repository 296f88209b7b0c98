/**
 * Validation throughput of the engine against raw compiled ajv on the same schema and data.
 * The engine does more than ajv (computed values, dropping inapplicable answers, rules), so the
 * ratio shows what that costs. Goal: at least 0.8.
 *
 * The engine's own ajv instance checks minLength/maxLength without counting characters where the
 * string's length decides (engine/fast-string-length.ts). The second ratio compares with ajv given
 * the same two keywords, so it shows the engine's extra work alone, as a like-for-like figure.
 * Baseline and engine are sampled alternately, so a change in the machine's load hits both.
 *
 * Run: npx tsx bench/validate.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRounds } from '../engine/node.ts';
import { createStandardAjv } from '../engine/create-ajv.ts';
import { fastStringLength } from '../engine/fast-string-length.ts';
import { compareRates, fmt, printTable } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/engine', name), 'utf8')).data;

const registry = await loadRounds(path.join(ROOT, 'schemas'));
const form = registry.form('2024', 'maaltal')!;
// Raw ajv: a separate instance with the same options and ajv's own keywords, the same (expanded)
// schema, compiled once. "Alike" adds the engine's length keywords and nothing else.
const raw = createStandardAjv().compile(structuredClone(form.schema));
const alike = fastStringLength(createStandardAjv()).compile(structuredClone(form.schema));

const cases: [string, unknown][] = [
  ['one unit, not equal', fixture('valid--maaltal--one-unit-not-equal.json')],
  ['København, six departments', fixture('valid--maaltal--koebenhavn-six-departments.json')],
  ['one unit, invalid (reason missing)', fixture('invalid--maaltal--reason-missing-where-earlier-target-not-reached.json')],
];

// Every case runs through all three validators before any is measured, so each case is measured in
// the same state a server reaches (having seen every shape), not one that favours the first cases.
const prepared = cases.map(([, data]) => form.prepare(data));
for (let round = 0; round < 20_000; round++) {
  for (let i = 0; i < cases.length; i++) {
    raw(prepared[i]);
    alike(prepared[i]);
    form.validate((cases[i] as [string, unknown])[1]);
  }
}

const rows: (string | number)[][] = [['case', 'raw ajv ops/s', 'engine ops/s', 'ratio', 'like-for-like ratio']];
let worst = Infinity;
let worstAlike = Infinity;
for (const [name, data] of cases) {
  const prepared = form.prepare(data);
  if (raw(prepared) !== form.validate(data).ok || alike(prepared) !== raw(prepared)) throw new Error(`verdicts differ for ${name}`);
  const vsRaw = compareRates(() => raw(prepared), () => form.validate(data));
  const vsAlike = compareRates(() => alike(prepared), () => form.validate(data));
  worst = Math.min(worst, vsRaw.ratio);
  worstAlike = Math.min(worstAlike, vsAlike.ratio);
  rows.push([name, fmt(vsRaw.base), fmt(vsRaw.ours), fmt(vsRaw.ratio, 2), fmt(vsAlike.ratio, 2)]);
}
printTable(rows);
console.log(`validate: worst ratio ${fmt(worst, 2)} (goal >= 0.80); like-for-like ${fmt(worstAlike, 2)}`);
