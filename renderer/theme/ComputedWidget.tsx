import type { WidgetProps } from '@rjsf/utils';
import { TranslatableString } from '@rjsf/utils';
import { DEFAULT_CONTEXT, type ThemeContext } from './form-context.ts';

/**
 * A value the engine computes (totals, share of women, equal composition): shown as text in an
 * `<output>`, never as an input.
 */
export default function ComputedWidget(props: WidgetProps) {
  const { id, value, registry, options, schema } = props;
  const ctx = (registry.formContext as ThemeContext | undefined) ?? DEFAULT_CONTEXT;
  // Not computed yet (its figures are not all typed): a dash, not a guess.
  let text = '—';
  if (typeof value === 'boolean') text = registry.translateString(value ? TranslatableString.YesLabel : TranslatableString.NoLabel);
  else if (typeof value === 'number') text = value.toLocaleString(ctx.lang === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 1, useGrouping: false });
  else if (typeof value === 'string') {
    const names = options.enumOptions?.find((o) => o.value === value)?.label;
    text = ctx.constTitles[value] ?? names ?? value;
  }
  return (
    // Only the verdict (equal composition yes/no) is announced as it changes; sums would be noise.
    <output id={id} className="d-block weight-semibold" aria-live={schema.type === 'boolean' ? 'polite' : undefined}>
      {text}
    </output>
  );
}
