import { TranslatableString, englishStringTranslator } from '@rjsf/utils';
import type { Lang } from '../engine/index.ts';

const DA: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Element',
  [TranslatableString.MissingItems]: 'Listen mangler en beskrivelse af sine elementer',
  [TranslatableString.EmptyArray]: 'Der er ingen endnu. Brug knappen nedenfor for at tilføje.',
  [TranslatableString.YesLabel]: 'Ja',
  [TranslatableString.NoLabel]: 'Nej',
  [TranslatableString.CloseLabel]: 'Luk',
  [TranslatableString.ErrorsLabel]: 'Fejl',
  [TranslatableString.NewStringDefault]: 'Ny værdi',
  [TranslatableString.AddButton]: 'Tilføj',
  [TranslatableString.AddItemButton]: 'Tilføj',
  [TranslatableString.CopyButton]: 'Kopiér',
  [TranslatableString.ExpandButton]: 'Udfold',
  [TranslatableString.MoveDownButton]: 'Flyt ned',
  [TranslatableString.MoveUpButton]: 'Flyt op',
  [TranslatableString.RemoveButton]: 'Fjern',
  [TranslatableString.NowLabel]: 'Nu',
  [TranslatableString.ClearLabel]: 'Ryd',
  [TranslatableString.AriaDateLabel]: 'Vælg en dato',
  [TranslatableString.PreviewLabel]: 'Vis',
  [TranslatableString.DecrementAriaLabel]: 'Tæl én ned',
  [TranslatableString.IncrementAriaLabel]: 'Tæl én op',
  [TranslatableString.OptionalObjectAdd]: 'Tilføj oplysninger',
  [TranslatableString.OptionalObjectRemove]: 'Fjern oplysninger',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Ingen oplysninger',
  [TranslatableString.Type]: 'Type',
  [TranslatableString.Value]: 'Værdi',
  [TranslatableString.ClearButton]: 'ryd feltet',
  [TranslatableString.UnknownFieldType]: 'Ukendt felttype %1',
  [TranslatableString.OptionPrefix]: 'Mulighed %1',
  [TranslatableString.TitleOptionPrefix]: '%1, mulighed %2',
  [TranslatableString.KeyLabel]: '%1, nøgle',
  [TranslatableString.DeprecatedLabel]: '%1 (udgået)',
  [TranslatableString.UnsupportedField]: 'Feltet kan ikke vises.',
  [TranslatableString.UnsupportedFieldWithId]: 'Feltet %1 kan ikke vises.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Feltet kan ikke vises: %1.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Feltet %1 kan ikke vises: %2.',
};

/**
 * rjsf's own interface text in Danish (English when asked for), passed as the Form's `translateString`.
 * @param lang the page language
 * @returns a translator for rjsf
 */
export function translateString(lang: Lang): (key: TranslatableString, params?: string[]) => string {
  if (lang === 'en') return englishStringTranslator;
  return (key, params) => {
    const text = DA[key];
    return text === undefined ? englishStringTranslator(key, params) : (params ?? []).reduce((t, p, i) => t.replace(`%${i + 1}`, p), text);
  };
}
