/**
 * Server render of the form page against a bare `renderToString` of the same rjsf Form (rjsf's own
 * theme and its ajv validator), sampled alternately in the same run; plus what a form page costs
 * the browser: the JavaScript it loads (the bundle and its round's validators, gzipped as served)
 * and the step's page data.
 * Usage: tsx bench/render.ts
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { loadRounds } from '../engine/node.ts';
import { buildClient } from '../renderer/build-client.ts';
import { FormPage, formStepData, renderDocument, renderFormApp, safeJson, sentPageData, stepsOf } from '../renderer/index.ts';
import { roundDataUrl } from '../server/rounds/index.ts';
import { compareRates, fmt, printTable } from './measure.ts';

const registry = await loadRounds('schemas');
const round = registry.round('2024')!;
const form = round.forms.get('maaltal')!;
const unit = (navn: string, k1: number, m1: number, k2: number, m2: number) => ({
  navn,
  niveau1: { kvinder: k1, maend: m1 },
  niveau2: { kvinder: k2, maend: m2 },
  tidligereMaal: { status: 'intet' },
  maaltal: { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2026 },
  politik: { findes: true, indhold: 'Rekruttering.', handlinger: 'Shortlister med begge køn.' },
});
// København's three departments: the largest form page a municipality sees.
const answers = { code: '0101', enheder: [unit('Økonomiforvaltningen', 0, 1, 1, 4), unit('Kultur- og Fritidsforvaltningen', 1, 0, 1, 5), unit('Teknik- og Miljøforvaltningen', 0, 1, 2, 5)] };
const steps = stepsOf(form);

// The first step of the 2024 form, as the service renders it for a respondent.
const STEP: Parameters<typeof formStepData>[0] = {
  form,
  round,
  lang: 'da',
  answers,
  version: 4,
  savedAt: '2024-05-01T08:42:00Z',
  step: 0,
  issues: [],
  stepHref: (i) => `/indberetning/2024/maaltal/trin/${i + 1}`,
  reviewHref: '/indberetning/2024/maaltal/gennemse',
  draftUrl: '/api/rounds/2024/forms/maaltal/submission',
  csrfToken: 'x'.repeat(43),
};

const page = (): string => {
  const data = formStepData(STEP);
  return renderDocument(
    createElement(FormPage, {
      user: { navn: 'Kontakt', organisation: 'København' },
      csrfToken: 'x'.repeat(43),
      organisation: 'København',
      formTitle: 'Indberetning af måltal og politik',
      roundTitle: 'Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2024',
      stepTitle: steps[0]!.title,
      steps: steps.map((s, i) => ({ title: s.title, href: `/trin/${i + 1}`, state: i === 0 ? ('current' as const) : ('todo' as const) })),
      formHtml: renderFormApp(data, form),
      dataJson: safeJson(sentPageData(data, roundDataUrl(round))),
      script: '/static/app.js',
    }),
  );
};

// The baseline: the same schema, ui schema as written and answers (computed values filled) through
// rjsf's own theme and its ajv validator (2020-12, as the schema declares).
const prepared = form.prepare(answers);
const validator = customizeValidator({ AjvClass: Ajv2020 as never, ajvOptionsOverrides: { strict: false } });
const BareForm = Form as unknown as Parameters<typeof createElement>[0];
const bareProps = { schema: form.schema, uiSchema: form.ui, formData: prepared, validator } as unknown as Record<string, unknown>;
const bare = (): string => renderToString(createElement(BareForm as 'div', bareProps));

const pageHtml = page();
const bareHtml = bare();
// Alternating samples, so a change in the machine's load falls on both alike.
const compared = compareRates(bare, page, 300, 15);
const pageOps = compared.ours;
const bareOps = compared.base;

const built = await buildClient({ schemasDir: 'schemas', outDir: 'dist' });
const js = await readFile(built.bundle);
const validators = await readFile(built.validators['2024']!);
const gzBundle = gzipSync(js, { level: 9 }).length;
const gzValidators = gzipSync(validators, { level: 9 }).length;
const gz = gzBundle + gzValidators;
// Browsers that accept brotli get the `.br` files the build wrote beside each file.
const brValidators = (await readFile(`${built.validators['2024']!}.br`)).length;
const br = built.brBytes + brValidators;
const pageData = Buffer.byteLength(safeJson(sentPageData(formStepData(STEP), roundDataUrl(round))));

printTable([
  ['render (København, 3 departments)', 'renders/s', 'ms each', 'HTML bytes'],
  ['form page (theme, shell, page data)', fmt(pageOps), fmt(1000 / pageOps, 2), fmt(pageHtml.length)],
  ['bare rjsf renderToString', fmt(bareOps), fmt(1000 / bareOps, 2), fmt(bareHtml.length)],
]);
console.log(`ratio (form page time / bare rjsf time): ${fmt(1 / compared.ratio, 2)} (median of 15 alternating pairs; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
console.log(`client bundle ${fmt(js.length / 1024, 1)} KiB (gzip ${fmt(gzBundle / 1024, 1)} KiB, brotli ${fmt(built.brBytes / 1024, 1)} KiB) + round 2024's validators ${fmt(validators.length / 1024, 1)} KiB (gzip ${fmt(gzValidators / 1024, 1)} KiB, brotli ${fmt(brValidators / 1024, 1)} KiB)`);
console.log(`JavaScript on a form page: gzipped ${fmt(gz / 1024, 1)} KB (goal <= 120 KB): ${gz <= 120 * 1024 ? 'ok' : 'OVER'}; as brotli ${fmt(br / 1024, 1)} KiB`);
console.log(`page data of a step: ${fmt(pageData / 1024, 1)} KB (goal <= 8 KB): ${pageData <= 8 * 1024 ? 'ok' : 'OVER'}`);
