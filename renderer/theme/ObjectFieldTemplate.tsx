import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import { descriptionId, titleId } from '@rjsf/utils';
import type { ReactElement, ReactNode } from 'react';
import type { JsonSchema } from '../../engine/index.ts';
import { schemaAt } from '../schema-at.ts';
import { undecidedKeys } from '../undecided-keys.ts';
import type { ThemeContext } from './form-context.ts';

const isComputed = (content: ReactElement): boolean =>
  (content.props as { uiSchema?: Record<string, unknown> }).uiSchema?.['ui:widget'] === 'computed';

/** Runs of computed values are set together in one panel, apart from the questions. */
function group(contents: ReactElement[]): ReactNode[] {
  const out: ReactNode[] = [];
  let run: ReactElement[] = [];
  const flush = () => {
    if (run.length > 0) out.push(<div className="indberet-computed" key={`computed-${out.length}`}>{run}</div>);
    run = [];
  };
  for (const c of contents) {
    if (isComputed(c)) run.push(c);
    else {
      flush();
      out.push(c);
    }
  }
  flush();
  return out;
}

/**
 * A group of fields. The root and the step's own group have no frame (the page heading names them);
 * a list item is a card with a numbered heading; deeper groups are fieldsets with a legend.
 */
export default function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId, properties, title, description, schema, registry } = props;
  const ctx = registry.formContext as ThemeContext | undefined;
  const path = fieldPathId.path;
  const pointer = path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const waiting = undecidedKeys(schemaAt(registry.rootSchema as JsonSchema, pointer), props.formData);
  const content = group(properties.filter((p) => !p.hidden && !waiting.has(p.name)).map((p) => p.content));
  const hiddenContent = properties.filter((p) => p.hidden).map((p) => p.content);
  const desc =
    description && typeof description === 'string' ? (
      <p className="form-hint mt-0" id={descriptionId(fieldPathId)}>
        {description}
      </p>
    ) : (
      description
    );
  const last = path[path.length - 1];
  if (path.length === 0 || (path.length === 1 && ctx?.sectionFields.includes(String(last)))) {
    return (
      <div id={fieldPathId.$id}>
        {path.length > 0 && desc}
        {content}
        {hiddenContent}
      </div>
    );
  }
  if (typeof last === 'number') {
    const heading = `${typeof schema.title === 'string' ? schema.title : title} ${last + 1}`;
    return (
      <section className="card mb-6" id={fieldPathId.$id} aria-labelledby={titleId(fieldPathId)}>
        <div className="card-content">
          <h2 className="h3 mt-0" id={titleId(fieldPathId)}>
            {heading}
          </h2>
          {content}
          {hiddenContent}
        </div>
      </section>
    );
  }
  return (
    <fieldset className="mt-6 mb-2" id={fieldPathId.$id}>
      {title && <legend className="h4 mb-3">{title}</legend>}
      {desc}
      {content}
      {hiddenContent}
    </fieldset>
  );
}
