/**
 * Validation throughput of the engine against raw compiled ajv on the same schema and data.
 * The engine does more than ajv (computed values, dropping inapplicable answers, rules), so the
 * ratio shows what that costs. Goals: at least 1.0 on valid and 0.8 on invalid answers, for the 2024
 * form's fixtures and for a generated answer of 60 units.
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
import { compileForm, loadRounds, type JsonSchema } from '../engine/node.ts';
import { createStandardAjv } from '../engine/create-ajv.ts';
import { fastStringLength } from '../engine/fast-string-length.ts';
import { compareRates, fmt, printTable } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/engine', name), 'utf8')).data;

const registry = await loadRounds(path.join(ROOT, 'schemas'));
const round = registry.round('2024')!;
// The 2024 form, generated with room for 60 units (the round allows 20); the same rules and tables.
const schema = structuredClone(round.forms.get('maaltal')!.schema) as JsonSchema & { properties: { enheder: JsonSchema } };
schema.$id = `${String(schema.$id)}-60`;
schema.properties.enheder.maxItems = 60;
const form = compileForm(schema, { name: 'maaltal-60', context: { $round: round.settings, $tables: round.tables } });
// Raw ajv: a separate instance with the same options and ajv's own keywords, the same (expanded)
// schema, compiled once. "Alike" adds the engine's length keywords and nothing else.
const raw = createStandardAjv().compile(structuredClone(form.schema));
const alike = fastStringLength(createStandardAjv()).compile(structuredClone(form.schema));

// A municipality with split leadership may report any number of units: 60 of them, the København
// fixture's units repeated under new names, valid and with one unit's reason missing.
const sixty = (base: unknown, broken?: unknown): unknown => {
  const b = base as { enheder: { navn: string }[] };
  const enheder = Array.from({ length: 60 }, (_, i) => ({ ...structuredClone(b.enheder[i % b.enheder.length]!), navn: `Forvaltning ${i + 1}` }));
  if (broken) enheder[59] = { ...structuredClone(broken as { navn: string }), navn: 'Forvaltning 60' };
  return { ...b, enheder };
};
const koebenhavn = fixture('valid--maaltal--koebenhavn-six-departments.json');
const invalid = fixture('invalid--maaltal--reason-missing-where-earlier-target-not-reached.json') as { enheder: unknown[] };

const cases: [string, unknown, boolean][] = [
  ['one unit, not equal', fixture('valid--maaltal--one-unit-not-equal.json'), true],
  ['København, six departments', koebenhavn, true],
  ['generated, 60 units', sixty(koebenhavn), true],
  ['one unit, invalid (reason missing)', invalid, false],
  ['generated, 60 units, invalid (reason missing)', sixty(koebenhavn, invalid.enheder[0]), false],
];

// Every case runs through all three validators before any is measured, so each case is measured in
// the same state a server reaches (having seen every shape), not one that favours the first cases.
const prepared = cases.map(([, data]) => form.prepare(data));
for (let round = 0; round < 4_000; round++) {
  for (let i = 0; i < cases.length; i++) {
    raw(prepared[i]);
    alike(prepared[i]);
    form.validate((cases[i] as [string, unknown, boolean])[1]);
  }
}

const rows: (string | number)[][] = [['case', 'raw ajv ops/s', 'engine ops/s', 'ratio', 'like-for-like ratio']];
let worst = Infinity;
let worstAlike = Infinity;
const worstBy = { valid: Infinity, invalid: Infinity };
for (const [name, data, valid] of cases) {
  const prepared = form.prepare(data);
  if (raw(prepared) !== form.validate(data).ok || alike(prepared) !== raw(prepared)) throw new Error(`verdicts differ for ${name}`);
  if (form.validate(data).ok !== valid) throw new Error(`${name} is meant to be ${valid ? 'valid' : 'invalid'}`);
  const vsRaw = compareRates(() => raw(prepared), () => form.validate(data));
  const vsAlike = compareRates(() => alike(prepared), () => form.validate(data));
  worst = Math.min(worst, vsRaw.ratio);
  worstBy[valid ? 'valid' : 'invalid'] = Math.min(worstBy[valid ? 'valid' : 'invalid'], vsRaw.ratio);
  worstAlike = Math.min(worstAlike, vsAlike.ratio);
  rows.push([name, fmt(vsRaw.base), fmt(vsRaw.ours), fmt(vsRaw.ratio, 2), fmt(vsAlike.ratio, 2)]);
}
printTable(rows);
console.log(
  `validate: worst ratio ${fmt(worst, 2)}; valid ${fmt(worstBy.valid, 2)} (goal >= 1.00), invalid ${fmt(worstBy.invalid, 2)} (goal >= 0.80); like-for-like ${fmt(worstAlike, 2)}`,
);
