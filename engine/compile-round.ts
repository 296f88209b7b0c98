import { createHash } from 'node:crypto';
import type { Ajv } from 'ajv';
import { compileForm, deepFreeze } from './compile-form.ts';
import { createAjv } from './create-ajv.ts';
import { expandOptions } from './expand-options.ts';
import type { RoundFiles } from './round-files.ts';
import type { CompiledForm, JsonSchema, RuleContext } from './types.ts';

/** A form as listed in a round, with its deadline's name. */
export interface FormInfo {
  readonly name: string;
  readonly title: string;
  /** Key into the round's `datoer`, e.g. `indberetningFrist`. */
  readonly frist?: string;
}

/** A round loaded and compiled: everything the rest of the system reads about a year's forms. */
export interface Round {
  readonly id: string;
  readonly title: string;
  /** round.json as written: dates, tables' declarations and the round data rules read as `$round`. */
  readonly settings: Readonly<JsonSchema>;
  readonly tables: RuleContext['$tables'];
  readonly forms: ReadonlyMap<string, CompiledForm>;
  readonly formList: readonly FormInfo[];
  /** SHA-256 over every file of the round: a published round is frozen by it. */
  readonly hash: string;
  /** Every file of the round by relative name (`round.json`, `mails/adgang.hbs`, …), as loaded. */
  readonly files: Readonly<Record<string, string>>;
}

/** SHA-256 of a string, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// Forms whose round.json entry says `"formats": "annotate"` go into a sibling of the registry's
// instance that does not check formats: one sibling per instance, shared by the rounds it holds.
const annotating = new WeakMap<Ajv, Ajv>();

function annotatingAjv(ajv: Ajv): Ajv {
  let sibling = annotating.get(ajv);
  if (!sibling) {
    sibling = createAjv('2020-12', false, { validateSchema: ajv.opts.validateSchema, validateFormats: false });
    annotating.set(ajv, sibling);
  }
  return sibling;
}

/**
 * Compiles a linted round into frozen forms held by one ajv instance.
 * @param files the round's files (already linted)
 * @param ajv the registry's instance
 * @returns the round
 */
export function compileRound(files: RoundFiles, ajv: Ajv): Round {
  const settings = deepFreeze(structuredClone(files.settings));
  const tables = deepFreeze(structuredClone(files.tables)) as RuleContext['$tables'];
  const context: RuleContext = Object.freeze({ $round: settings, $tables: tables });
  const forms = new Map<string, CompiledForm>();
  for (const f of files.forms) {
    const schema = expandOptions(f.schema, tables);
    const formats = f.formats ?? 'assert';
    forms.set(
      f.name,
      compileForm(schema, {
        ajv: formats === 'annotate' ? annotatingAjv(ajv) : ajv,
        formats,
        name: f.name,
        title: f.title,
        ui: f.ui,
        context,
        hash: sha256(JSON.stringify([schema, f.ui, settings])),
      }),
    );
  }
  const hash = sha256(
    Object.keys(files.sources)
      .sort()
      .map((k) => `${k}\u0000${files.sources[k]}`)
      .join('\u0000'),
  );
  return Object.freeze({
    id: String(settings.id),
    title: String(settings.title),
    settings,
    tables,
    forms,
    formList: Object.freeze(files.forms.map((f) => Object.freeze({ name: f.name, title: f.title, ...(f.frist ? { frist: f.frist } : {}) }))),
    hash,
    files: Object.freeze({ ...files.sources }),
  });
}
