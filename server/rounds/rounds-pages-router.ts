import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import { copyStoredRound, dryRunRound, editChoices, isFileName, publishRound, QUESTION_KINDS, saveRoundFiles } from '../../engine/rounds/index.ts';
import {
  RoundDiffPage,
  RoundDryRunPage,
  RoundEditPage,
  type EditCheck,
  RoundFileEditorPage,
  RoundPage,
  RoundsListPage,
  roundHref,
} from '../../renderer/admin/index.ts';
import { MessagePage, serverValidator } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { adminPageUser, requireAdminPage } from '../admin/index.ts';
import { sendPage } from '../pages/index.ts';
import { checkEdit } from './check-edit.ts';
import { editFields, editFromFields, QUESTION_KIND_LABELS } from './edit-from-body.ts';
import { lintEdit } from './lint-edit.ts';
import { roundsDeps } from './rounds-deps.ts';
import { roundsError } from './rounds-error.ts';
import { listRounds, roundView, type RoundView } from './round-view.ts';
import { roundDiffOf } from './rounds-api-router.ts';

const param = (req: Request, name: string): string => String(req.params[name] ?? '');
const field = (req: Request, name: string, max: number): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v.length <= max ? v : '';
};
const versionOf = (req: Request): number => {
  const n = Number(field(req, 'version', 12));
  return Number.isInteger(n) && n >= 0 ? n : -1;
};
const CONTENT_TYPES: Record<string, string> = { json: 'application/json', csv: 'text/csv', hbs: 'text/plain' };

