import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRound, lintRound, readRoundFiles, shiftRoundTexts } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

describe('round copy carries every localised text', () => {
  it('moves the year on in the English title as in the Danish one, and the copy lints clean', async () => {
    const dir = await copySchemas();
    await copyRound(dir, '2025', '2026');
    const round = JSON.parse(await readFile(path.join(dir, '2026', 'round.json'), 'utf8'));
    expect(round.title).toBe('Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2026');
    expect(round['x-en'].title).toBe('Target figures and policies for gender composition in municipal top management 2026');
    const { files } = await readRoundFiles(path.join(dir, '2026'));
    expect(lintRound(files!)).toEqual([]);
  });

  it('moves it in every title, description and x-en string at any depth, and nowhere else', async () => {
    const dir = await copySchemas();
    const file = path.join(dir, '2025', 'round.json');
    const round = JSON.parse(await readFile(file, 'utf8'));
    round.respondents.attributes.regionsnavn = { title: 'Region i 2025', 'x-en': { title: 'Region in 2025' } };
    round.forms[1].title = 'Indberetning 2025';
    round.forms[1]['x-en'] = { title: 'Report 2025', description: 'Targets set in 2025' };
    round.sammenligning.beskrivelse = 'Opgørelsen fra 2025 (sag 120255)';
    await writeFile(file, JSON.stringify(round, null, 2));
    await copyRound(dir, '2025', '2026');
    const copy = JSON.parse(await readFile(path.join(dir, '2026', 'round.json'), 'utf8'));
    expect(copy.respondents.attributes.regionsnavn).toEqual({ title: 'Region i 2026', 'x-en': { title: 'Region in 2026' } });
    expect(copy.forms[1]).toMatchObject({ title: 'Indberetning 2026', 'x-en': { title: 'Report 2026', description: 'Targets set in 2026' } });
    // Round data may name a past fact: its year stays.
    expect(copy.sammenligning.beskrivelse).toBe('Opgørelsen fra 2025 (sag 120255)');
    expect(copy.retsgrundlag).toBe(round.retsgrundlag);
  });

  it('moves it in the schemas\' and ui files\' texts too, as the admin\'s copy does', async () => {
    const dir = await copySchemas();
    const schemaFile = path.join(dir, '2025', 'maaltal.schema.json');
    const schema = JSON.parse(await readFile(schemaFile, 'utf8'));
    schema['x-en'].title = 'Report 2025';
    schema.properties.kontakt.description = 'Kontakt i 2025';
    await writeFile(schemaFile, JSON.stringify(schema, null, 2));
    const uiFile = path.join(dir, '2025', 'maaltal.ui.json');
    const ui = JSON.parse(await readFile(uiFile, 'utf8'));
    ui.kontakt = { ...ui.kontakt, 'ui:help': 'Som i 2025' };
    await writeFile(uiFile, JSON.stringify(ui, null, 2));
    await copyRound(dir, '2025', '2026');
    const copy = JSON.parse(await readFile(path.join(dir, '2026', 'maaltal.schema.json'), 'utf8'));
    expect(copy['x-en'].title).toBe('Report 2026');
    expect(copy.properties.kontakt.description).toBe('Kontakt i 2026');
    // A year in a description that is not the round's stays.
    expect(copy.description).toBe(schema.description);
    expect(JSON.parse(await readFile(path.join(dir, '2026', 'maaltal.ui.json'), 'utf8')).kontakt['ui:help']).toBe('Som i 2026');
    // The source folder is untouched.
    expect(JSON.parse(await readFile(schemaFile, 'utf8'))['x-en'].title).toBe('Report 2025');
  });

  it('replaces the year only where it stands as a whole number', () => {
    const settings = { title: 'Runde 2024, j.nr. 20241', 'x-en': { title: 'Round 2024', words: ['2024', 'x2024y'] }, note: '2024' };
    expect(shiftRoundTexts(settings, '2024', '2025')).toEqual({ title: 'Runde 2025, j.nr. 20241', 'x-en': { title: 'Round 2025', words: ['2025', 'x2025y'] }, note: '2024' });
    expect(settings.title).toBe('Runde 2024, j.nr. 20241');
    expect(shiftRoundTexts(settings, '2024', '2024')).toBe(settings);
  });
});
