import type { ContextKind } from './context-kind.ts';
import { arr, nullable, obj, values, VALUE, type Shape } from './shape.ts';
import { TABLE_COLUMNS } from './table-columns.ts';

const ANDEL = values('antal', 'ialt', 'andel');
const KOEN = values('kvinder', 'maend', 'antal', 'andelKvinder', 'andelMaend', 'gennemsnitAndelKvinder');
const HOVEDTAL = values('indberettet', 'forpligtede', 'andelKvinder', 'ligelig', 'medMaaltal', 'medPolitik', 'opfyldt', 'under20');

/** The memo context (`MemoContext`) as a shape; a test holds it to a fully built context. */
export const MEMO_SHAPE: Shape = obj({
  runde: values('id', 'titel', 'aar', 'indberetningsaar', 'frist', 'afsender'),
  genereret: VALUE,
  indberetning: obj({
    forpligtede: VALUE,
    indberettet: ANDEL,
    enheder: VALUE,
    delteKommuner: VALUE,
    mangler: arr(values('kommunekode', 'navn', 'regionsnavn')),
  }),
  koen: obj({ niveau1: KOEN, niveau2: KOEN, samlet: KOEN }),
  ligelig: obj({ niveau1: ANDEL, niveau2: ANDEL, samlet: ANDEL }),
  ikkeLigelig: obj({ antal: VALUE, medMaaltal: ANDEL, medPolitik: ANDEL }),
  tidligereMaal: obj({ medTidligereMaal: ANDEL, opfyldt: ANDEL, ikkeOpfyldt: ANDEL }),
  fordeling: obj({ baand: arr(obj({ fra: VALUE, til: VALUE, etiket: VALUE, kommuner: ANDEL })), under20: ANDEL, udenPersoner: VALUE }),
  regioner: arr(
    obj({ regionskode: VALUE, navn: VALUE, indberettet: ANDEL, andelKvinder: VALUE, ligelig: ANDEL, medMaaltal: ANDEL, medPolitik: ANDEL }),
  ),
  stoerrelse: arr(obj({ etiket: VALUE, fra: VALUE, til: VALUE, kommuner: ANDEL, andelKvinder: VALUE, ligelig: ANDEL })),
  hovedtal: HOVEDTAL,
  forrige: nullable(
    obj({
      runde: values('id', 'titel'),
      hovedtal: HOVEDTAL,
      aendring: values('indberettet', 'andelKvinder', 'ligelig', 'medMaaltal', 'medPolitik', 'opfyldt', 'under20'),
    }),
  ),
});

const ROW: Shape = obj({
  ...Object.fromEntries(
    TABLE_COLUMNS.map((c) => [c.key, c.source.kind === 'svar' ? ({ t: 'value', schemaPath: c.source.path } as const) : VALUE]),
  ),
  statusKode: VALUE,
  regionskode: VALUE,
});

const DICTIONARY = arr(
  obj({ noegle: VALUE, overskrift: VALUE, type: VALUE, kilde: VALUE, beskrivelse: VALUE, vaerdier: nullable({ t: 'map', values: VALUE }) }),
);

const COLUMN_VIEW = values('overskrift', 'beskrivelse', 'sortering', 'href');
const CHOICE = values('vaerdi', 'navn', 'valgt');

/** The table page context (`TableViewContext`) as a shape. */
export const TABLE_SHAPE: Shape = obj({
  runde: values('id', 'titel'),
  genereret: VALUE,
  kolonner: obj(Object.fromEntries(TABLE_COLUMNS.map((c) => [c.key, COLUMN_VIEW]))),
  ordbog: DICTIONARY,
  raekker: arr(ROW),
  filter: obj({
    region: VALUE,
    status: VALUE,
    sorter: VALUE,
    retning: VALUE,
    regioner: arr(CHOICE),
    statusser: arr(CHOICE),
    aktiv: VALUE,
  }),
  antal: values('vist', 'ialt'),
  filer: nullable(values('csv', 'xlsx', 'json', 'ordbog')),
});

/** The page of one municipality's report (`MunicipalityContext`) as a shape. */
export const MUNICIPALITY_SHAPE: Shape = obj({
  runde: values('id', 'titel'),
  genereret: VALUE,
  kommune: values('kommunekode', 'navn', 'region', 'indsendt'),
  enheder: arr(ROW),
  ordbog: DICTIONARY,
});

/** The shape of each context kind. */
export const CONTEXT_SHAPES: Readonly<Record<ContextKind, Shape>> = Object.freeze({
  notat: MEMO_SHAPE,
  tabel: TABLE_SHAPE,
  kommune: MUNICIPALITY_SHAPE,
});
