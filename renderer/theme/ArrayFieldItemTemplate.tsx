import type { ArrayFieldItemTemplateProps } from '@rjsf/utils';

/** One list item: its fields, then its remove button where removing is allowed. */
export default function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, schema } = props;
  const { RemoveButton } = registry.templates.ButtonTemplates;
  const noun = typeof schema.title === 'string' ? ` ${schema.title.toLocaleLowerCase('da')}` : '';
  return (
    <div className="array-item">
      {children}
      {hasToolbar && buttonsProps.hasRemove && (
        <div className="mb-6 mt-n4">
          <RemoveButton
            id={`${buttonsProps.fieldPathId.$id}__remove`}
            onClick={buttonsProps.onRemoveItem}
            disabled={buttonsProps.disabled || buttonsProps.readonly}
            registry={registry}
            title={`${noun} ${buttonsProps.index + 1}`}
          />
        </div>
      )}
    </div>
  );
}
