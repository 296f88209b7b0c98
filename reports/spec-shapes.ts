import type { CompiledDataset, CompiledFigure, CompiledReport } from './compile-report.ts';
import type { ContextKind } from './context-kind.ts';
import type { DocumentSpec } from './report-spec.ts';
import { arr, CHART, nullable, obj, values, VALUE, type Shape } from './shape.ts';

const ANDEL = values('antal', 'ialt', 'andel');

function figureShape(report: CompiledReport, f: CompiledFigure, withHistory: boolean): Shape {
  const ds = f.dataset ? report.datasets.get(f.dataset) : undefined;
  const base: Record<string, Shape> =
    f.shape === 'andel'
      ? { antal: VALUE, ialt: VALUE, andel: VALUE }
      : f.shape === 'liste'
        ? { antal: VALUE, raekker: arr(values(...(f.spec.list ?? []).filter((k) => ds?.byKey.has(k)))) }
        : { vaerdi: VALUE };
  if (withHistory) {
    base.forrige = f.shape === 'liste' ? VALUE : nullable(f.shape === 'andel' ? ANDEL : values('vaerdi'));
    base.aendring = VALUE;
  }
  return obj(base);
}

function rowShape(ds: CompiledDataset, extra: Record<string, Shape>): Shape {
  const props: Record<string, Shape> = {};
  for (const c of ds.columns) if (c.publish) props[c.key] = c.spec.path !== undefined ? { t: 'value', schemaPath: c.spec.path } : VALUE;
  return obj({ ...props, $respondent: VALUE, $kind: VALUE, $codes: { t: 'map', values: VALUE }, ...extra });
}

const DICTIONARY = arr(
  obj({ noegle: VALUE, overskrift: VALUE, type: VALUE, kilde: VALUE, beskrivelse: VALUE, vaerdier: nullable({ t: 'map', values: VALUE }) }),
);

/**
 * The shape of the context a document's template is rendered with, built from the report spec,
 * so the template check knows every figure, group and column by name.
 * @param report the compiled spec
 * @param doc the document
 * @returns the shape
 */
export function documentShape(report: CompiledReport, doc: Pick<DocumentSpec, 'kind' | 'dataset'>): Shape {
  const runde = values('id', 'titel');
  if (doc.kind === 'notat') {
    const figurer = Object.fromEntries(report.figures.map((f) => [f.name, figureShape(report, f, true)]));
    const opdelinger = Object.fromEntries(
      report.breakdowns.map((b) => [
        b.name,
        arr(obj({ noegle: VALUE, etiket: VALUE, fordeling: nullable(values('antal', 'ialt', 'andel', 'afrundet')), ...Object.fromEntries(b.figures.map((f) => [f.name, figureShape(report, f, false)])) })),
      ]),
    );
    const diagrammer = Object.fromEntries(report.charts.map((c) => [c.name, CHART]));
    return obj({
      runde: values('id', 'titel', 'aar', 'indberetningsaar', 'frist', 'afsender', 'retsgrundlag'),
      genereret: VALUE,
      respondenter: values('ental', 'flertal', 'forpligtede'),
      figurer: obj(figurer),
      opdelinger: obj(opdelinger),
      diagrammer: obj(diagrammer),
      diagramliste: arr(CHART),
      oversigt: arr(values('noegle', 'titel', 'enhed', 'procent', 'vaerdi', 'antal', 'ialt', 'forrige', 'aendring')),
      forrige: nullable(obj({ runde })),
    });
  }
  const ds = report.datasets.get(doc.dataset ?? '');
  if (!ds) return obj({});
  if (doc.kind === 'tabel') {
    const column = values('noegle', 'overskrift', 'beskrivelse', 'type', 'sortering', 'href');
    return obj({
      runde,
      titel: VALUE,
      genereret: VALUE,
      kolonner: obj(Object.fromEntries(ds.columns.filter((c) => c.publish).map((c) => [c.key, column]))),
      kolonneliste: arr(column),
      ordbog: DICTIONARY,
      raekker: arr(rowShape(ds, { celler: arr(values('vaerdi', 'type')) })),
      filtre: arr(obj({ noegle: VALUE, overskrift: VALUE, valgt: VALUE, valg: arr(values('vaerdi', 'navn', 'valgt')) })),
      filter: values('sorter', 'retning', 'aktiv'),
      antal: values('vist', 'ialt'),
      filer: nullable(values('csv', 'xlsx', 'json', 'ordbog')),
    });
  }
  return obj({
    runde,
    titel: VALUE,
    genereret: VALUE,
    respondent: obj({ kode: VALUE, navn: VALUE, ental: VALUE, indsendt: VALUE, attributter: { t: 'map', values: VALUE } }),
    raekker: arr(rowShape(ds, { felter: arr(values('noegle', 'overskrift', 'type', 'vaerdi')) })),
    ordbog: DICTIONARY,
  });
}

/**
 * The shape for each template the spec's documents use, by template name.
 * @param report the compiled spec
 * @returns template name → { kind, shape }
 */
export function templateShapes(report: CompiledReport): Map<string, { kind: ContextKind; shape: Shape }> {
  const out = new Map<string, { kind: ContextKind; shape: Shape }>();
  for (const doc of Object.values(report.spec.documents ?? {})) out.set(doc.template ?? doc.kind, { kind: doc.kind, shape: documentShape(report, doc) });
  return out;
}
