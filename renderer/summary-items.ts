import type { Issue, JsonSchema } from '../engine/index.ts';
import type { SummaryItem } from './ErrorSummary.tsx';
import { fieldId } from './field-id.ts';
import { schemaAt } from './schema-at.ts';

const short = (title: unknown): string => (typeof title === 'string' ? (title.split(':')[0] ?? title).trim() : '');

/**
 * Names the field an issue is about for a reader who sees no form: "Enhed 2, Gruppe 1,
 * Antal". Titles come from the schema; list items are numbered from 1.
 * @param schema the (localized) form schema
 * @param path the issue's JSON Pointer
 * @returns the label, or '' at the root
 */
export function issueLabel(schema: JsonSchema, path: string): string {
  const parts = path.split('/').slice(1);
  const labels: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const p = `/${parts.slice(0, i).join('/')}`;
    const s = schemaAt(schema, p);
    const seg = parts[i - 1] ?? '';
    if (/^\d+$/.test(seg)) labels.push(`${short(s?.title) || 'Nr.'} ${Number(seg) + 1}`);
    else if (i === parts.length || (s?.type === 'object' && i > 1)) labels.push(short(s?.title) || seg);
  }
  return labels.join(', ');
}

/**
 * Error-summary lines for issues: a link to the field and a message that says which field it is.
 * @param issues the engine's issues
 * @param schema the (localized) form schema
 * @param hrefFor the link for an issue's path; by default the field's anchor on this page
 * @returns one item per issue
 */
export function summaryItems(issues: readonly Issue[], schema: JsonSchema, hrefFor: (path: string) => string = (p) => `#${fieldId(p)}`): SummaryItem[] {
  return issues.map((issue) => {
    const label = issueLabel(schema, issue.path);
    const title = schemaAt(schema, issue.path)?.title;
    const named = typeof title === 'string' && issue.message.includes(`«${title}»`);
    let text = issue.message;
    if (label && named) {
      const context = label.split(', ').slice(0, -1).join(', ');
      text = context ? `${context}: ${issue.message}` : issue.message;
    } else if (label) text = `${label}: ${issue.message}`;
    return { href: hrefFor(issue.path), text };
  });
}
