import type { RuleContext } from '../engine/index.ts';
import type { FormAppData } from './FormApp.tsx';

/** The id of the `<script type="application/json">` element carrying {@link FormPageData}. */
export const PAGE_DATA_ID = 'indberet-data';
/** The id of the element the form is rendered into and hydrated in. */
export const FORM_ROOT_ID = 'indberet-form';

/** Everything the browser needs to take over a server-rendered form step. */
export interface FormPageData {
  readonly app: FormAppData;
  readonly roundId: string;
  readonly formName: string;
  /** The round's browser validators (a same-origin ES module exporting `forms`); without it, the round's unversioned address. */
  readonly validatorsUrl?: string;
  /** `$round` and `$tables` for the form's rules, as on the server. */
  readonly context: RuleContext;
  /** The JSON API's draft resource (`PUT` with `If-Match`). */
  readonly draftUrl: string;
  readonly csrfToken: string;
}
