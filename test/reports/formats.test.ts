import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_DIALECT, formatDate, formatNumber, formatPercent, formatPoints, neutraliseCell, toCsv } from '../../reports/index.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

describe('Danish formats', () => {
  it('formats numbers, shares and changes the Danish way', () => {
    expect(formatNumber(12345.678, 1)).toBe('12.345,7');
    expect(formatNumber(null)).toBe('–');
    expect(formatPercent(47.25)).toBe('47,3\u00a0%');
    expect(formatPercent(100, 0)).toBe('100\u00a0%');
    expect(formatPercent(null)).toBe('–');
    expect(formatPoints(2.14)).toBe('+2,1');
    expect(formatPoints(-0.44)).toBe('\u22120,4');
    expect(formatPoints(-0.04)).toBe('0,0');
    expect(formatPoints(7, 0)).toBe('+7');
  });

  it('formats dates and times in the round time zone', () => {
    expect(formatDate('2024-05-31', 'Europe/Copenhagen')).toBe('31. maj 2024');
    // 22:30 UTC on 31 May is already 1 June in Copenhagen (summer time, UTC+2).
    expect(formatDate('2024-05-31T22:30:00Z', 'Europe/Copenhagen')).toBe('1. juni 2024');
    expect(formatDate('2024-01-15T11:05:00Z', 'Europe/Copenhagen', true)).toBe('15. januar 2024 kl. 12.05');
    expect(formatDate('ikke en dato', 'Europe/Copenhagen')).toBe('–');
  });
});

describe('CSV for Danish Excel', () => {
  it('writes BOM, semicolons, CRLF and decimal commas, and quotes only where needed', () => {
    const csv = toCsv(
      [
        { overskrift: 'Navn', type: 'tekst' },
        { overskrift: 'Andel', type: 'decimaltal' },
        { overskrift: 'Antal', type: 'heltal' },
        { overskrift: 'Ligelig', type: 'janej' },
      ],
      [
        ['Aarhus; Midt', 16.7, 3, true],
        ['Sagt "nej"\nto linjer', null, 0, false],
      ],
    );
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').startsWith(CSV_DIALECT.bom)).toBe(true);
    expect(csv.subarray(3).toString('utf8')).toBe('Navn;Andel;Antal;Ligelig\r\n"Aarhus; Midt";16,7;3;ja\r\n"Sagt ""nej""\nto linjer";;0;nej\r\n');
  });

  it('never leaves a text cell that a spreadsheet reads as a formula, and loses no text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const rows = parseDanishCsv(toCsv([{ overskrift: 'T', type: 'tekst' }], [[text]]).toString('utf8'));
        const cell = rows[1]![0]!;
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(cell === text || cell === `'${text}`).toBe(true);
        expect(neutraliseCell(text)).toBe(cell);
      }),
      { numRuns: 500 },
    );
    for (const p of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', ' =1', '＝1']) expect(neutraliseCell(p)).toBe(`'${p}`);
    for (const p of ['1+1', 'Kvinder', '', "'=1"]) expect(neutraliseCell(p)).toBe(p);
  });
});
