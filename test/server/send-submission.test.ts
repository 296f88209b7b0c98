import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { toSubmissionView } from '../../engine/workflows/index.ts';
import type { Submission } from '../../engine/db/index.ts';
import { sendSubmission } from '../../server/send-submission.ts';

const row: Submission = {
  id: 's1',
  round_id: '2024',
  form_name: 'skema',
  organisation_id: 'o1',
  status: 'reopened',
  answers: JSON.stringify({ tekst: 'æøå "citat" \\ \u2028', tal: [1, 2.5, -0], tom: null }),
  schema_hash: 'h',
  version: 3,
  created_at: '2024-05-01T00:00:00.000Z',
  updated_at: '2024-05-02T00:00:00.000Z',
  updated_by: 'u1',
  submitted_at: null,
  submitted_by: null,
};

describe('sendSubmission', () => {
  it('answers what res.json would, with the stored text as the answers, without parsing them', async () => {
    const app = express();
    const view = toSubmissionView(row);
    app.get('/', (_req, res) => sendSubmission(res, view, row.answers));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('etag')).toBe('"3"');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ submission: JSON.parse(JSON.stringify(toSubmissionView(row))) });
      expect(text).toContain(`"answers":${row.answers}`);
    } finally {
      server.close();
    }
  });

  it('leaves a view made without parsed answers unparsed until they are read', () => {
    const view = toSubmissionView({ ...row, answers: '{ikke json' });
    expect(view.id).toBe('s1');
    expect(Object.keys(view)).toContain('answers');
    expect(() => view.answers).toThrow(SyntaxError);
  });
});
