import { useRef } from 'react';

/**
 * The text an input shows: what was typed into it, until the form's value for it moves on. The
 * form takes a keystroke in after the frame that paints it (renderer/paced-form.tsx); a render
 * before that (a number field re-renders at once for its own reasons) would otherwise put the old
 * value back into the input and the typed character would flicker away.
 * @param value the form's value for the field
 * @param text that value as the input's text
 * @returns the text to show, and the function to call with the text typed
 */
export function useTypedText(value: unknown, text: string): [string, (typed: string) => void] {
  const draft = useRef<{ readonly text: string; readonly from: unknown } | null>(null);
  if (draft.current && !Object.is(draft.current.from, value)) draft.current = null;
  return [draft.current ? draft.current.text : text, (typed) => (draft.current = { text: typed, from: value })];
}
