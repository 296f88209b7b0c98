import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../engine/index.ts';
import {
  buildUiSchema,
  constTitles,
  fieldId,
  formatClock,
  formatDateTime,
  formatValue,
  formSections,
  issuesToErrorSchema,
  localizeSchema,
  safeJson,
  schemaAt,
  summaryItems,
} from '../../renderer/index.ts';
import { keepPruned } from '../../renderer/keep-pruned.ts';
import { isHeldBack, undecidedKeys } from '../../renderer/undecided-keys.ts';
import { round2024, unit } from './helpers.ts';

describe('renderer helpers', () => {
  it('maps JSON Pointers to rjsf ids and nested error schemas', () => {
    expect(fieldId('/enheder/2/maaltal/aar')).toBe('root_enheder_2_maaltal_aar');
    expect(fieldId('/a~1b')).toBe('root_a/b');
    const es = issuesToErrorSchema([
      { path: '/enheder/0/navn', keyword: 'minLength', message: 'Skal udfyldes.' },
      { path: '/enheder/0/navn', keyword: 'minLength', message: 'Skal udfyldes.' },
      { path: '/kontakt/email', keyword: 'format', message: 'Skriv en gyldig e-mailadresse.' },
    ]) as Record<string, any>;
    expect(es.enheder[0].navn.__errors).toEqual(['Skal udfyldes.']);
    expect(es.kontakt.email.__errors).toEqual(['Skriv en gyldig e-mailadresse.']);
  });

  it('keeps unknown answers named like Object.prototype keys or rjsf\'s own list in their place', () => {
    const es = issuesToErrorSchema([
      { path: '/__proto__', keyword: 'additionalProperties', message: 'Feltet er ukendt.' },
      { path: '/kontakt/__proto__/x', keyword: 'type', message: 'Skal være tekst.' },
      { path: '/kontakt/__errors', keyword: 'additionalProperties', message: 'Feltet er ukendt.' },
    ]) as Record<string, any>;
    expect(({} as Record<string, unknown>).__errors).toBeUndefined();
    expect(Object.getPrototypeOf(es)).toBe(Object.prototype);
    expect(Object.hasOwn(es, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(es, '__proto__')!.value.__errors).toEqual(['Feltet er ukendt.']);
    expect(Object.getOwnPropertyDescriptor(es.kontakt, '__proto__')!.value.x.__errors).toEqual(['Skal være tekst.']);
    expect(es.kontakt.__errors).toEqual(['Feltet er ukendt.']);
  });

  it('splits the maaltal form into a step per group and skips the fixed municipality code', async () => {
    const { maaltal, kontaktliste } = await round2024();
    expect(formSections(maaltal.schema as JsonSchema, maaltal.ui as JsonSchema).map((s) => s.fields)).toEqual([['enheder'], ['kontakt']]);
    expect(formSections(kontaktliste.schema as JsonSchema, kontaktliste.ui as JsonSchema).map((s) => s.fields)).toEqual([
      ['kommunekode', 'regionskode', 'navn', 'email', 'telefon'],
    ]);
  });

  it('finds subschemas through $ref and conditional branches', async () => {
    const { maaltal } = await round2024();
    const s = maaltal.schema as JsonSchema;
    expect(schemaAt(s, '/enheder/0/maaltal/aar')?.title).toBe('År hvor måltallet skal være nået');
    expect(schemaAt(s, '/enheder/0/politik/begrundelse')?.title).toBe('Hvorfor har kommunen ikke en politik?');
    expect(schemaAt(s, '/enheder/0/niveau2/kvinder')?.title).toBe('Antal kvinder');
    expect(schemaAt(s, '/nope')).toBeUndefined();
    const encoded = { $defs: { 'to ord': { type: 'string', title: 'To ord' } }, type: 'object', properties: { x: { $ref: '#/$defs/to%20ord' } } } as JsonSchema;
    expect(schemaAt(encoded, '/x')?.title).toBe('To ord');
  });

  it('turns table labels into ui:enumNames and computed fields into text, and hides other steps', async () => {
    const { maaltal, kontaktliste } = await round2024();
    const ui = buildUiSchema(kontaktliste.schema as JsonSchema, kontaktliste.ui as JsonSchema) as Record<string, any>;
    expect(ui.regionskode['ui:enumNames']).toContain('Region Hovedstaden');
    expect(ui.kommunekode['ui:enumNames']).toHaveLength(98);
    const m = buildUiSchema(maaltal.schema as JsonSchema, maaltal.ui as JsonSchema, { fields: ['kontakt'] }) as Record<string, any>;
    expect(m.enheder['ui:field']).toBe('omitted');
    expect(m.enheder.items.andelKvinder['ui:widget']).toBe('computed');
    expect(m.enheder.items.niveau1.antal['ui:widget']).toBe('computed');
    expect(m.enheder.items.niveau1.ligelig['ui:widget']).toBe('hidden');
    expect(m.enheder.items.maaltal.koen['ui:widget']).toBe('radio');
    expect(m.kontakt['ui:field']).toBeUndefined();
  });

  it('holds back conditional fields until the deciding answer or the figures are in', async () => {
    const { maaltal } = await round2024();
    const s = maaltal.schema as JsonSchema;
    expect([...undecidedKeys(schemaAt(s, '/enheder/0/maaltal'), {})].sort()).toEqual(['aar', 'andel', 'antal', 'begrundelse', 'koen']);
    expect(undecidedKeys(schemaAt(s, '/enheder/0/maaltal'), { fastsat: false }).size).toBe(0);
    const enhed = schemaAt(s, '/enheder/0');
    // Equal composition is computed; without the figures it is not yet an answer.
    const partial = maaltal.prepare({ enheder: [{ navn: 'x', niveau1: { kvinder: 1, maend: 0 } }] }) as { enheder: unknown[] };
    expect([...undecidedKeys(enhed, partial.enheder[0])].sort()).toEqual(['maaltal', 'politik']);
    const full = maaltal.prepare({ enheder: [unit('x', [0, 1, 1, 4])] }) as { enheder: unknown[] };
    expect(undecidedKeys(enhed, full.enheder[0]).size).toBe(0);
  });

  it('keeps answers the engine set aside, but never stale computed values', async () => {
    const { maaltal } = await round2024();
    const s = maaltal.schema as JsonSchema;
    const typed = { enheder: [unit('x', [1, 0, 2, 2], { maaltal: { fastsat: false, begrundelse: 'Tekst' }, andelKvinder: 99 })] };
    const prepared = maaltal.prepare(typed);
    const shown = keepPruned(prepared, typed, s) as { enheder: Array<Record<string, unknown>> };
    expect(shown.enheder[0]!.ligelig).toBe(true);
    expect(shown.enheder[0]!.maaltal).toEqual({ fastsat: false, begrundelse: 'Tekst' });
    expect(shown.enheder[0]!.andelKvinder).toBe(60);
    const cleared = { enheder: [{ navn: 'x', niveau1: { kvinder: 1 }, kvinder: 5, antal: 9 }] };
    const out = keepPruned(maaltal.prepare(cleared), cleared, s) as { enheder: Array<Record<string, unknown>> };
    expect(out.enheder[0]!.kvinder).toBeUndefined();
    expect(out.enheder[0]!.antal).toBeUndefined();
  });

  it('writes summary lines that say which unit and field an issue is about', async () => {
    const { maaltal } = await round2024();
    const items = summaryItems(
      [
        { path: '/enheder/1/maaltal/antal', keyword: 'required', message: '«Måltal som antal personer» skal udfyldes.' },
        { path: '/enheder/0/niveau1/kvinder', keyword: 'minimum', message: 'Skal være mindst 0.' },
      ],
      maaltal.schema as JsonSchema,
    );
    expect(items[0]).toEqual({
      href: '#root_enheder_1_maaltal_antal',
      text: 'Ledelsesenhed 2, Måltal for det underrepræsenterede køn: «Måltal som antal personer» skal udfyldes.',
    });
    expect(items[1]!.text).toBe('Ledelsesenhed 1, Niveau 1, Antal kvinder: Skal være mindst 0.');
  });

  it('formats times in the round zone and values for reading', async () => {
    const { maaltal } = await round2024();
    expect(formatClock('2024-05-01T08:42:00Z', 'Europe/Copenhagen')).toBe('10:42');
    expect(formatClock('2024-01-15T08:42:00Z', 'Europe/Copenhagen')).toBe('09:42');
    expect(formatDateTime('2024-05-31T21:59:00Z', 'Europe/Copenhagen')).toBe('31. maj 2024 kl. 23:59');
    const titles = constTitles(maaltal.schema as JsonSchema);
    expect(titles.maend).toBe('Mænd');
    expect(formatValue(2026, undefined, titles)).toBe('2026');
    expect(formatValue(16.66, undefined, titles)).toBe('16,7');
    expect(formatValue(true, undefined, titles)).toBe('Ja');
    expect(formatValue('ikkeOpfyldt', schemaAt(maaltal.schema as JsonSchema, '/enheder/0/tidligereMaal/status'), titles)).toBe('Nej, måltallet er ikke opfyldt');
    // Answers named like Object.prototype's keys are text (a draft holding "__proto__" broke the review page).
    for (const text of ['__proto__', 'toString', 'constructor']) {
      expect(formatValue(text, undefined, titles)).toBe(text);
      expect(formatValue(text, undefined, {})).toBe(text);
    }
    const odd = constTitles({ oneOf: [{ const: '__proto__', title: 'P' }, { const: 'toString', title: 'T' }] });
    expect(Object.keys(odd)).toEqual(['__proto__', 'toString']);
    expect(formatValue('__proto__', undefined, odd)).toBe('P');
    expect(formatValue('toString', undefined, odd)).toBe('T');
  });

  it('offers English where the schema has it, Danish elsewhere', async () => {
    const { maaltal } = await round2024();
    const en = localizeSchema(maaltal.schema as JsonSchema, 'en');
    expect(schemaAt(en, '/kontakt')?.title).toBe('Contact person for the report');
    expect(schemaAt(en, '/enheder/0/maaltal/aar')?.title).toBe('Year by which the target is to be reached');
    // A copy rjsf may write into: the compiled schema is deep-frozen.
    const da = localizeSchema(maaltal.schema as JsonSchema, 'da');
    expect(da).toEqual(maaltal.schema);
    expect(da).not.toBe(maaltal.schema);
    expect(Object.isFrozen(da) || Object.isFrozen(da.properties)).toBe(false);
  });

  it('escapes user text in page data so it cannot end the script element', () => {
    const text = safeJson({ navn: '</script><script>alert(1)</script>&\u2028' });
    expect(text).not.toContain('<');
    expect(text).not.toContain('>');
    expect(JSON.parse(text)).toEqual({ navn: '</script><script>alert(1)</script>&\u2028' });
  });
});

describe('issues about questions not yet asked', () => {
  it('are recognised as held back until the figures decide', async () => {
    const { maaltal } = await round2024();
    const s = maaltal.schema as JsonSchema;
    const noFigures = maaltal.prepare({ enheder: [{ navn: 'x' }] });
    expect(isHeldBack(s, noFigures, '/enheder/0/maaltal')).toBe(true);
    expect(isHeldBack(s, noFigures, '/enheder/0/niveau1')).toBe(false);
    const notEqual = maaltal.prepare({ enheder: [unit('x', [0, 1, 1, 4], { maaltal: {} })] });
    expect(isHeldBack(s, notEqual, '/enheder/0/maaltal')).toBe(false);
    expect(isHeldBack(s, notEqual, '/enheder/0/maaltal/begrundelse')).toBe(true);
  });
});
