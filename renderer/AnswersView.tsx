import type { ReactNode } from 'react';
import type { JsonSchema, Lang } from '../engine/index.ts';
import { formatValue } from './format-value.ts';
import { schemaAt } from './schema-at.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Props of {@link AnswersView}. */
export interface AnswersViewProps {
  readonly schema: JsonSchema;
  readonly ui: JsonSchema;
  readonly value: unknown;
  readonly titles: Readonly<Record<string, string>>;
  readonly lang?: Lang;
  /** Top-level keys not to show (e.g. the organisation code the page names already). */
  readonly skip?: readonly string[];
  /** Heading level of top-level groups. */
  readonly level?: 2 | 3;
  /** Where a top-level group can be changed (the review page links each group to its step). */
  readonly editHref?: (key: string) => string | undefined;
}

function Heading({ level, children }: { level: number; children: ReactNode }) {
  const Tag = `h${Math.min(level, 6)}` as 'h2';
  return <Tag>{children}</Tag>;
}

function orderOf(ui: JsonSchema, value: Record<string, unknown>): string[] {
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((k) => k in value) : [];
  return [...order, ...Object.keys(value).filter((k) => !order.includes(k))];
}

/**
 * Every answer of a report, read-only and without JavaScript: groups as headed sections, list items
 * numbered, values as text (labels for choices, "Ja"/"Nej", Danish numbers). Used by the review page,
 * the receipt and the receipt PDF, so all three show exactly the same.
 */
export function AnswersView({ schema, ui, value, titles, lang = 'da', skip = [], level = 2, editHref }: AnswersViewProps) {
  const edit = (top: boolean, key: string, title: string) => {
    const href = top ? editHref?.(key) : undefined;
    return href ? (
      <a className="function-link indberet-edit" href={href}>
        {lang === 'en' ? 'Change' : 'Ret'}
        <span className="sr-only">{` ${title}`}</span>
      </a>
    ) : null;
  };
  const renderObject = (obj: Record<string, unknown>, uiNode: JsonSchema, pointer: string, depth: number, top: boolean): ReactNode[] => {
    const out: ReactNode[] = [];
    let rows: ReactNode[] = [];
    const flush = () => {
      if (rows.length > 0) out.push(<dl className="indberet-answers" key={`dl${out.length}`}>{rows}</dl>);
      rows = [];
    };
    for (const key of orderOf(uiNode, obj)) {
      if (top && skip.includes(key)) continue;
      const p = `${pointer}/${esc(key)}`;
      const sub = schemaAt(schema, p);
      const subUi = (isObject(uiNode[key]) ? uiNode[key] : {}) as JsonSchema;
      if (subUi['ui:widget'] === 'hidden') continue;
      const title = typeof sub?.title === 'string' ? sub.title : key;
      const v = obj[key];
      if (Array.isArray(v)) {
        flush();
        const itemUi = (isObject(subUi.items) ? subUi.items : {}) as JsonSchema;
        out.push(
          <section key={key} className="mt-6">
            <Heading level={depth}>
              {title}
              {edit(top, key, title)}
            </Heading>
            {v.map((item, i) => {
              const itemSchema = schemaAt(schema, `${p}/${i}`);
              const itemTitle = `${typeof itemSchema?.title === 'string' ? itemSchema.title : title} ${i + 1}`;
              return (
                <section key={i} className="mt-5">
                  <Heading level={depth + 1}>{itemTitle}</Heading>
                  {isObject(item) ? renderObject(item, itemUi, `${p}/${i}`, depth + 2, false) : <p>{formatValue(item, itemSchema, titles, lang)}</p>}
                </section>
              );
            })}
          </section>,
        );
      } else if (isObject(v)) {
        flush();
        out.push(
          <section key={key} className="mt-5">
            <Heading level={depth}>
              {title}
              {edit(top, key, title)}
            </Heading>
            {renderObject(v, subUi, p, depth + 1, false)}
          </section>,
        );
      } else {
        rows.push(
          <div className="indberet-answer" key={key}>
            <dt>{title}</dt>
            <dd>{formatValue(v, sub, titles, lang)}</dd>
          </div>,
        );
      }
    }
    flush();
    return out;
  };
  return <div className="indberet-answers-view">{isObject(value) ? renderObject(value, ui, '', level, true) : null}</div>;
}
