import { useRef } from 'react';

/**
 * The text an input shows: what was typed into it, until the form's value for it reads otherwise
 * than it did then. The form takes a keystroke in after the frame that paints it
 * (renderer/paced-form.tsx); a render before that (rjsf's number field re-renders at once with the
 * number it had) would otherwise put the old value back into the input, and the typed character
 * would be gone from that frame.
 * @param text the form's value for the field as the input's text
 * @returns the text to show, and the function to call with the text typed
 */
export function useTypedText(text: string): [string, (typed: string) => void] {
  const draft = useRef<{ readonly text: string; readonly from: string } | null>(null);
  if (draft.current && draft.current.from !== text) draft.current = null;
  return [draft.current ? draft.current.text : text, (typed) => (draft.current = { text: typed, from: text })];
}
