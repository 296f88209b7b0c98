import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Round } from '../engine/index.ts';
import { appendAudit, deadlineEnd, inTransaction } from '../engine/workflows/index.ts';
import {
  buildMemoContext,
  buildMunicipalityContext,
  buildPublication,
  buildTable,
  buildTableView,
  createDatabasePublicationStore,
  createFilePublicationStore,
  launchChromium,
  loadRoundTemplates,
  loadSubmittedReports,
  PUBLICATION_FILES,
  renderPdf,
  roundFacts,
  formatDate,
  type PublicationFile,
  type TableQuery,
  type TemplateSet,
} from '../reports/index.ts';
import type { AppDeps } from './app-deps.ts';
import { csrfToken, currentUser, requireRole, requireUser } from './auth/index.ts';
import { AppError } from './errors.ts';

/*
 * Publishing: analysts and the ministry preview the memo and the table (login required); the
 * ministry (admin) publishes them once the round has closed; the public reads the published
 * snapshot at /offentlig/<round>. Before publishing nothing under /offentlig exists.
 */

const escape = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"'=`]/g, (c) => `&#${c.charCodeAt(0)};`);

/** HTML with every interpolated value escaped. */
function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? escape(values[i]) : ''), '');
}

const PAGE_STYLE = 'body{font-family:Arial,Helvetica,sans-serif;max-width:50rem;margin:0 auto;padding:1.5rem;line-height:1.5;color:#1a1a1a}a{color:#004993}';

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** Whether a round's reporting has closed: its deadline has passed and no extension runs later. */
async function closedState(deps: AppDeps, round: Round): Promise<{ closed: boolean; closesAt: Date | null }> {
  const facts = roundFacts(round, 'maaltal');
  if (!facts.frist) return { closed: false, closesAt: null };
  let closesAt = deadlineEnd(facts.frist, facts.tidszone);
  const extensions = await deps.db.selectFrom('extensions').select('until').where('round_id', '=', round.id).where('form_name', '=', 'maaltal').execute();
  for (const e of extensions) {
    const end = deadlineEnd(e.until, facts.tidszone);
    if (end > closesAt) closesAt = end;
  }
  const now = (deps.clock ?? (() => new Date()))();
  return { closed: now.getTime() >= closesAt.getTime(), closesAt };
}

const DOWNLOADS: Readonly<Record<string, PublicationFile>> = {
  'tabel.csv': 'tabel.csv',
  'tabel.xlsx': 'tabel.xlsx',
  'tabel.json': 'tabel.json',
  'dataordbog.csv': 'dataordbog.csv',
  'notat.pdf': 'notat.pdf',
};

function query(req: Request): TableQuery {
  const q = req.query as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    ...(str(q.region) ? { region: str(q.region)! } : {}),
    ...(str(q.status) ? { status: str(q.status)! } : {}),
    ...(str(q.sorter) ? { sorter: str(q.sorter)! } : {}),
    ...(str(q.retning) ? { retning: str(q.retning)! } : {}),
  };
}

function sendHtml(res: Response, body: string, cache: 'privat' | 'offentlig'): void {
  res.set('Cache-Control', cache === 'privat' ? 'no-store' : 'public, max-age=300');
  res.type('html').send(body);
}

