/**
 * Validation throughput of the engine against raw compiled ajv on the same schema and data.
 * The engine does more than ajv (computed values, dropping inapplicable answers, rules), so the
 * ratio shows what that costs. Goal: at least 0.8.
 *
 * Run: npx tsx bench/validate.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAjv, loadRounds } from '../engine/node.ts';
import { fmt, opsPerSecond, printTable } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/engine', name), 'utf8')).data;

const registry = await loadRounds(path.join(ROOT, 'schemas'));
const form = registry.form('2024', 'maaltal')!;
// Raw ajv: a separate instance with the same options, the same (expanded) schema, compiled once.
const ajv = createAjv();
const raw = ajv.compile(structuredClone(form.schema));

const cases: [string, unknown][] = [
  ['one unit, not equal', fixture('valid--maaltal--one-unit-not-equal.json')],
  ['København, six departments', fixture('valid--maaltal--koebenhavn-six-departments.json')],
  ['one unit, invalid (reason missing)', fixture('invalid--maaltal--reason-missing-where-earlier-target-not-reached.json')],
];

const rows: (string | number)[][] = [['case', 'raw ajv ops/s', 'engine ops/s', 'ratio']];
let worst = Infinity;
for (const [name, data] of cases) {
  const prepared = form.prepare(data);
  if (raw(prepared) !== form.validate(data).ok) throw new Error(`verdicts differ for ${name}`);
  const base = opsPerSecond(() => raw(prepared));
  const ours = opsPerSecond(() => form.validate(data));
  worst = Math.min(worst, ours / base);
  rows.push([name, fmt(base), fmt(ours), fmt(ours / base, 2)]);
}
printTable(rows);
console.log(`validate: worst ratio ${fmt(worst, 2)} (goal >= 0.80)`);
