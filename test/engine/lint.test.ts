import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRound, readRoundFiles, type LintIssue } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

type Edit = (schema: Record<string, any>) => void;

async function lintWith(file: string, edit: Edit): Promise<LintIssue[]> {
  const dir = await copySchemas();
  const target = path.join(dir, '2024', file);
  const json = JSON.parse(await readFile(target, 'utf8'));
  edit(json);
  await writeFile(target, JSON.stringify(json, null, 2));
  const { files, issues } = await readRoundFiles(path.join(dir, '2024'));
  return files ? lintRound(files).map((i) => ({ ...i, file: path.basename(i.file) })) : issues;
}

describe('lintRound', () => {
  it('finds nothing in the shipped round', async () => {
    const { files } = await readRoundFiles(path.resolve(import.meta.dirname, '../../schemas/2024'));
    expect(lintRound(files!)).toEqual([]);
  });

  it('finds a field\'s title behind a $ref whose fragment is percent-encoded', async () => {
    const issues = await lintWith('kontaktliste.schema.json', (s) => {
      s.$defs = { ...s.$defs, 'kontakt navn': s.properties.navn };
      s.properties.navn = { $ref: '#/$defs/kontakt%20navn' };
    });
    expect(issues).toEqual([]);
  });

  const cases: [string, string, Edit, LintIssue][] = [
    [
      'a field without a title',
      'kontaktliste.schema.json',
      (s) => delete s.properties.navn.title,
      { file: 'kontaktliste.schema.json', pointer: '/properties/navn', message: 'feltet "navn" mangler en dansk titel (title)' },
    ],
    [
      'an if whose then does nothing',
      'maaltal.schema.json',
      // Only a description: it requires nothing, shows no field and checks nothing (a show-only then adds properties).
      (s) => (s.$defs.tidligereMaal.then = { description: 'Begrundelsen' }),
      {
        file: 'maaltal.schema.json',
        pointer: '/$defs/tidligereMaal/then',
        message: '"then" gør ingenting: den kræver intet og tilføjer hverken felter eller begrænsninger, så betingelsen har ingen virkning',
      },
    ],
    [
      'an $id that does not match the path',
      'kontaktliste.schema.json',
      (s) => (s.$id = 'https://indberet.dk/schemas/2023/kontaktliste.schema.json'),
      { file: 'kontaktliste.schema.json', pointer: '/$id', message: '$id skal ende på "/2024/kontaktliste.schema.json"' },
    ],
    [
      'an unknown JSON-Logic operator',
      'maaltal.schema.json',
      (s) => (s.$defs.niveau.properties.antal['x-compute'] = { sum: [1, 2] }),
      { file: 'maaltal.schema.json', pointer: '/$defs/niveau/properties/antal/x-compute', message: 'ugyldig regel: unknown JSON-Logic operator "sum"' },
    ],
    [
      'a rule reading round data that does not exist',
      'maaltal.schema.json',
      (s) => (s.$defs.maaltal['x-rules'][0].rule = { '<=': [{ var: 'aar' }, { var: '$round.horisont' }] }),
      { file: 'maaltal.schema.json', pointer: '/$defs/maaltal/x-rules/0/rule', message: 'reglen læser "$round.horisont", som ikke findes i round.json' },
    ],
    [
      'references that lead back to the same value',
      'kontaktliste.schema.json',
      (s) => {
        s.$defs = { ...s.$defs, a: { allOf: [{ $ref: '#/$defs/b' }] }, b: { $ref: '#/$defs/a' } };
        s.properties.navn.allOf = [{ $ref: '#/$defs/a' }];
      },
      { file: 'kontaktliste.schema.json', pointer: '/$defs/b', message: 'henvisningerne ($ref, allOf …) fører i ring uden at gå et niveau ned, så intet svar kan kontrolleres' },
    ],
    [
      'a misspelt x- keyword',
      'kontaktliste.schema.json',
      (s) => (s.properties.navn['x-comptue'] = 1),
      { file: 'kontaktliste.schema.json', pointer: '/properties/navn/x-comptue', message: 'strict mode: unknown keyword: "x-comptue"' },
    ],
    [
      'a malformed x-rules entry',
      'kontaktliste.schema.json',
      (s) => delete s['x-rules'][0].message,
      { file: 'kontaktliste.schema.json', pointer: '/x-rules/0', message: "ugyldig værdi for x-rules: must have required property 'message'" },
    ],
    [
      'a keyword value the meta-schema rejects',
      'kontaktliste.schema.json',
      (s) => (s.properties.navn.minLength = 'one'),
      { file: 'kontaktliste.schema.json', pointer: '/properties/navn/minLength', message: 'must be integer (JSON Schema)' },
    ],
    [
      'a form whose root is not an object (answers are stored as one)',
      'kontaktliste.schema.json',
      (s) => delete s.type,
      { file: 'kontaktliste.schema.json', pointer: '/type', message: 'skemaets rod skal være "type": "object": svarene gemmes som et objekt' },
    ],
  ];
  for (const [name, file, edit, expected] of cases) {
    it(`flags ${name}, naming file and JSON Pointer`, async () => {
      expect(await lintWith(file, edit)).toContainEqual(expected);
    });
  }

  it('flags a round whose deadline name is not among its dates', async () => {
    const issues = await lintWith('round.json', (r) => (r.forms[1].frist = 'slutdato'));
    expect(issues).toContainEqual({ file: 'round.json', pointer: '/forms/1/frist', message: 'fristen "slutdato" findes ikke under "datoer"' });
  });
});
