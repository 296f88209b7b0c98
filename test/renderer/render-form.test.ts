import { describe, expect, it } from 'vitest';
import { formStepData, renderFormApp, type FormStepInput } from '../../renderer/index.ts';
import { round2024, unit } from './helpers.ts';

async function render(answers: unknown, extra: Partial<FormStepInput> = {}): Promise<string> {
  const { round, maaltal } = await round2024();
  const data = formStepData({
    form: maaltal,
    round,
    lang: 'da',
    answers,
    version: 3,
    savedAt: '2024-05-01T08:42:00Z',
    step: 0,
    issues: [],
    stepHref: (i) => `/trin/${i + 1}`,
    reviewHref: '/gennemse',
    draftUrl: '/api/x',
    csrfToken: 't',
    ...extra,
  });
  return renderFormApp(data, maaltal);
}

describe('the form rendered on the server', () => {
  it('asks a unit whose composition is not equal for a target and a policy, and an equal one for neither', async () => {
    const html = await render({ kommunekode: '0101', enheder: [unit('Ikke ligelig', [0, 1, 1, 4]), unit('Ligelig', [1, 0, 2, 2])] });
    expect(html).toContain('id="root_enheder_0_maaltal_fastsat"');
    expect(html).toContain('id="root_enheder_0_politik_findes"');
    expect(html).not.toContain('root_enheder_1_maaltal');
    expect(html).not.toContain('root_enheder_1_politik');
    expect(html).toMatch(/<output id="root_enheder_1_ligelig"[^>]*>Ja<\/output>/);
    expect(html).toMatch(/<output id="root_enheder_0_andelKvinder"[^>]*>16,7<\/output>/);
    expect(html).not.toMatch(/<input[^>]*id="root_enheder_0_andelKvinder"/);
  });

  it('offers "Tilføj forvaltning" only where the page allows departments', async () => {
    const answers = { kommunekode: '0147', enheder: [unit('Frederiksberg', [0, 1, 1, 4])] };
    expect(await render(answers)).toContain('Tilføj forvaltning');
    const single = await render(answers, { uiOverrides: { enheder: { 'ui:options': { addable: false, removable: false } } } });
    expect(single).not.toContain('Tilføj forvaltning');
    expect(single).not.toContain('Fjern');
  });

  it('puts server issues at their fields, described by their message, and in the summary', async () => {
    const html = await render(
      { kommunekode: '0147', enheder: [unit('F', [0, 1, 1, 4], { maaltal: { fastsat: true, koen: 'kvinder', andel: 40, aar: 2026 } })] },
      {
        issues: [
          { path: '/enheder/0/maaltal/antal', keyword: 'required', message: '«Måltal som antal personer» skal udfyldes.' },
          { path: '/kontakt', keyword: 'required', message: 'Uden for dette trin.' },
        ],
      },
    );
    expect(html).toContain('id="root_enheder_0_maaltal_antal__error"');
    expect(html).toMatch(/<input[^>]*id="root_enheder_0_maaltal_antal"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<input[^>]*id="root_enheder_0_maaltal_antal"[^>]*aria-describedby="root_enheder_0_maaltal_antal__error"/);
    expect(html).toContain('href="#root_enheder_0_maaltal_antal"');
    expect(html).toContain('Der er 1 fejl, som skal rettes');
    expect(html).not.toContain('Uden for dette trin.');
  });

  it('escapes what respondents write', async () => {
    const html = await render({ kommunekode: '0147', enheder: [unit('<img src=x onerror=alert(1)>', [0, 1, 1, 4])] });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows when the draft was last saved, in the round time zone', async () => {
    expect(await render({ kommunekode: '0147', enheder: [{}] })).toContain('Gemt kl. 10:42');
  });
});

describe('the form in English', () => {
  it('uses the schema’s English titles and English interface text, Danish where no translation exists', async () => {
    const { round, maaltal } = await round2024();
    const data = formStepData({
      form: maaltal,
      round,
      lang: 'en',
      answers: { kommunekode: '0147', enheder: [unit('F', [0, 1, 1, 4])] },
      version: 1,
      savedAt: '2024-05-01T08:42:00Z',
      step: 0,
      issues: [],
      stepHref: (i) => `/trin/${i + 1}?lang=en`,
      reviewHref: '/gennemse',
      draftUrl: '/api/x',
      csrfToken: 't',
    });
    const html = renderFormApp(data, maaltal);
    expect(html).toContain('Level 1: the top leader');
    expect(html).toContain('Share of women (per cent)');
    expect(html).toContain('Saved at 10:42');
    expect(html).toContain('Save and continue');
    expect(html).toContain('>Yes<');
    expect(data.app.nextHref).toBe('/trin/2?lang=en');
  });
});
