import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { ValidatorType } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Issue, JsonSchema, Lang, ValidationResult } from '../engine/index.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { formatClock } from './format-time.ts';
import { formTexts } from './form-texts.ts';
import { issuesToErrorSchema } from './issues-to-error-schema.ts';
import { keepPruned } from './keep-pruned.ts';
import { summaryItems } from './summary-items.ts';
import { isHeldBack } from './undecided-keys.ts';
import { fields, templates, widgets, type ThemeContext } from './theme/index.ts';
import { translateString } from './translate-string.ts';

/** Serializable props of the form page: rendered on the server, read again by the browser. */
export interface FormAppData {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly schema: JsonSchema;
  readonly uiSchema: JsonSchema;
  readonly formData: unknown;
  readonly version: number | null;
  readonly sectionFields: readonly string[];
  readonly constTitles: Readonly<Record<string, string>>;
  /** Issues to show at load (after a refused submit), already limited to this step. */
  readonly issues: readonly Issue[];
  readonly savedAt: string | null;
  readonly nextHref: string;
  readonly nextLabel: string;
  readonly prevHref: string | null;
}

/** The result of saving a draft. */
export type SaveOutcome =
  | { readonly ok: true; readonly version: number; readonly savedAt: string }
  | { readonly ok: false; readonly conflict: boolean; readonly message: string };

/** What the form needs that differs between server and browser. */
export interface FormAppDeps {
  readonly form: { prepare(data: unknown): unknown; validate(data: unknown, options?: { lang?: Lang }): ValidationResult };
  readonly validator: ValidatorType;
  /** Saves the draft (browser only); absent while rendering on the server. */
  readonly save?: (answers: unknown, version: number | null) => Promise<SaveOutcome>;
  readonly navigate?: (href: string) => void;
  /** Milliseconds of quiet before an autosave. */
  readonly debounceMs?: number;
}

// Answers start empty: rjsf must not fill in values (a "Nej" nobody chose) from consts or conditions.
const DEFAULTS = { emptyObjectFields: 'skipDefaults', constAsDefaults: 'never', arrayMinItems: { populate: 'never' } } as const;

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'conflict' } | { kind: 'error'; message: string };

const inSection = (issue: Issue, fieldsOfStep: readonly string[]): boolean => {
  // A step without fields is the whole form (a root without properties).
  if (fieldsOfStep.length === 0) return true;
  const first = issue.path.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  return first !== undefined && fieldsOfStep.includes(first);
};

/**
 * One step of a form: the rjsf form in the dkfds theme with live computed values, an error summary,
 * debounced autosave ("Gemt kl. 10:42") and a clear message when someone else saved first.
 */
export function FormApp({ data, deps }: { data: FormAppData; deps: FormAppDeps }) {
  const { schema, sectionFields, lang } = data;
  const [formData, setFormData] = useState<unknown>(() => keepPruned(deps.form.prepare(data.formData), data.formData, schema));
  const [issues, setIssues] = useState<readonly Issue[]>(data.issues);
  const [showErrors, setShowErrors] = useState(data.issues.length > 0);
  const [status, setStatus] = useState<Status>(data.savedAt ? { kind: 'saved', at: data.savedAt } : { kind: 'idle' });
  const version = useRef(data.version);
  const latest = useRef(formData);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const summary = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const conflict = status.kind === 'conflict';

  const sectionIssues = useCallback(
    (answers: unknown): Issue[] => {
      const r = deps.form.validate(answers, { lang });
      // Issues about questions not yet shown (a target before the figures are in) would point at nothing.
      const shown = deps.form.prepare(answers);
      return r.ok ? [] : r.issues.filter((i) => inSection(i, sectionFields) && !isHeldBack(schema, shown, i.path));
    },
    [deps.form, lang, sectionFields, schema],
  );

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (!deps.save) return true;
    if (!dirty.current) return true;
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const outcome = await deps.save(latest.current, version.current);
    if (outcome.ok) {
      version.current = outcome.version;
      setStatus({ kind: 'saved', at: outcome.savedAt });
      return true;
    }
    dirty.current = true;
    setStatus(outcome.conflict ? { kind: 'conflict' } : { kind: 'error', message: outcome.message });
    return false;
  }, [deps]);

  useEffect(() => {
    // A page that arrives with problems (a refused submit) puts the summary in focus, as dkfds does.
    if (data.issues.length > 0) summary.current?.focus();
    // Marks the form as taken over by the browser (tests wait for it before typing).
    rootRef.current?.setAttribute('data-ready', 'true');
    return () => clearTimeout(timer.current);
  }, [data.issues.length]);

  const onChange = (e: IChangeEvent) => {
    const next = keepPruned(deps.form.prepare(e.formData), e.formData, schema);
    latest.current = next;
    setFormData(next);
    if (showErrors) setIssues(sectionIssues(next));
    if (conflict) return;
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), deps.debounceMs ?? 1500);
  };

  const onSubmit = async () => {
    if (conflict) return;
    const saved = await saveNow();
    if (!saved) return;
    const found = sectionIssues(latest.current);
    if (found.length > 0) {
      setIssues(found);
      setShowErrors(true);
      // Wait for the summary to render before moving focus to it.
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    deps.navigate?.(data.nextHref);
  };

  const context: ThemeContext = useMemo(() => ({ lang, constTitles: data.constTitles, sectionFields }), [lang, data.constTitles, sectionFields]);
  const extraErrors = useMemo(() => (showErrors ? issuesToErrorSchema(issues) : undefined), [showErrors, issues]);
  const items = useMemo(() => (showErrors ? summaryItems(issues, schema) : []), [showErrors, issues, schema]);
  const t = useMemo(() => translateString(lang), [lang]);
  const text = formTexts(lang);

  return (
    <div className="indberet-form" ref={rootRef}>
      <ErrorSummary items={items} ref={summary} heading={text.errorsHeading(items.length)} />
      {conflict && (
        <div className="alert alert-error mb-6" role="alert">
          <div className="alert-body">
            <h2 className="alert-heading">{text.conflictHeading}</h2>
            <p className="alert-text">{text.conflictText}</p>
            <p className="alert-text">
              <a className="function-link" href="">
                {text.conflictReload}
              </a>
            </p>
          </div>
        </div>
      )}
      <Form
        schema={schema as never}
        uiSchema={data.uiSchema as never}
        formData={formData}
        validator={deps.validator}
        templates={templates}
        widgets={widgets}
        fields={fields}
        formContext={context}
        translateString={t}
        extraErrors={extraErrors as never}
        showErrorList={false}
        noHtml5Validate
        noValidate
        idPrefix="root"
        experimental_defaultFormStateBehavior={DEFAULTS}
        onChange={onChange}
        onSubmit={() => void onSubmit()}
        className="indberet-rjsf"
      >
        <p className="form-hint indberet-autosave" role="status" aria-live="polite">
          {status.kind === 'saved' && text.saved(formatClock(status.at, data.timeZone))}
          {status.kind === 'saving' && text.saving}
          {status.kind === 'error' && text.saveFailed(status.message)}
        </p>
        <div className="button-row mt-6">
          {data.prevHref && (
            <a className="button button-secondary" href={data.prevHref}>
              {text.back}
            </a>
          )}
          <button type="submit" className="button button-primary" disabled={conflict}>
            {data.nextLabel}
          </button>
        </div>
      </Form>
    </div>
  );
}
