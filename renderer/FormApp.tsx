import type { IChangeEvent } from '@rjsf/core';
import type { FieldPathList, ValidatorType } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type FocusEvent } from 'react';
import type { Issue, JsonSchema, Lang, ValidationResult } from '../engine/index.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { formatClock } from './format-time.ts';
import { formTexts } from './form-texts.ts';
import { issuesToErrorSchema } from './issues-to-error-schema.ts';
import { hideUnknownComputed } from './hide-unknown-computed.ts';
import { issuesAtInputs } from './first-input-path.ts';
import { isOwnLateSave } from './is-own-late-save.ts';
import { keepPruned } from './keep-pruned.ts';
import { PacedForm } from './paced-form.tsx';
import { pendingFits } from './pending-fits.ts';
import { reuseUnchanged } from './reuse-unchanged.ts';
import { sameAnswers } from './same-answers.ts';
import { setAt } from './set-at.ts';
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

/** Saves a draft on a version; `leaving` asks for a request that outlives the page. */
export type SaveDraft = (answers: unknown, version: number | null, options?: { readonly leaving?: boolean }) => Promise<SaveOutcome>;

/** Answers the server has not confirmed yet, kept in the browser until it does. */
export interface PendingDraft {
  /** The server version the answers are to be saved on (0: nothing saved yet). */
  readonly base: number;
  readonly answers: unknown;
  /**
   * What a save of ours carried whose answer never came (on its way, or cut off by leaving the
   * page): the server may hold it as `base + 1`, now or a moment later.
   */
  readonly sending?: unknown;
}

/** A stored draft as the server holds it now. */
export interface StoredDraft {
  readonly version: number;
  readonly answers: unknown;
}

/** Where the browser keeps {@link PendingDraft} across a reload. */
export interface DraftStore {
  read(): PendingDraft | null;
  write(pending: PendingDraft): void;
  clear(): void;
}