/**
 * The ministry's round pages: the list (copy, upload), a round (files, download, publish), the
 * JSON editor per file with lint as you type and a live preview, the diff against the previous
 * round and the dry run. Forms post plainly (CSRF in `_csrf`); failures are shown on the page
 * with the catalog's status and Danish message.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsPagesRouter(deps: AppDeps): Router {
  const router = Router();
  const rd = roundsDeps(deps);
  const guard = requireAdminPage('Runderne administreres af ministeriets administratorer.');

  /** Answers an AppError on a page (not as JSON): the message on a page of its own. */
  const refuse = (req: Request, res: Response, e: unknown): void => {
    if (!(e instanceof AppError)) throw e;
    const a = adminPageUser(req);
    sendPage(res, createElement(MessagePage, { title: 'Det kunne ikke lade sig gøre', text: e.message, user: a.header, csrfToken: a.csrfToken }), e.status);
  };
  const page = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      refuse(req, res, e);
    }
  };

  const listPage = async (req: Request, res: Response, extra: { notice?: string; error?: string; status?: number } = {}) => {
    const a = adminPageUser(req);
    const rounds = await listRounds(rd);
    const newest = rounds.map((r) => Number(r.id.slice(0, 4))).reduce((m, y) => Math.max(m, y), 0);
    sendPage(
      res,
      createElement(RoundsListPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        rounds,
        suggestedId: String(newest + 1),
        problems: deps.roundProblems ?? [],
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      extra.status ?? 200,
    );
  };

  /** A notice may need the round's words, known once the round is read. */
  type Notice = string | ((view: RoundView) => string);
  const roundPage = async (req: Request, res: Response, roundId: string, input: { notice?: Notice; error?: string; status?: number } = {}) => {
    const a = adminPageUser(req);
    const view = await roundView(rd, roundId);
    const extra = { ...input, notice: typeof input.notice === 'function' ? input.notice(view) : input.notice };
    sendPage(
      res,
      createElement(RoundPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        id: view.id,
        title: view.title,
        status: view.status,
        version: view.version,
        previous: view.previous?.id ?? null,
        hash: view.hash,
        files: Object.keys(view.sources).sort(),
        issues: view.issues,
        many: view.labels.many,
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      extra.status ?? 200,
    );
  };

  const editorPage = async (
    req: Request,
    res: Response,
    input: { roundId: string; file: string; content?: string; notice?: string; error?: string; status?: number },
  ) => {
    const a = adminPageUser(req);
    const view = await roundView(rd, input.roundId);
    const stored = view.sources[input.file];
    if (stored === undefined && input.content === undefined) throw new AppError('NOT_FOUND', { what: `filen ${input.file.slice(0, 60)}` });
    const content = input.content ?? stored!;
    const step = Number(req.query.trin ?? 0);
    const lint = lintEdit(view.id, view.sources, input.file, content, Number.isInteger(step) ? step : 0);
    sendPage(
      res,
      createElement(RoundFileEditorPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: view.id,
        file: input.file,
        content,
        version: view.version,
        editable: view.status === 'kladde',
        issues: lint.issues,
        preview: lint.preview ?? undefined,
        lintUrl: `/api/admin/rounds/${encodeURIComponent(view.id)}/lint`,
        ...(input.notice ? { notice: input.notice } : {}),
        ...(input.error ? { error: input.error } : {}),
      }),
      input.status ?? 200,
    );
  };

  const structuredPage = async (
    req: Request,
    res: Response,
    roundId: string,
    extra: { check?: EditCheck; values?: Record<string, string>; notice?: string; error?: string; status?: number } = {},
  ) => {
    const a = adminPageUser(req);
    const view = await roundView(rd, roundId);
    if (view.status !== 'kladde') throw new AppError(view.status === 'filer' ? 'ROUND_NOT_STORED' : 'ROUND_PUBLISHED', { roundId: view.id });
    const choices = editChoices(view.sources);
    sendPage(
      res,
      createElement(RoundEditPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: view.id,
        version: view.version ?? 0,
        ...choices,
        kinds: QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] })),
        ...(extra.check ? { check: extra.check } : {}),
        ...(extra.values ? { values: extra.values } : {}),
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      extra.status ?? 200,
    );
  };

  router.get('/admin/runder/:roundId/rediger', guard, page(async (req, res) => {
    await structuredPage(req, res, param(req, 'roundId'), req.query.gemt !== undefined ? { notice: 'Ændringen er gemt.' } : {});
  }));

  // Checking applies the edit in memory and lints it; saving applies it again to the version the
  // check was made on, so an edit saved in between is refused as a conflict, never merged blindly.
  router.post('/admin/runder/:roundId/rediger', guard, page(async (req, res) => {
    const roundId = param(req, 'roundId');
    const fields = editFields(req.body);
    const edit = editFromFields(fields);
    if (typeof edit === 'string') {
      const e = new AppError('ROUND_EDIT_REFUSED', { reason: edit });
      return structuredPage(req, res, roundId, { values: fields, error: e.message, status: e.status });
    }
    const view = await roundView(rd, roundId);
    const version = versionOf(req);
    if (view.version !== null && version !== view.version) {
      const e = new AppError('ROUND_EDIT_CONFLICT', { roundId, expected: version, current: view.version });
      return structuredPage(req, res, roundId, { values: fields, error: e.message, status: e.status });
    }
    const checked = await checkEdit(rd.schemasDir, view, edit);
    if (!checked.ok) {
      const e = roundsError(checked);
      return structuredPage(req, res, roundId, { values: fields, error: e.message, status: e.status });
    }
    if (field(req, 'handling', 20) !== 'gem') {
      const check: EditCheck = {
        summary: checked.applied.summary,
        files: Object.keys(checked.applied.files),
        added: checked.added,
        remaining: checked.remaining,
        fields,
      };
      return structuredPage(req, res, roundId, { check, values: fields });
    }
    const r = await saveRoundFiles(rd, {
      roundId,
      files: checked.applied.files,
      ifVersion: version,
      actorId: adminPageUser(req).user.id,
      summary: checked.applied.summary,
    });
    if (r.ok) return res.redirect(303, `${roundHref(roundId, 'rediger')}?gemt=1`);
    const e = roundsError(r);
    await structuredPage(req, res, roundId, { values: fields, error: e.message, status: e.status });
  }));

  router.get('/admin/runder', guard, page(async (req, res) => {
    await listPage(req, res);
  }));

  router.post('/admin/runder/kopier', guard, page(async (req, res) => {
    const to = field(req, 'til', 40).trim();
    const r = await copyStoredRound(rd, { fromId: field(req, 'fra', 40), toId: to, actorId: adminPageUser(req).user.id });
    if (r.ok) return res.redirect(303, `${roundHref(r.id)}?kopieret=1`);
    const e = roundsError(r);
    await listPage(req, res, { error: e.message, status: e.status });
  }));

  router.get('/admin/runder/:roundId', guard, page(async (req, res) => {
    const notice =
      req.query.kopieret !== undefined
        ? 'Runden er oprettet som kladde. Ret filerne, og offentliggør den, når den er klar.'
        : req.query.offentliggjort !== undefined
          ? (view: RoundView) => `Runden er offentliggjort og låst. Rundens ${view.labels.many} ser den nu${view.previous ? ' med sidste års svar forudfyldt' : ''}.`
          : req.query.uploadet !== undefined
            ? 'Runden er uploadet.'
            : undefined;
    await roundPage(req, res, param(req, 'roundId'), notice ? { notice } : {});
  }));

  router.post('/admin/runder/:roundId/offentliggoer', guard, page(async (req, res) => {
    const roundId = param(req, 'roundId');
    const r = await publishRound(rd, { roundId, ifVersion: versionOf(req), actorId: adminPageUser(req).user.id });
    if (r.ok) {
      for (const form of r.round.forms.values()) serverValidator(form);
      return res.redirect(303, `${roundHref(roundId)}?offentliggjort=1`);
    }
    const e = roundsError(r);
    await roundPage(req, res, roundId, { error: e.message, status: e.status });
  }));

  router.get('/admin/runder/:roundId/filer/:fileName', guard, page(async (req, res) => {
    const notice = req.query.gemt !== undefined ? 'Filen er gemt.' : undefined;
    await editorPage(req, res, { roundId: param(req, 'roundId'), file: param(req, 'fileName'), ...(notice ? { notice } : {}) });
  }));

  router.get('/admin/runder/:roundId/filer/:fileName/hent', guard, page(async (req, res) => {
    const view = await roundView(rd, param(req, 'roundId'));
    const name = param(req, 'fileName');
    const text = isFileName(name) ? view.sources[name] : undefined;
    if (text === undefined) throw new AppError('NOT_FOUND', { what: `filen ${name.slice(0, 60)}` });
    res.set('Content-Disposition', `attachment; filename="${name}"`);
    res.type(CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'text/plain').send(text);
  }));

  router.post('/admin/runder/:roundId/filer/:fileName', guard, page(async (req, res) => {
    const roundId = param(req, 'roundId');
    const file = param(req, 'fileName');
    const content = field(req, 'indhold', 2_000_000);
    const r = await saveRoundFiles(rd, { roundId, files: { [file]: content }, ifVersion: versionOf(req), actorId: adminPageUser(req).user.id });
    if (r.ok) return res.redirect(303, `${roundHref(roundId, 'filer', file)}?gemt=1`);
    const e = roundsError(r);
    // The text stays on the page, so nothing typed is lost to a refusal.
    await editorPage(req, res, { roundId, file, content, error: e.message, status: e.status });
  }));

  router.get('/admin/runder/:roundId/aendringer', guard, page(async (req, res) => {
    const a = adminPageUser(req);
    const diff = roundDiffOf(await roundView(rd, param(req, 'roundId')));
    sendPage(res, createElement(RoundDiffPage, { user: a.header, csrfToken: a.csrfToken, diff }));
  }));

  router.get('/admin/runder/:roundId/proevekoersel', guard, page(async (req, res) => {
    const a = adminPageUser(req);
    const view = await roundView(rd, param(req, 'roundId'));
    roundDiffOf(view);
    const forms = await dryRunRound(deps.db, view.previous!, view.round!);
    sendPage(res, createElement(RoundDryRunPage, { user: a.header, csrfToken: a.csrfToken, roundId: view.id, previousId: view.previous!.id, forms, manyTitle: view.labels.manyTitle }));
  }));

  return router;
}

