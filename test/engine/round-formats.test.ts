import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileForm, lintRound, loadRound, precompiledKey, precompileForms, readRoundFiles, type Round } from '../../engine/node.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/rounds/2025-trivsel');
const ROOT = path.resolve(import.meta.dirname, '../..');
const made: string[] = [];

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** A copy of the fixture round whose contact-list form has the given `formats` setting (none: the default). */
async function roundWith(formats?: unknown): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'indberet-formats-')), '2025-trivsel');
  made.push(path.dirname(dir));
  await cp(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'round.json');
  const settings = JSON.parse(await readFile(file, 'utf8'));
  if (formats !== undefined) settings.forms[0].formats = formats;
  await writeFile(file, JSON.stringify(settings, null, 2));
  return dir;
}

/** The browser's verdict: the round's precompiled validators, imported as the page imports them. */
async function browserForm(round: Round, name: string) {
  // Beside node_modules, so the generated module's imports of ajv's runtime resolve.
  const dir = await mkdtemp(path.join(ROOT, '.precompiled-'));
  made.push(dir);
  const file = path.join(dir, 'validators.mjs');
  await writeFile(file, precompileForms([...round.forms.values()]));
  const { validators } = (await import(file)) as { validators: Record<string, never> };
  const form = round.forms.get(name)!;
  return compileForm(form.schema, {
    context: { $round: round.settings, $tables: round.tables },
    precompiled: (p) => validators[precompiledKey(name, p)],
  });
}

const ANSWER = { institutionsnummer: '280001', navn: 'Anne Skov', email: 'ikke-en-email' };

describe('a round form\'s "formats" setting', () => {
  it('by default asserts formats: server and browser refuse a value that is no e-mail', async () => {
    const round = await loadRound(await roundWith());
    const server = round.forms.get('kontaktliste')!;
    expect(server.formats).toBe('assert');
    const verdict = server.validate(ANSWER);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.issues.map((i) => [i.path, i.keyword])).toEqual([['/email', 'format']]);
    expect((await browserForm(round, 'kontaktliste')).validate(ANSWER)).toEqual(verdict);
    // A real address passes, so the refusal is the format's.
    expect(server.validate({ ...ANSWER, email: 'anne@skov.dk' }).ok).toBe(true);
  });

  it('"assert" said out loud is the default', async () => {
    const round = await loadRound(await roundWith('assert'));
    expect(round.forms.get('kontaktliste')!.validate(ANSWER).ok).toBe(false);
  });

  it('"annotate" makes format describe the value only, on the server and in the precompiled validators', async () => {
    const round = await loadRound(await roundWith('annotate'));
    const server = round.forms.get('kontaktliste')!;
    expect(server.formats).toBe('annotate');
    expect(server.validate(ANSWER)).toEqual({ ok: true, value: ANSWER });
    const browser = await browserForm(round, 'kontaktliste');
    expect(browser.validate(ANSWER)).toEqual({ ok: true, value: ANSWER });
    // Every other keyword still decides: a missing name is refused on both sides.
    const { navn: _, ...nameless } = ANSWER;
    const refused = server.validate(nameless);
    expect(refused.ok).toBe(false);
    expect(browser.validate(nameless)).toEqual(refused);
    // The round's other form keeps asserting, in the same round and the same validators module.
    const trivsel = round.forms.get('trivsel')!;
    expect(trivsel.formats).toBe('assert');
  });

  it('lets a form that only annotates use a format the engine does not know; a form that asserts formats is refused by the lint', async () => {
    const lintWith = async (formats?: string) => {
      const dir = await roundWith(formats);
      const file = path.join(dir, 'kontaktliste.schema.json');
      const schema = JSON.parse(await readFile(file, 'utf8'));
      // A format other tools define (rjsf's file upload) that ajv-formats does not know.
      schema.properties.bilag = { type: 'string', title: 'Bilag', format: 'data-url' };
      await writeFile(file, JSON.stringify(schema));
      const uiFile = path.join(dir, 'kontaktliste.ui.json');
      const ui = JSON.parse(await readFile(uiFile, 'utf8'));
      ui['ui:order'] = [...ui['ui:order'], 'bilag'];
      await writeFile(uiFile, JSON.stringify(ui));
      const { files } = await readRoundFiles(dir);
      return { dir, issues: lintRound(files!).map((i) => `${path.basename(i.file)}#${i.pointer}: ${i.message}`) };
    };
    expect((await lintWith()).issues).toEqual([expect.stringMatching(/^kontaktliste\.schema\.json#\/properties\/bilag: unknown format "data-url"/)]);
    const annotated = await lintWith('annotate');
    expect(annotated.issues).toEqual([]);
    const round = await loadRound(annotated.dir);
    expect(round.forms.get('kontaktliste')!.validate({ ...ANSWER, bilag: 'hvad som helst' }).ok).toBe(true);
  });

  it('refuses a value other than "assert" or "annotate" in the lint', async () => {
    const { files } = await readRoundFiles(await roundWith('ja'));
    const issues = lintRound(files!);
    expect(issues.map((i) => [path.basename(i.file), i.pointer])).toEqual([['round.json', '/forms/0/formats']]);
  });
});
