import type { ReactElement } from 'react';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import type { CompiledForm } from '../engine/index.ts';
import type { FormPageData } from './form-page-data.ts';
import { FormApp } from './FormApp.tsx';
import { serverValidator } from './server-validator.ts';

/**
 * A whole page as HTML text.
 * @param page a page element (`<html>` at its root)
 * @returns the document with its doctype
 */
export function renderDocument(page: ReactElement): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
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
