import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRound, lintUi, readRoundFiles, type JsonSchema, type LintIssue } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

type Edit = (json: Record<string, any>) => void;

/** Lints a copy of 2024 after editing some of its files; file names are shown without their folder. */
async function lintWith(edits: Record<string, Edit>): Promise<LintIssue[]> {
  const dir = await copySchemas();
  for (const [name, edit] of Object.entries(edits)) {
    const file = path.join(dir, '2024', name);
    const json = JSON.parse(await readFile(file, 'utf8'));
    edit(json);
    await writeFile(file, JSON.stringify(json, null, 2));
  }
  const { files, issues } = await readRoundFiles(path.join(dir, '2024'));
  return files ? lintRound(files).map((i) => ({ ...i, file: path.basename(i.file) })) : issues;
}

describe('lint compares ui:order with the schema', () => {
  it('flags an entry naming no property of its object, by JSON Pointer into the ui file', async () => {
    const issues = await lintWith({ 'maaltal.ui.json': (ui) => (ui.enheder.items.maaltal['ui:order'][4] = 'aarstal') });
    expect(issues).toEqual([
      { file: 'maaltal.ui.json', pointer: '/enheder/items/maaltal/ui:order/4', message: '"ui:order" nævner "aarstal", som ikke er et felt i skemaet' },
      { file: 'maaltal.ui.json', pointer: '/enheder/items/maaltal/ui:order', message: '"ui:order" mangler "aar"; tilføj feltet eller "*"' },
    ]);
  });

  it('flags a property missing from a ui:order without "*", counting the properties a then adds', async () => {
    const issues = await lintWith({
      'maaltal.schema.json': (s) => (s.properties.kontakt.properties.afdeling = { type: 'string', title: 'Afdeling' }),
      // "begrundelse" lives in the politik's else branch: rjsf renders it when that branch is taken.
      'maaltal.ui.json': (ui) => (ui.enheder.items.politik['ui:order'] = ['findes', 'indhold', 'handlinger']),
    });
    expect(issues).toEqual([
      { file: 'maaltal.ui.json', pointer: '/enheder/items/politik/ui:order', message: '"ui:order" mangler "begrundelse"; tilføj feltet eller "*"' },
      { file: 'maaltal.ui.json', pointer: '/kontakt/ui:order', message: '"ui:order" mangler "afdeling"; tilføj feltet eller "*"' },
    ]);
  });

  it('accepts "*" for the rest, and flags a second "*" and a repeated name', async () => {
    expect(await lintWith({ 'maaltal.ui.json': (ui) => (ui.kontakt['ui:order'] = ['navn', '*']) })).toEqual([]);
    expect(await lintWith({ 'maaltal.ui.json': (ui) => (ui.kontakt['ui:order'] = ['*', 'navn', 'navn', '*']) })).toEqual([
      { file: 'maaltal.ui.json', pointer: '/kontakt/ui:order/2', message: '"ui:order" nævner "navn" mere end én gang' },
      { file: 'maaltal.ui.json', pointer: '/kontakt/ui:order/3', message: '"ui:order" må kun have ét "*"' },
    ]);
  });

  it('flags a ui key that names no field, so its hints are not silently lost', async () => {
    const issues = await lintWith({
      'kontaktliste.ui.json': (ui) => (ui.emial = { 'ui:widget': 'email' }),
      'maaltal.ui.json': (ui) => {
        ui.enheder.navn = { 'ui:widget': 'textarea' };
        ui.kontakt.email.format = { 'ui:widget': 'textarea' };
      },
    });
    expect(issues).toEqual([
      { file: 'kontaktliste.ui.json', pointer: '/emial', message: '"emial" er ikke et felt i skemaet' },
      { file: 'maaltal.ui.json', pointer: '/enheder/navn', message: '"navn" passer ikke til en liste: ui-angivelser for elementerne står under "items"' },
      { file: 'maaltal.ui.json', pointer: '/kontakt/email/format', message: '"format" passer ikke: feltet har ingen underfelter' },
    ]);
  });

  it('follows $ref, allOf and branches, and ends on a recursive schema', () => {
    const schema: JsonSchema = {
      type: 'object',
      $defs: { node: { type: 'object', properties: { navn: { type: 'string' }, under: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      allOf: [{ properties: { a: { type: 'string' } } }, { $ref: '#' }],
      properties: { rod: { $ref: '#/$defs/node' } },
    };
    const ui = { 'ui:order': ['rod', 'a'], rod: { 'ui:order': ['navn', 'under'], under: { items: { 'ui:order': ['navn'] } } } };
    expect(lintUi(schema, ui)).toEqual([{ pointer: '/rod/under/items/ui:order', message: '"ui:order" mangler "under"; tilføj feltet eller "*"' }]);
  });
});

describe('lint allows a show-only then and refuses an empty one', () => {
  it('allows a then that only adds properties to show', async () => {
    const issues = await lintWith({
      'maaltal.schema.json': (s) => (s.$defs.tidligereMaal.then = { properties: s.$defs.tidligereMaal.then.properties }),
    });
    expect(issues).toEqual([]);
  });

  it('allows an else that only adds a constraint, and an if with only an else', async () => {
    const issues = await lintWith({
      'maaltal.schema.json': (s) => {
        s.properties.kontakt.if = { type: 'object', properties: { navn: { const: '' } }, required: ['navn'] };
        s.properties.kontakt.else = { maxProperties: 3 };
        const { begrundelse } = s.$defs.tidligereMaal.then.properties;
        delete s.$defs.tidligereMaal.then;
        s.$defs.tidligereMaal.if = { type: 'object', properties: { status: { enum: ['ingen', 'naaet'] } }, required: ['status'] };
        s.$defs.tidligereMaal.else = { required: ['begrundelse'], properties: { begrundelse } };
      },
    });
    expect(issues).toEqual([]);
  });

  it('refuses a branch that requires nothing, adds no property and no constraint, and an if with no branch', async () => {
    const issues = await lintWith({
      'maaltal.schema.json': (s) => {
        s.properties.kontakt.if = { type: 'object', properties: { navn: { const: '' } }, required: ['navn'] };
        s.properties.kontakt.then = { maxProperties: 3 };
        s.properties.kontakt.else = { title: 'Ingen krav', required: [], properties: {} };
      },
      'kontaktliste.schema.json': (s) => (s.if = { type: 'object', required: ['navn'] }),
    });
    expect(issues).toContainEqual({
      file: 'maaltal.schema.json',
      pointer: '/properties/kontakt/else',
      message: '"else" gør ingenting: den kræver intet og tilføjer hverken felter eller begrænsninger, så betingelsen har ingen virkning',
    });
    expect(issues).toContainEqual({ file: 'kontaktliste.schema.json', pointer: '/if', message: '"if" har hverken "then" eller "else": betingelsen har ingen virkning' });
    expect(issues.filter((i) => i.pointer.startsWith('/properties/kontakt/'))).toHaveLength(1);
  });
});
