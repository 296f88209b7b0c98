/** The rjsf theme on the Danish public design system (dkfds): templates, widgets and fields. */
import type { RegistryFieldsType, RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import ArrayFieldItemTemplate from './ArrayFieldItemTemplate.tsx';
import ArrayFieldTemplate from './ArrayFieldTemplate.tsx';
import BaseInputTemplate from './BaseInputTemplate.tsx';
import { AddButton, NoButton, RemoveButton, SubmitButton } from './buttons.tsx';
import ComputedWidget from './ComputedWidget.tsx';
import DescriptionFieldTemplate from './DescriptionFieldTemplate.tsx';
import FieldErrorTemplate from './FieldErrorTemplate.tsx';
import FieldHelpTemplate from './FieldHelpTemplate.tsx';
import FieldTemplate from './FieldTemplate.tsx';
import ObjectFieldTemplate from './ObjectFieldTemplate.tsx';
import OmittedField from './OmittedField.tsx';
import RadioWidget from './RadioWidget.tsx';
import SelectWidget from './SelectWidget.tsx';
import TextareaWidget from './TextareaWidget.tsx';
import TitleFieldTemplate from './TitleFieldTemplate.tsx';

export { DEFAULT_CONTEXT, type ThemeContext } from './form-context.ts';
export { describedBy } from './described-by.ts';

/** Templates replacing rjsf's Bootstrap-flavoured defaults with dkfds markup. */
export const templates: Partial<TemplatesType> = {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  BaseInputTemplate,
  DescriptionFieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
  ButtonTemplates: { AddButton, RemoveButton, SubmitButton, CopyButton: NoButton, MoveDownButton: NoButton, MoveUpButton: NoButton, ClearButton: NoButton },
};

/** Widgets in dkfds markup; `computed` shows engine-computed values as text. */
export const widgets: RegistryWidgetsType = {
  TextareaWidget,
  SelectWidget,
  RadioWidget,
  computed: ComputedWidget,
};

/** Extra fields: `omitted` hides a top-level field that belongs to another step. */
export const fields: RegistryFieldsType = { omitted: OmittedField };
