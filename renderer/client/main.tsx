/**
 * The browser entry: takes over the server-rendered form step. It compiles the form from the
 * validators generated at build time (no code generation, so `script-src 'self'` suffices) and
 * hydrates the same React tree the server rendered.
 */
import { hydrateRoot } from 'react-dom/client';
import { rounds } from 'indberet:validators';
import { compileForm } from '../../engine/compile-form.ts';
import type { JsonSchema } from '../../engine/types.ts';
import { createEngineValidator } from '../create-engine-validator.ts';
import { FORM_ROOT_ID, PAGE_DATA_ID, type FormPageData } from '../form-page-data.ts';
import { FormApp } from '../FormApp.tsx';
import { draftSaver } from './save-draft.ts';
import { sessionDraftStore } from './session-draft-store.ts';

type Validators = Record<string, ((data: unknown) => boolean) & { errors?: unknown }>;

/**
 * The form's precompiled validators: from the bundle for rounds that existed at build time, else
 * the module generated when the round was published in the admin pages (a same-origin script, so
 * still no code is evaluated in the browser).
 */
async function validatorsOf(page: FormPageData): Promise<Validators> {
  const bundled = rounds[page.roundId];
  if (bundled) return bundled[page.formName] ?? {};
  const url = `/static/runder/${encodeURIComponent(page.roundId)}/validators.js`;
  const mod = (await import(/* @vite-ignore */ url)) as { forms: Record<string, Validators> };
  return mod.forms[page.formName] ?? {};
}

async function start(): Promise<void> {
  const root = document.getElementById(FORM_ROOT_ID);
  const text = document.getElementById(PAGE_DATA_ID)?.textContent;
  if (!root || !text) return;
  const page = JSON.parse(text) as FormPageData;
  const validators = await validatorsOf(page);
  const at = (p: string) => validators[p];
  const form = compileForm(page.app.schema as JsonSchema, { precompiled: at as never, context: page.context, name: page.formName });
  const validator = createEngineValidator(form, (p) => {
    const fn = at(p);
    return fn ? (d) => fn(d) === true : undefined;
  });
  const deps = { form, validator, save: draftSaver(page.draftUrl, page.csrfToken), store: sessionDraftStore(page.draftUrl), navigate: (href: string) => window.location.assign(href) };
  hydrateRoot(root, <FormApp data={page.app} deps={deps} />);
}

void start();