/** What the form needs that differs between server and browser. */
export interface FormAppDeps {
  readonly form: { prepare(data: unknown): unknown; validate(data: unknown, options?: { lang?: Lang }): ValidationResult };
  readonly validator: ValidatorType;
  /** Saves the draft (browser only); absent while rendering on the server. */
  readonly save?: SaveDraft;
  readonly navigate?: (href: string) => void;
  /** Keeps unconfirmed answers across a reload (browser only). */
  readonly store?: DraftStore;
  /** Reads the stored draft (browser only): tells a save of our own from someone else's after a conflict. */
  readonly load?: () => Promise<StoredDraft | null>;
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
 * One step of a form: the rjsf form in the dkfds theme with live computed values, an error summary
 * and a clear message when someone else saved first. Answers are saved when a field is left, after
 * a pause in typing and when the page is hidden or left (a `keepalive` request outlives the page);
 * until the server confirms them they are also kept in the tab's storage and restored on reload.
 */
export function FormApp({ data, deps }: { data: FormAppData; deps: FormAppDeps }) {
  const { schema, sectionFields, lang } = data;
  const [initial] = useState<unknown>(() => keepPruned(deps.form.prepare(data.formData), data.formData, schema));
  // What rjsf is given: the answers with computed values left out until their figures are in. A
  // ref, because a keystroke that changes nothing but the typed value leaves rjsf holding exactly
  // that already, and giving it again would only make rjsf work through the whole form once more.
  const [initialShown] = useState(() => hideUnknownComputed(schema, initial));
  const shown = useRef(initialShown);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [issues, setIssues] = useState<readonly Issue[]>(() => issuesAtInputs(schema, data.issues));
  const [showErrors, setShowErrors] = useState(data.issues.length > 0);
  const [status, setStatus] = useState<Status>(data.savedAt ? { kind: 'saved', at: data.savedAt } : { kind: 'idle' });
  const version = useRef(data.version);
  const latest = useRef(initial);
  const rememberTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  // The answers of our latest save whose answer never came: it may still land on the server.
  const unknown = useRef<unknown>(undefined);
  // The last save failed for a reason other than a conflict: leaving now could lose answers.
  const failed = useRef(false);
  // The page is being left (or reloaded): the next page may already have read the draft.
  const going = useRef(false);
  const conflicted = useRef(false);
  const summary = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const conflict = status.kind === 'conflict';

  const sectionIssues = useCallback(
    (answers: unknown): Issue[] => {
      const r = deps.form.validate(answers, { lang });
      // Issues about questions not yet shown (a target before the figures are in) would point at nothing.
      const shown = deps.form.prepare(answers);
      return r.ok ? [] : issuesAtInputs(schema, r.issues.filter((i) => inSection(i, sectionFields) && !isHeldBack(schema, shown, i.path)));
    },
    [deps.form, lang, sectionFields, schema],
  );

  // Whether two sets of answers are what one save carried. A save sent before rjsf took the last
  // key in carries computed values of the key before; the server stores them as sent, so answers
  // are compared with their computed values worked out again.
  const sameSave = useCallback((a: unknown, b: unknown) => sameAnswers(deps.form.prepare(a), deps.form.prepare(b)), [deps.form]);

  const remember = useCallback(() => {
    clearTimeout(rememberTimer.current);
    rememberTimer.current = undefined;
    deps.store?.write({ base: version.current ?? 0, answers: latest.current, ...(unknown.current === undefined ? {} : { sending: unknown.current }) });
  }, [deps.store]);

  // Writing all answers to the tab's storage takes milliseconds on a large form: while typing it
  // is done at most every 300 ms, and at once when the page is hidden or left (`flush`), so what
  // a reload finds is never older than what was typed.
  const rememberSoon = useCallback(() => {
    rememberTimer.current ??= setTimeout(remember, 300);
  }, [remember]);

  // A conflict with a save of our own that landed late (sent by this tab before a reload, after the
  // page had read the draft) is no one else's change: the server holds exactly what that save carried,
  // one version on. Then the answers are saved again on that version.
  const ownSaveLanded = useCallback(
    async (earlier: unknown): Promise<boolean> => {
      if (earlier === undefined || !deps.load) return false;
      const stored = await deps.load().catch(() => null);
      if (!isOwnLateSave(stored, version.current, earlier, sameSave)) return false;
      version.current = stored.version;
      return true;
    },
    [deps, sameSave],
  );

  // Sends what is typed now, once; the caller has made sure no other save is on its way.
  const saveOnce = useCallback(async (save: SaveDraft, leaving: boolean): Promise<boolean> => {
    dirty.current = false;
    const sending = latest.current;
    const earlier = unknown.current;
    unknown.current = sending;
    setStatus({ kind: 'saving' });
    remember();
    const outcome = await save(sending, version.current, { leaving });
    if (outcome.ok) {
      version.current = outcome.version;
      unknown.current = undefined;
      failed.current = false;
      // While the page is being left, the next page may have read the draft before this save was
      // stored; it finds what it needs (this save's answers as unanswered) only if the tab's
      // storage is left as it was when the save was sent.
      if (!going.current) {
        if (latest.current === sending) {
          clearTimeout(rememberTimer.current);
          rememberTimer.current = undefined;
          deps.store?.clear();
        } else remember();
      }
      setStatus({ kind: 'saved', at: outcome.savedAt });
      return true;
    }
    dirty.current = true;
    // A refused save wrote nothing; a save without an answer (no connection) may have.
    if (outcome.conflict) unknown.current = earlier;
    if (outcome.conflict && (await ownSaveLanded(earlier))) {
      unknown.current = undefined;
      remember();
      return true;
    }
    failed.current = !outcome.conflict;
    conflicted.current = outcome.conflict;
    remember();
    setStatus(outcome.conflict ? { kind: 'conflict' } : { kind: 'error', message: outcome.message });
    return false;
  }, [deps.store, remember, ownSaveLanded]);

  // One save at a time: two saves on the same version would conflict with each other. It returns
  // once everything typed before it returns is stored: answers typed while a save was on its way
  // (the next field filled while the one just left is saved) follow at once, not after the pause
  // for typing. Until then the server holds only part of what the page shows, and another window
  // opened meanwhile would start from that part and make the rest a conflict.
  const saveNow = useCallback(async (leaving = false): Promise<boolean> => {
    clearTimeout(timer.current);
    const save = deps.save;
    if (!save) return true;
    for (;;) {
      while (inFlight.current) await inFlight.current;
      if (conflicted.current) return false;
      if (!dirty.current) return true;
      const run = saveOnce(save, leaving);
      inFlight.current = run;
      let saved: boolean;
      try {
        saved = await run;
      } finally {
        inFlight.current = null;
      }
      if (!saved) return false;
    }
  }, [deps.save, saveOnce]);

  // Leaving or hiding the page: start a keepalive save now (fetch is called before the first await).
  // While another save is on its way, the answers wait in the tab's storage for the next load.
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (rememberTimer.current !== undefined) remember();
    if (dirty.current && !conflicted.current && !inFlight.current) void saveNow(true);
  }, [saveNow, remember]);

  useEffect(() => {
    if (!deps.save) return;
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onPageHide = () => {
      going.current = true;
      flush();
    };
    // Back from the browser's page cache: the page is in use again.
    const onPageShow = () => {
      going.current = false;
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      going.current = true;
      flush();
      // Only a failing connection or server can lose answers here; a conflict is already explained on the page.
      if (failed.current) e.preventDefault();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [deps.save, flush]);

  useEffect(() => {
    // A page that arrives with problems (a refused submit) puts the summary in focus, as dkfds does.
    if (data.issues.length > 0) summary.current?.focus();
    const pending = deps.store?.read();
    const current = data.version ?? 0;
    if (pending && !pendingFits(pending, current, data.formData, sameSave)) deps.store?.clear();
    else if (pending && (pending.base > current || !sameAnswers(pending.answers, data.formData))) {
      // The page was made before a save this tab saw confirmed: the tab knows the newer version.
      if (pending.base > current) version.current = pending.base;
      // The save that never answered has not landed yet, but may still.
      if (pending.base >= current) unknown.current = pending.sending;
      const restored = keepPruned(deps.form.prepare(pending.answers), pending.answers, schema);
      latest.current = restored;
      show(restored);
      dirty.current = true;
      void saveNow();
    } else if (pending) deps.store?.clear();
    // Marks the form as taken over by the browser (tests wait for it before typing).
    rootRef.current?.setAttribute('data-ready', 'true');
    return () => {
      clearTimeout(timer.current);
      clearTimeout(rememberTimer.current);
    };
    // Runs once, after hydration: restoring earlier would make the first render differ from the server's.
  }, []);

  // Gives rjsf the answers to show, unless it holds them already (`held`: what rjsf reported).
  function show(next: unknown, held?: unknown): void {
    const s = hideUnknownComputed(schema, next);
    if (held !== undefined && reuseUnchanged(held, s) === held) {
      shown.current = held;
      return;
    }
    shown.current = s;
    redraw();
  }

  // The person uses the page again: leaving was called off (the question before leaving was
  // answered "stay"). Only their own keys and clicks say so: rjsf taking in a key typed before the
  // page began to go happens after `beforeunload`, and must not make the page think it stays.
  const staying = () => {
    going.current = false;
  };

  const changed = () => {
    dirty.current = true;
    rememberSoon();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), deps.debounceMs ?? 1500);
  };

  // A keystroke, before rjsf has taken it in (renderer/paced-form.tsx): saving and the tab's
  // storage have it at once; computed values follow when rjsf reports the change.
  const onTyped = (value: unknown, path: FieldPathList) => {
    staying();
    latest.current = setAt(latest.current, path, value);
    if (!conflicted.current) changed();
  };

  const onChange = (e: IChangeEvent) => {
    // Unchanged parts keep their identity, so rjsf skips their fields without comparing them deeply.
    const next = reuseUnchanged(latest.current, keepPruned(deps.form.prepare(e.formData), e.formData, schema));
    latest.current = next;
    show(next, e.formData);
    if (showErrors) setIssues(sectionIssues(next));
    // While the page is being left, rjsf is only catching up with keys the leaving save already
    // carries (`onTyped`); a second save for the computed values it adds could land after the
    // next page has read the draft, and that page would see it as someone else's change.
    if (!conflicted.current && !going.current) changed();
  };

  // Leaving the questions (for a button or link, another window or program) saves at once. Moving on
  // to the next question saves with the pause in typing instead: a save per field would put a part
  // of what is being typed on the server while the rest waits, and the tab's storage and the save as
  // the page is left already keep every answer.
  const onLeave = (e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget;
    if (to instanceof HTMLElement && to.matches('input, select, textarea') && rootRef.current?.contains(to)) return;
    if (dirty.current) void saveNow();
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
    <div className="indberet-form" ref={rootRef} onBlur={onLeave} onPointerDown={staying} onKeyDown={staying}>
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
      <PacedForm
        schema={schema as never}
        uiSchema={data.uiSchema as never}
        formData={shown.current}
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
        onTyped={onTyped}
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
      </PacedForm>
    </div>
  );
}
