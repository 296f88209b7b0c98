import type { Lang } from '../../engine/index.ts';

/** What the theme's templates read besides rjsf's props. */
export interface ThemeContext {
  readonly lang: Lang;
  /** Labels of known constant values (`a` → `Svar A`), for computed fields that hold one. */
  readonly constTitles: Readonly<Record<string, string>>;
  /** Top-level fields of the current step; the step's own heading replaces theirs. */
  readonly sectionFields: readonly string[];
}

/** The context used when a page passes none. */
export const DEFAULT_CONTEXT: ThemeContext = Object.freeze({ lang: 'da', constTitles: Object.freeze({}), sectionFields: Object.freeze([]) });
