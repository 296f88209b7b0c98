import { describe, expect, it } from 'vitest';
import { respondentUi, startingAnswers, type PageRespondentData } from '../../engine/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';

const schema = {
  type: 'object',
  properties: {
    kode: { type: 'string', 'x-respondent-key': true },
    afdelinger: {
      type: 'array',
      items: { type: 'object', properties: { navn: { type: 'string' } } },
      'x-start': [{ when: { '==': [{ var: 'respondent.flere' }, 'ja'] }, value: [{}] }, { value: [{ navn: '{name} ({key})' }] }],
      'x-addable': { '==': [{ var: 'respondent.flere' }, 'ja'] },
    },
  },
};
const ctx = { $round: {}, $tables: {} };
const who = (flere: string): PageRespondentData => ({ key: 'S003', name: 'Styrelsen', attributes: { flere } });

describe('what a new form starts with, from the schema and the respondent', () => {
  it('fills the respondent key and the first x-start case that fits', () => {
    expect(startingAnswers(schema, who('nej'), ctx)).toEqual({ kode: 'S003', afdelinger: [{ navn: 'Styrelsen (S003)' }] });
    expect(startingAnswers(schema, who('ja'), ctx)).toEqual({ kode: 'S003', afdelinger: [{}] });
  });

  it('locks the key field and the list a respondent may not extend', () => {
    expect(respondentUi(schema, who('nej'), ctx)).toEqual({ kode: { 'ui:readonly': true }, afdelinger: { 'ui:options': { addable: false, removable: false } } });
    expect(respondentUi(schema, who('ja'), ctx)).toEqual({ kode: { 'ui:readonly': true } });
  });

  it('gives the 2024 form one unit named after a municipality with one management, and an open list to a split one', async () => {
    const form = (await testRegistry()).form('2024', 'maaltal')!;
    const frb = { key: '0147', name: 'Frederiksberg', attributes: { delt_administrativ_ledelse: 'nej' } };
    const kbh = { key: '0101', name: 'København', attributes: { delt_administrativ_ledelse: 'ja' } };
    expect(startingAnswers(form.schema, frb, ctx)).toEqual({ kommunekode: '0147', enheder: [{ navn: 'Frederiksberg' }] });
    expect(startingAnswers(form.schema, kbh, ctx)).toEqual({ kommunekode: '0101', enheder: [{}] });
    expect(respondentUi(form.schema, frb, ctx)).toMatchObject({ enheder: { 'ui:options': { addable: false } } });
    expect(respondentUi(form.schema, kbh, ctx)).not.toHaveProperty('enheder');
  });
});
