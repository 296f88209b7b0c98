import type { ArrayFieldTemplateProps } from '@rjsf/utils';
import { buttonId, descriptionId } from '@rjsf/utils';
import type { ThemeContext } from './form-context.ts';

/** A list of groups (e.g. one unit per department) with an add button under it. */
export default function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, readonly, fieldPathId, items, onAddClick, registry, schema, title, uiSchema } = props;
  const ctx = registry.formContext as ThemeContext | undefined;
  const isStep = fieldPathId.path.length === 1 && ctx?.sectionFields.includes(String(fieldPathId.path[0]));
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <div id={fieldPathId.$id}>
      {!isStep && title && <p className="h3">{title}</p>}
      {typeof schema.description === 'string' && (
        <p className="form-hint mt-0" id={descriptionId(fieldPathId)}>
          {schema.description}
        </p>
      )}
      {items}
      {canAdd && !readonly && (
        <AddButton id={buttonId(fieldPathId, 'add')} onClick={onAddClick} disabled={disabled} uiSchema={uiSchema} registry={registry} />
      )}
    </div>
  );
}
