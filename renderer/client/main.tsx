/**
 * The browser entry: takes over the server-rendered form step. It compiles the form from its
 * round's precompiled validators (no code generation, so `script-src 'self'` suffices) and
 * hydrates the same React tree the server rendered.
 */
import { hydrateRoot } from 'react-dom/client';
import { compileForm } from '../../engine/compile-form.ts';
import type { JsonSchema } from '../../engine/types.ts';
import { createEngineValidator } from '../create-engine-validator.ts';
import { FORM_ROOT_ID, PAGE_DATA_ID, type FormPageData } from '../form-page-data.ts';
import { joinPageData, type RoundPageData, type SentPageData } from '../round-page-data.ts';
import { FormApp } from '../FormApp.tsx';
import { draftReader } from './draft-reader.ts';
import { draftSaver } from './save-draft.ts';
import { sessionDraftStore } from './session-draft-store.ts';

type Validators = Record<string, ((data: unknown) => boolean) & { errors?: unknown }>;

/**
 * The form's precompiled validators: only this page's round, from the module the server generated
 * for it (a same-origin script, so still no code is evaluated in the browser). Other rounds'
 * validators are never downloaded.
 */
async function validatorsOf(page: SentPageData): Promise<Validators> {
  const url = page.validatorsUrl ?? `/static/runder/${encodeURIComponent(page.roundId)}/validators.js`;
  const mod = (await import(/* @vite-ignore */ url)) as { forms: Record<string, Validators> };
  return mod.forms[page.formName] ?? {};
}

async function start(): Promise<void> {
  const root = document.getElementById(FORM_ROOT_ID);
  const text = document.getElementById(PAGE_DATA_ID)?.textContent;
  if (!root || !text) return;
  const sent = JSON.parse(text) as SentPageData;
  // The round's validators and its shared page data (schema, tables) arrive side by side, each
  // cached by the browser for as long as the round is unchanged.
  const [validators, shared] = await Promise.all([
    validatorsOf(sent),
    fetch(sent.roundDataUrl, { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error(`${sent.roundDataUrl}: ${r.status}`);
      return r.json() as Promise<RoundPageData>;
    }),
  ]);
  const page: FormPageData = joinPageData(sent, shared);
  const at = (p: string) => validators[p];
  const form = compileForm(page.app.schema as JsonSchema, { precompiled: at as never, context: page.context, name: page.formName });
  const validator = createEngineValidator(form, (p) => {
    const fn = at(p);
    return fn ? (d) => fn(d) === true : undefined;
  });
  const deps = { form, validator, save: draftSaver(page.draftUrl, page.csrfToken), store: sessionDraftStore(page.draftUrl), load: draftReader(page.draftUrl), navigate: (href: string) => window.location.assign(href) };
  hydrateRoot(root, <FormApp data={page.app} deps={deps} />);
}

void start();
