import type { ReactElement } from 'react';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import type { CompiledForm } from '../engine/index.ts';
import type { FormPageData } from './form-page-data.ts';
import { FormApp } from './FormApp.tsx';
import { serverValidator } from './server-validator.ts';
import { DEFAULT_SHELL, ShellContext, type Shell } from './pages/shell.ts';

/**
 * A whole page as HTML text.
 * @param page a page element (`<html>` at its root)
 * @param shell the words of the page shell (the round's, or the rounds' common ones)
 * @returns the document with its doctype
 */
export function renderDocument(page: ReactElement, shell: Shell = DEFAULT_SHELL): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(<ShellContext.Provider value={shell}>{page}</ShellContext.Provider>)}`;
}

/**
 * The form step's markup for the browser to hydrate (`renderToString`, so React can take it over).
 * @param data the page data
 * @param form the compiled form from the registry
 * @returns the form's HTML
 */
export function renderFormApp(data: FormPageData, form: CompiledForm): string {
  return renderToString(<FormApp data={data.app} deps={{ form, validator: serverValidator(form) }} />);
}