/**
 * The publishing routes: previews and the publish action under /rapporter/<round> (login), the
 * published memo, table, downloads and each municipality's report under /offentlig/<round>.
 * Templates are read and compiled once, when the router is made.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createPublicRouter(deps: AppDeps): Router {
  const router = Router();
  // Publications live in the database (every instance serves the same one); the data folder's
  // `offentlig/`, where earlier versions kept them, is read once per round and moved in.
  const store = createDatabasePublicationStore(deps.db, createFilePublicationStore(path.join(deps.config.dataDir, 'offentlig')));
  // Compiled once per round and content hash: the rounds of the start at once (so a broken
  // template is logged at start), a round published later on first use.
  const templates = new Map<string, Promise<TemplateSet>>();
  const setOf = (round: Round): Promise<TemplateSet> => {
    const key = `${round.id}\u0000${round.hash}`;
    let loading = templates.get(key);
    if (!loading) {
      loading = loadRoundTemplates(deps.config.schemasDir, round).then((t) => {
        if (!t.set) throw new Error(`skabelonerne for runde ${round.id} kan ikke oversættes: ${t.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ')}`);
        return t.set;
      });
      // A broken template is logged and answered with a 500 when used, not a crash.
      loading.catch((e: unknown) => deps.logger.error({ err: e }, 'report templates'));
      templates.set(key, loading);
    }
    return loading;
  };
  for (const round of deps.registry.rounds) void setOf(round);
  const clock = deps.clock ?? (() => new Date());
  const roundOf = (req: Request): Round => {
    const id = req.params.roundId as string;
    const round = deps.registry.round(id);
    if (!round || !round.forms.has('maaltal')) throw new AppError('NOT_FOUND', { what: `runde ${id}` });
    return round;
  };
  const staff = [requireUser(), requireRole('admin', 'analyst')];

  const live = async (round: Round) => {
    const reports = await loadSubmittedReports(deps.db, round.id);
    const prev = deps.registry.previous(round.id);
    const previousReports = prev ? await loadSubmittedReports(deps.db, prev.id) : [];
    return { reports, ...(prev && previousReports.length > 0 ? { previous: { round: prev, reports: previousReports } } : {}) };
  };

  router.get('/rapporter/:roundId', ...staff, async (req, res) => {
    const round = roundOf(req);
    const { closed, closesAt } = await closedState(deps, round);
    const published = await store.load(round.id);
    const count = (await loadSubmittedReports(deps.db, round.id)).length;
    const user = currentUser(req)!;
    const tz = roundFacts(round, 'maaltal').tidszone;
    const action =
      user.role !== 'admin'
        ? html`<p>Kun ministeriets administratorer kan offentliggøre.</p>`
        : closed
          ? html`<form method="post" action="/rapporter/${round.id}/offentliggoer"><input type="hidden" name="_csrf" value="${csrfToken(req, res, deps.config)}"><button type="submit">${published ? 'Offentliggør igen med de nyeste indberetninger' : 'Offentliggør notat og tabel'}</button></form>`
          : html`<p>Runden kan offentliggøres, når den er lukket${closesAt ? ` (${formatDate(closesAt.toISOString(), tz, true)})` : ''}.</p>`;
    sendHtml(
      res,
      page(
        `Rapporter: ${round.title}`,
        html`<h1>Rapporter: ${round.title}</h1><p>${count} indberetninger er indsendt. Runden er ${closed ? 'lukket' : 'åben'}.</p>` +
          html`<ul><li><a href="/rapporter/${round.id}/notat">Se nøgletalsnotatet (foreløbigt)</a></li><li><a href="/rapporter/${round.id}/tabel">Se tabellen (foreløbig)</a></li></ul>` +
          (published
            ? html`<p>Offentliggjort ${formatDate(published.manifest.publishedAt, tz, true)}: <a href="/offentlig/${round.id}">/offentlig/${round.id}</a>.</p>`
            : html`<p>Endnu ikke offentliggjort.</p>`) +
          action,
      ),
      'privat',
    );
  });

  router.get('/rapporter/:roundId/notat', ...staff, async (req, res) => {
    const round = roundOf(req);
    const set = await setOf(round);
    const { reports, previous } = await live(round);
    sendHtml(res, set.render('memo', buildMemoContext({ round, reports, generatedAt: clock().toISOString(), ...(previous ? { previous } : {}) })), 'privat');
  });

  router.get('/rapporter/:roundId/tabel', ...staff, async (req, res) => {
    const round = roundOf(req);
    const set = await setOf(round);
    const { reports } = await live(round);
    const { table } = buildTable({ round, schema: round.forms.get('maaltal')!.schema, reports });
    sendHtml(res, set.render('table', buildTableView(table, round, query(req), { generatedAt: clock().toISOString() })), 'privat');
  });

  router.post('/rapporter/:roundId/offentliggoer', requireUser(), requireRole('admin'), async (req, res) => {
    const round = roundOf(req);
    const { closed, closesAt } = await closedState(deps, round);
    if (!closed) {
      const when = closesAt ? formatDate(closesAt.toISOString(), roundFacts(round, 'maaltal').tidszone, true) : 'ikke fastsat';
      throw new AppError('ROUND_NOT_CLOSED', { when });
    }
    const set = await setOf(round);
    const { reports, previous } = await live(round);
    const origin = `${req.protocol}://${req.get('host')}`;
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    try {
      browser = await launchChromium();
    } catch (e) {
      deps.logger.warn({ err: e }, 'no Chromium: the memo is published without a PDF');
    }
    const at = clock().toISOString();
    let built;
    try {
      built = await buildPublication({
        round,
        schema: round.forms.get('maaltal')!.schema,
        reports,
        ...(previous ? { previous } : {}),
        templates: set,
        generatedAt: at,
        linkTo: (k) => `${origin}/offentlig/${round.id}/kommune/${k}`,
        ...(browser ? { printPdf: (h: string) => renderPdf(browser!, h) } : {}),
      });
    } finally {
      await browser?.close();
    }
    if ('problems' in built) throw new Error(built.problems.join('; '));
    const user = currentUser(req)!;
    const manifest = await store.save(built.publication, { publishedAt: at, publishedBy: user.id, roundHash: round.hash });
    await inTransaction(deps.db, (trx) =>
      appendAudit(trx, {
        at,
        actorId: user.id,
        action: 'round.published',
        entity: 'round',
        entityId: round.id,
        data: { reports: reports.length, files: manifest.files, roundHash: round.hash },
      }),
    );
    if (req.accepts(['json', 'html']) === 'html') res.redirect(303, `/rapporter/${round.id}`);
    else res.status(201).json({ offentliggjort: manifest });
  });

  const published = async (req: Request) => {
    const round = roundOf(req);
    const pub = await store.load(round.id);
    if (!pub) throw new AppError('NOT_FOUND', { what: `offentliggørelse af runde ${round.id}` });
    return { round, pub };
  };

  router.get('/offentlig/:roundId', async (req, res) => {
    const { round, pub } = await published(req);
    const tz = roundFacts(round, 'maaltal').tidszone;
    const id = round.id;
    const links = [
      html`<li><a href="/offentlig/${id}/notat">Nøgletalsnotat</a>${pub.manifest.files.includes('notat.pdf') ? html` (<a href="/offentlig/${id}/notat.pdf">PDF</a>)` : ''}</li>`,
      html`<li><a href="/offentlig/${id}/tabel">Alle indberetninger i en tabel</a></li>`,
      html`<li>Hent data: <a href="/offentlig/${id}/tabel.csv">CSV</a>, <a href="/offentlig/${id}/tabel.xlsx">Excel</a>, <a href="/offentlig/${id}/tabel.json">JSON</a>, <a href="/offentlig/${id}/dataordbog.csv">dataordbog</a></li>`,
    ];
    sendHtml(res, page(round.title, html`<h1>${round.title}</h1><p>Offentliggjort ${formatDate(pub.manifest.publishedAt, tz)}.</p>` + `<ul>${links.join('')}</ul>`), 'offentlig');
  });

  router.get('/offentlig/:roundId/notat', async (req, res) => {
    const { pub } = await published(req);
    const file = await pub.file('notat.html');
    if (!file) throw new AppError('NOT_FOUND', { what: 'notatet' });
    sendHtml(res, file.toString('utf8'), 'offentlig');
  });

  router.get('/offentlig/:roundId/tabel', async (req, res) => {
    const { round, pub } = await published(req);
    const set = await setOf(round);
    const base = `/offentlig/${round.id}`;
    const view = buildTableView(pub.table, round, query(req), {
      generatedAt: pub.manifest.generatedAt,
      files: { csv: `${base}/tabel.csv`, xlsx: `${base}/tabel.xlsx`, json: `${base}/tabel.json`, ordbog: `${base}/dataordbog.csv` },
    });
    sendHtml(res, set.render('table', view), 'offentlig');
  });

  router.get('/offentlig/:roundId/kommune/:kommunekode', async (req, res) => {
    const { round, pub } = await published(req);
    const set = await setOf(round);
    const context = buildMunicipalityContext(pub.table, round, req.params.kommunekode as string, pub.manifest.generatedAt);
    if (!context) throw new AppError('NOT_FOUND', { what: `kommunen ${req.params.kommunekode as string}` });
    sendHtml(res, set.render('kommune', context), 'offentlig');
  });

  router.get('/offentlig/:roundId/:file', async (req, res) => {
    const name = DOWNLOADS[req.params.file as string];
    const { round, pub } = await published(req);
    const file = name ? await pub.file(name) : undefined;
    if (!name || !file) throw new AppError('NOT_FOUND', { what: `filen ${req.params.file as string}` });
    res.set('Cache-Control', 'public, max-age=300');
    res.type(PUBLICATION_FILES[name]);
    if (name !== 'notat.pdf') res.attachment(name.replace('.', `-${round.id}.`));
    res.send(file);
  });

  return router;
}
