import { QUESTION_KINDS, type QuestionKind, type RoundEdit } from '../../engine/rounds/index.ts';

/** The answer kinds as the editor names them. */
export const QUESTION_KIND_LABELS: Readonly<Record<QuestionKind, string>> = Object.freeze({
  tekst: 'Kort tekst',
  langtekst: 'Lang tekst',
  heltal: 'Heltal (0 eller derover)',
  tal: 'Tal',
  jaNej: 'Ja/nej',
  valg: 'Valg mellem svarmuligheder',
  dato: 'Dato',
});

/** The posted fields of an edit kept for the save step; `_csrf`, `version` and `handling` are added by the page. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  sporgsmaal: ['gruppe', 'titel', 'titelEn', 'beskrivelse', 'noegle', 'type', 'muligheder', 'efter', 'obligatorisk'],
  omdoeb: ['felt', 'noegle'],
  dato: ['navn', 'dato'],
  formater: ['formular', 'formater'],
  raekke: ['tabel'],
  fil: ['navn', 'indhold'],
};

const MAX = 2_000_000;

/**
 * The posted fields of an edit form (strings only, bounded), by the edit's kind (`slags`).
 * @param body the parsed form body
 * @returns the fields, `slags` included; empty for an unknown kind
 */
export function editFields(body: unknown): Record<string, string> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof b[k] === 'string' && (b[k] as string).length <= MAX ? (b[k] as string) : undefined);
  const kind = str('slags') ?? '';
  const names = FIELDS[kind];
  if (!names) return {};
  const out: Record<string, string> = { slags: kind };
  for (const n of names) {
    const v = str(n);
    if (v !== undefined) out[n] = v;
  }
  if (kind === 'raekke') for (const k of Object.keys(b)) if (k.startsWith('kol_') && str(k) !== undefined) out[k] = str(k)!;
  return out;
}

const target = (v: string | undefined): { form: string; path: string } | undefined => {
  const at = (v ?? '').indexOf('|');
  return at > 0 ? { form: v!.slice(0, at), path: v!.slice(at + 1) } : undefined;
};

/**
 * The edit the posted fields describe, or a Danish reason why they describe none.
 * @param f the fields from {@link editFields}
 * @returns the edit, or the reason
 */
export function editFromFields(f: Readonly<Record<string, string>>): RoundEdit | string {
  switch (f.slags) {
    case 'sporgsmaal': {
      const g = target(f.gruppe);
      if (!g) return 'vælg den gruppe, spørgsmålet skal stå i';
      const type = (QUESTION_KINDS as readonly string[]).includes(f.type ?? '') ? (f.type as QuestionKind) : undefined;
      if (!type) return 'vælg en svartype';
      return {
        kind: 'add-question',
        form: g.form,
        parent: g.path,
        key: (f.noegle ?? '').trim(),
        title: f.titel ?? '',
        ...(f.titelEn?.trim() ? { titleEn: f.titelEn } : {}),
        ...(f.beskrivelse?.trim() ? { description: f.beskrivelse } : {}),
        type,
        ...(type === 'valg' ? { options: (f.muligheder ?? '').split(/\r?\n/) } : {}),
        required: f.obligatorisk === 'ja',
        ...(f.efter?.trim() ? { after: f.efter.trim() } : {}),
      };
    }
    case 'omdoeb': {
      const t = target(f.felt);
      if (!t) return 'vælg det felt, der skal omdøbes';
      return { kind: 'rename-field', form: t.form, path: t.path, key: (f.noegle ?? '').trim() };
    }
    case 'dato':
      return { kind: 'set-date', name: f.navn ?? '', date: (f.dato ?? '').trim() };
    case 'formater':
      if (f.formater !== 'assert' && f.formater !== 'annotate') return 'vælg, om formatet skal kontrolleres';
      return { kind: 'set-formats', form: f.formular ?? '', formats: f.formater };
    case 'raekke':
      return {
        kind: 'add-table-row',
        table: f.tabel ?? '',
        values: Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('kol_')).map(([k, v]) => [k.slice(4), v])),
      };
    case 'fil':
      return { kind: 'add-file', name: f.navn ?? '', content: f.indhold ?? '' };
    default:
      return 'ukendt ændring';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The edit an API client sent (`RoundEdit` as JSON), checked field by field, or a Danish reason.
 * @param v the body's `edit`
 * @returns the edit, or the reason
 */
export function editFromJson(v: unknown): RoundEdit | string {
  if (!isObj(v)) return '"edit" skal være et objekt';
  const str = (k: string, max = 2_000_000): string | undefined => (typeof v[k] === 'string' && (v[k] as string).length <= max ? (v[k] as string) : undefined);
  const need = (...keys: string[]): string | undefined => keys.find((k) => str(k) === undefined);
  const opt = (k: string): Record<string, string> => (str(k) !== undefined ? { [k]: str(k)! } : {});
  switch (v.kind) {
    case 'add-question': {
      const missing = need('form', 'parent', 'key', 'title', 'type');
      if (missing) return `"${missing}" skal være en tekst`;
      if (!(QUESTION_KINDS as readonly string[]).includes(str('type')!)) return `"type" skal være en af ${QUESTION_KINDS.join(', ')}`;
      if (v.options !== undefined && !(Array.isArray(v.options) && v.options.every((o) => typeof o === 'string'))) return '"options" skal være en liste af tekster';
      if (typeof v.required !== 'boolean') return '"required" skal være true eller false';
      return {
        kind: 'add-question',
        form: str('form')!,
        parent: str('parent')!,
        key: str('key')!,
        title: str('title')!,
        type: str('type') as QuestionKind,
        required: v.required,
        ...(Array.isArray(v.options) ? { options: v.options as string[] } : {}),
        ...opt('titleEn'),
        ...opt('description'),
        ...opt('after'),
      };
    }
    case 'rename-field': {
      const missing = need('form', 'path', 'key');
      return missing ? `"${missing}" skal være en tekst` : { kind: 'rename-field', form: str('form')!, path: str('path')!, key: str('key')! };
    }
    case 'set-date': {
      const missing = need('name', 'date');
      return missing ? `"${missing}" skal være en tekst` : { kind: 'set-date', name: str('name')!, date: str('date')! };
    }
    case 'set-formats': {
      if (str('form') === undefined) return '"form" skal være en tekst';
      if (v.formats !== 'assert' && v.formats !== 'annotate') return '"formats" skal være assert eller annotate';
      return { kind: 'set-formats', form: str('form')!, formats: v.formats };
    }
    case 'add-table-row': {
      if (str('table') === undefined) return '"table" skal være en tekst';
      if (!isObj(v.values) || !Object.values(v.values).every((x) => typeof x === 'string')) return '"values" skal være et objekt af tekster';
      return { kind: 'add-table-row', table: str('table')!, values: v.values as Record<string, string> };
    }
    case 'add-file': {
      const missing = need('name', 'content');
      return missing ? `"${missing}" skal være en tekst` : { kind: 'add-file', name: str('name')!, content: str('content')! };
    }
    default:
      return '"kind" skal være add-question, rename-field, set-date, set-formats, add-table-row eller add-file';
  }
}
