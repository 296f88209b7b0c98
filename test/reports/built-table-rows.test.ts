import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Round } from '../../engine/node.ts';
import { buildDataset, buildTable, compileReport, tableRowValues, type ReportSpec } from '../../reports/index.ts';
import { respondentIndex } from '../../reports/respondent-index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A spec over the 2024 form: a code column with labels, a decimal, the submission's date and the respondent. */
const spec = (extra: ReportSpec['datasets'][string]['columns'] = []): ReportSpec =>
  ({
    form: 'maaltal',
    datasets: {
      d: {
        rows: 'enheder[]',
        columns: [
          { key: 'k', respondent: 'key' },
          { key: 'navn', respondent: 'name' },
          { key: 'kvinder', path: 'enheder[].kvinder' },
          { key: 'andel', compute: { '/': [{ var: 'kvinder' }, 3] }, type: 'decimaltal', decimals: 1 },
          { key: 'ligelig', compute: { if: [{ var: 'ligelig0' }, 'ja', 'nej'] }, labels: { ja: 'Ligelig', nej: 'Ikke ligelig' } },
          { key: 'ligelig0', path: 'enheder[].ligelig', publish: false },
          { key: 'indsendt', meta: 'submittedAt' },
          ...extra,
        ],
      },
    },
    documents: { t: { kind: 'tabel', title: 't', template: 'tabel', dataset: 'd', filters: ['ligelig'] } },
  }) as unknown as ReportSpec;

describe('a built table labels its cells on reading, as the labelled copy did', () => {
  let round: Round;
  beforeAll(async () => {
    round = (await loadRounds(path.join(ROOT, 'schemas'))).round('2024')!;
  });

  const latest = new Map([
    ['0101', { respondent: '0101', submittedAt: '2024-05-01T10:00:00Z', answers: { enheder: [{ navn: 'a', kvinder: 1, ligelig: true }, { navn: 'b', kvinder: 2, ligelig: false }] } }],
    ['0147', { respondent: '0147', submittedAt: '2024-05-01T10:00:00Z', answers: { enheder: [{ navn: 'a', kvinder: 1, ligelig: false }] } }],
  ]);

  for (const [name, extra] of [
    ['getters on one prototype', []],
    ['a column called toJSON (labelled copies)', [{ key: 'toJSON', path: 'enheder[].navn' }]],
  ] as const) {
    it(`reads, copies and writes each row as plain data, with ${name}`, () => {
      const compiled = compileReport(round, spec([...extra]), round.forms.get('maaltal')!.schema);
      expect(compiled.problems).toEqual([]);
      const report = compiled.report!;
      const rows = buildDataset(report, report.datasets.get('d')!, { latest, timeZone: 'Europe/Copenhagen' });
      const table = buildTable({ report, round, dataset: 'd', rows, filters: ['ligelig'] });
      const keys = table.columns.map((c) => c.noegle);
      const plain = table.rows.map((r) => tableRowValues(r));
      // The key order a stored table has always had: the published columns, then the row's facts.
      for (const p of plain) expect(Object.keys(p)).toEqual([...keys, '$respondent', '$kind', '$codes']);
      expect(JSON.parse(JSON.stringify(table.rows))).toEqual(plain);
      for (let i = 0; i < rows.length; i++) for (const k of keys) expect(table.rows[i]![k]).toBe(plain[i]![k]);
      const first = plain.find((p) => p.$respondent === '0101' && p.$kind === 'item')!;
      expect(first).toMatchObject({ k: '0101', kvinder: 1, andel: 0.3, ligelig: 'Ligelig', indsendt: '2024-05-01', $codes: { ligelig: 'ja' } });
      // The dataset row keeps the exact value and the code.
      expect(rows.find((r) => r.$respondent === '0101')).toMatchObject({ andel: 1 / 3, ligelig: 'ja' });
    });
  }

  it('dates a submission in the round\'s time zone around midnight and the changes of summer time', () => {
    const compiled = compileReport(round, spec(), round.forms.get('maaltal')!.schema);
    const report = compiled.report!;
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
    // Each instant with the next quarter of an hour's instants around it, so a quarter is formatted and kept first.
    const instants = ['2024-03-30T22:59:59.999Z', '2024-03-30T23:00:00.000Z', '2024-03-31T00:59:59.999Z', '2024-03-31T01:00:00.000Z', '2024-10-26T21:59:59.999Z', '2024-10-26T22:00:00.000Z', '2024-10-27T00:30:00.000Z', '2024-10-27T01:00:00.000Z', '2024-05-01T21:59:59.999Z', '2024-05-01T22:00:00.000Z', '2024-05-01T22:14:59.999Z', 'not a date'];
    const keys = round.tables.kommuner ? Object.keys(round.tables.kommuner).sort().slice(0, instants.length) : [];
    const reports = new Map(keys.map((k, i) => [k, { respondent: k, submittedAt: instants[i]!, answers: { enheder: [{ navn: 'a', kvinder: 1, ligelig: true }] } }]));
    const rows = buildDataset(report, report.datasets.get('d')!, { latest: reports, timeZone: 'Europe/Copenhagen' });
    const dated = keys.slice(0, -1).map((k) => rows.find((r) => r.$respondent === k)!.indsendt);
    expect(dated).toEqual(instants.slice(0, -1).map((iso) => f.format(new Date(iso))));
    // A report whose moment cannot be read is left out, as before.
    expect(rows.some((r) => r.$respondent === keys[keys.length - 1])).toBe(false);
  });
});

describe('a respondent list is indexed once', () => {
  it('gives each respondent\'s position and attributes, and keeps the index only of a frozen list', () => {
    const list = Object.freeze([
      Object.freeze({ key: 'a', name: 'A', attributes: Object.freeze({ region: 'x' }) }),
      Object.freeze({ key: 'b', name: 'B', attributes: Object.freeze({}) }),
    ]);
    const index = respondentIndex(list);
    expect(respondentIndex(list)).toBe(index);
    expect([...index.position]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(index.attribute('$key')).toEqual(['a', 'b']);
    expect(index.attribute('$name')).toEqual(['A', 'B']);
    expect(index.attribute('region')).toEqual(['x', null]);
    const open = [...list];
    expect(respondentIndex(open)).not.toBe(respondentIndex(open));
  });
});
