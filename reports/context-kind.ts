import type { TemplateSource } from './read-template-files.ts';

/** The contexts a template can be rendered with: the memo's figures, the published table, one respondent's report. */
export const CONTEXT_KINDS = ['notat', 'tabel', 'respondent'] as const;

/** A context a template declares in its first line. */
export type ContextKind = (typeof CONTEXT_KINDS)[number];

const DECLARATION = /^\s*\{\{!--\s*kontekst:\s*([a-zæøå-]+)\s*--\}\}/i;

/**
 * Reads the context a template declares on its first line, `{{!-- kontekst: notat --}}`.
 * @param template the template (partials declare nothing: they run in their caller's context)
 * @returns the kind, or an error text in Danish
 */
export function contextKind(template: TemplateSource): { kind: ContextKind } | { error: string } {
  const m = DECLARATION.exec(template.source);
  if (!m) return { error: `skabelonen skal begynde med {{!-- kontekst: ${CONTEXT_KINDS.join(' | ')} --}}` };
  const kind = m[1]!.toLowerCase();
  return (CONTEXT_KINDS as readonly string[]).includes(kind)
    ? { kind: kind as ContextKind }
    : { error: `ukendt kontekst "${kind}"; brug ${CONTEXT_KINDS.join(' eller ')}` };
}
