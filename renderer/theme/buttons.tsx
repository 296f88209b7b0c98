import type { IconButtonProps, SubmitButtonProps } from '@rjsf/utils';
import { getUiOptions, TranslatableString } from '@rjsf/utils';

/** "Tilføj …": the ui schema's `addText` or rjsf's translated default. */
export function AddButton({ uiSchema, registry, icon: _icon, iconType: _iconType, ...rest }: IconButtonProps) {
  const text = (getUiOptions(uiSchema).addText as string | undefined) ?? registry.translateString(TranslatableString.AddItemButton);
  return (
    <button type="button" className="button button-secondary" {...rest}>
      {text}
    </button>
  );
}

/** "Fjern ledelsesenhed 2": removes one list item; the `title` prop carries which one, shown as text. */
export function RemoveButton({ registry, icon: _icon, iconType: _iconType, uiSchema: _ui, title, ...rest }: IconButtonProps) {
  return (
    <button type="button" className="button button-tertiary" {...rest}>
      {registry.translateString(TranslatableString.RemoveButton)}
      {title ?? ''}
    </button>
  );
}

/** Reordering and copying are not offered: units have no order worth keeping. */
export function NoButton(_props: IconButtonProps) {
  return null;
}

/** The page draws its own navigation buttons, so rjsf's submit button is not shown. */
export function SubmitButton(_props: SubmitButtonProps) {
  return null;
}
