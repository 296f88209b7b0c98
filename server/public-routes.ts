import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Round } from '../engine/index.ts';
import { appendAudit, deadlineEnd, inTransaction } from '../engine/workflows/index.ts';
import {
  buildMemoContext,
  buildPublication,
  carryInto,
  buildRespondentContext,
  buildTable,
  buildTableView,
  createDatabasePublicationStore,
  createFilePublicationStore,
  launchChromium,
  loadRoundTemplates,
  countSubmittedReports,
  loadDatasets,
  loadSubmittedReports,
  publicationFileType,
  renderPdf,
  reportOf,
  respondentLink,
  roundFacts,
  formatDate,
  type CompiledReport,
  type DocumentSpec,
  type TableQuery,
  type TemplateSet,
} from '../reports/index.ts';
import { createElement } from 'react';
import { Layout, renderDocument, shellOf } from '../renderer/index.ts';
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

/**
 * A publishing page in the site's layout (skip link, header with the round's service and authority,
 * footer), its body markup already escaped by {@link html}.
 */
function page(round: Round, title: string, body: string): string {
  const content = createElement('div', { dangerouslySetInnerHTML: { __html: body } });
  return renderDocument(createElement(Layout, { title, children: content }), shellOf(round.settings));
}

/** Whether a round's reporting has closed: its deadline has passed and no extension runs later. */
async function closedState(deps: AppDeps, round: Round, formName: string): Promise<{ closed: boolean; closesAt: Date | null }> {
  const facts = roundFacts(round, formName);
  if (!facts.frist) return { closed: false, closesAt: null };
  let closesAt = deadlineEnd(facts.frist, facts.tidszone);
  const extensions = await deps.db.selectFrom('extensions').select('until').where('round_id', '=', round.id).where('form_name', '=', formName).execute();
  for (const e of extensions) {
    const end = deadlineEnd(e.until, facts.tidszone);
    if (end > closesAt) closesAt = end;
  }
  const now = (deps.clock ?? (() => new Date()))();
  return { closed: now.getTime() >= closesAt.getTime(), closesAt };
}

function query(req: Request): TableQuery {
  // Every string parameter: the table view keeps only its declared filters and sort keys.
  return Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
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
  const roundOf = (req: Request): { round: Round; report: CompiledReport } => {
    const id = req.params.roundId as string;
    const round = deps.registry.round(id);
    const report = round ? reportOf(round).report : undefined;
    // A round without a report spec that compiles has nothing to preview or publish.
    if (!round || !report) throw new AppError('NOT_FOUND', { what: `rapporter for runde ${id}` });
    return { round, report };
  };
  const documentOf = (report: CompiledReport, name: string, kinds: readonly DocumentSpec['kind'][]): DocumentSpec => {
    const doc = Object.hasOwn(report.spec.documents ?? {}, name) ? report.spec.documents![name]! : undefined;
    if (!doc || !kinds.includes(doc.kind)) throw new AppError('NOT_FOUND', { what: `dokumentet ${name}` });
    return doc;
  };
  const staff = [requireUser(), requireRole('admin', 'analyst')];
  const publicUrl = (req: Request) => deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  // This round's reports are read page by page into the datasets (loadDatasets), never held all
  // at once; the previous round's, which the memo compares with, are carried into this round's form.
  const rowsOf = async (round: Round, report: CompiledReport, dataset: string) =>
    (await loadDatasets(deps.db, report, round, { datasets: [dataset], respondents: report.population.list })).get(dataset)!;
  const live = async (round: Round, report: CompiledReport) => {
    const prev = deps.registry.previous(round.id);
    const prevForm = prev ? reportOf(prev).report?.formName : undefined;
    const previousReports = prev && prevForm ? await loadSubmittedReports(deps.db, prev.id, prevForm) : [];
    const form = report.formName;
    const previous =
      prev && previousReports.length > 0
        ? { round: prev, reports: previousReports, carry: carryInto(round, form) }
        : undefined;
    return previous ? { previous } : {};
  };

  router.get('/rapporter/:roundId', ...staff, async (req, res) => {
    const { round, report } = roundOf(req);
    const { closed, closesAt } = await closedState(deps, round, report.formName);
    const published = await store.load(round.id);
    const count = await countSubmittedReports(deps.db, round.id, report.formName);
    const user = currentUser(req)!;
    const tz = roundFacts(round, report.formName).tidszone;
    const words = report.population.words;
    const action =
      user.role !== 'admin'
        ? html`<p>Kun ministeriets administratorer kan offentliggøre.</p>`
        : closed
          ? html`<form method="post" action="/rapporter/${round.id}/offentliggoer"><input type="hidden" name="_csrf" value="${csrfToken(req, res, deps.config)}"><button type="submit">${published ? 'Offentliggør igen med de nyeste indberetninger' : 'Offentliggør'}</button></form>`
          : html`<p>Runden kan offentliggøres, når den er lukket${closesAt ? ` (${formatDate(closesAt.toISOString(), tz, true)})` : ''}.</p>`;
    const first = report.population.list[0]?.key ?? '';
    const docs = Object.entries(report.spec.documents ?? {}).map(([name, d]) =>
      d.kind === 'respondent'
        ? html`<li>${d.title} (foreløbig), én side pr. ${words.one}, fx <a href="/rapporter/${round.id}/${name}/${first}">${first}</a></li>`
        : html`<li><a href="/rapporter/${round.id}/${name}">${d.title} (foreløbig)</a></li>`,
    );
    sendHtml(
      res,
      page(
        round,
        `Rapporter: ${round.title}`,
        html`<h1>Rapporter: ${round.title}</h1><p>${count} indberetninger er indsendt. Runden er ${closed ? 'lukket' : 'åben'}.</p>` +
          `<ul>${docs.join('')}</ul>` +
          (published
            ? html`<p>Offentliggjort ${formatDate(published.manifest.publishedAt, tz, true)}: <a href="/offentlig/${round.id}">/offentlig/${round.id}</a>.</p>`
            : html`<p>Endnu ikke offentliggjort.</p>`) +
          action,
      ),
      'privat',
    );
  });

  router.get('/rapporter/:roundId/:doc', ...staff, async (req, res) => {
    const { round, report } = roundOf(req);
    const name = req.params.doc as string;
    const doc = documentOf(report, name, ['notat', 'tabel']);
    const set = await setOf(round);
    const generatedAt = clock().toISOString();
    if (doc.kind === 'notat') {
      const { previous } = await live(round, report);
      const data = await loadDatasets(deps.db, report, round);
      const context = await buildMemoContext({ report, round, data, generatedAt, ...(previous ? { previous } : {}) });
      sendHtml(res, set.render(doc.template ?? 'notat', context), 'privat');
      return;
    }
    const table = buildTable({ report, round, dataset: doc.dataset!, rows: await rowsOf(round, report, doc.dataset!), ...(doc.filters ? { filters: doc.filters } : {}) });
    sendHtml(res, set.render(doc.template ?? 'tabel', buildTableView(table, round, query(req), { title: doc.title, generatedAt })), 'privat');
  });

  router.get('/rapporter/:roundId/:doc/:code', ...staff, async (req, res) => {
    const { round, report } = roundOf(req);
    const doc = documentOf(report, req.params.doc as string, ['respondent']);
    const set = await setOf(round);
    const generatedAt = clock().toISOString();
    const table = buildTable({ report, round, dataset: doc.dataset!, rows: await rowsOf(round, report, doc.dataset!) });
    const context = buildRespondentContext(report, table, round, req.params.code as string, { title: doc.title, generatedAt });
    if (!context) throw new AppError('NOT_FOUND', { what: `${report.population.words.one} ${req.params.code as string}` });
    sendHtml(res, set.render(doc.template ?? 'respondent', context), 'privat');
  });

  router.post('/rapporter/:roundId/offentliggoer', requireUser(), requireRole('admin'), async (req, res) => {
    const { round, report } = roundOf(req);
    const { closed, closesAt } = await closedState(deps, round, report.formName);
    if (!closed) {
      const when = closesAt ? formatDate(closesAt.toISOString(), roundFacts(round, report.formName).tidszone, true) : 'ikke fastsat';
      throw new AppError('ROUND_NOT_CLOSED', { when });
    }
    const set = await setOf(round);
    const { previous } = await live(round, report);
    const count = await countSubmittedReports(deps.db, round.id, report.formName);
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    try {
      browser = await launchChromium();
    } catch (e) {
      deps.logger.warn({ err: e }, 'no Chromium: the memo is published without a PDF');
    }
    const at = clock().toISOString();
    let publication;
    try {
      publication = await buildPublication({
        report,
        round,
        reports: { db: deps.db },
        ...(previous ? { previous } : {}),
        templates: set,
        generatedAt: at,
        publicUrl: publicUrl(req),
        ...(browser ? { printPdf: (h: string) => renderPdf(browser!, h) } : {}),
      });
    } finally {
      await browser?.close();
    }
    const user = currentUser(req)!;
    const manifest = await store.save(publication, { publishedAt: at, publishedBy: user.id, roundHash: round.hash });
    await inTransaction(deps.db, (trx) =>
      appendAudit(trx, {
        at,
        actorId: user.id,
        action: 'round.published',
        entity: 'round',
        entityId: round.id,
        data: { reports: count, files: manifest.files, roundHash: round.hash },
      }),
    );
    if (req.accepts(['json', 'html']) === 'html') res.redirect(303, `/rapporter/${round.id}`);
    else res.status(201).json({ offentliggjort: manifest });
  });

  const published = async (req: Request) => {
    const { round, report } = roundOf(req);
    const pub = await store.load(round.id);
    if (!pub) throw new AppError('NOT_FOUND', { what: `offentliggørelse af runde ${round.id}` });
    return { round, report, pub };
  };

  router.get('/offentlig/:roundId', async (req, res) => {
    const { round, report, pub } = await published(req);
    const tz = roundFacts(round, report.formName).tidszone;
    const id = round.id;
    const has = (f: string) => pub.manifest.files.includes(f);
    const links: string[] = [];
    for (const [name, d] of Object.entries(report.spec.documents ?? {})) {
      if (d.kind === 'notat' && has(`${name}.html`)) {
        // The PDF link is markup of its own, added after escaping, so it is not escaped twice.
        links.push(html`<li><a href="/offentlig/${id}/${name}">${d.title}</a>` + (has(`${name}.pdf`) ? html` (<a href="/offentlig/${id}/${name}.pdf">PDF</a>)` : '') + '</li>');
      } else if (d.kind === 'tabel' && pub.tables[name]) {
        links.push(
          html`<li><a href="/offentlig/${id}/${name}">${d.title}</a>. Hent data: <a href="/offentlig/${id}/${name}.csv">CSV</a>, <a href="/offentlig/${id}/${name}.xlsx">Excel</a>, <a href="/offentlig/${id}/${name}.json">JSON</a>, <a href="/offentlig/${id}/${name}-dataordbog.csv">dataordbog</a></li>`,
        );
      }
    }
    sendHtml(res, page(round, round.title, html`<h1>${round.title}</h1><p>Offentliggjort ${formatDate(pub.manifest.publishedAt, tz)}.</p>` + `<ul>${links.join('')}</ul>`), 'offentlig');
  });

  router.get('/offentlig/:roundId/:name', async (req, res) => {
    const name = req.params.name as string;
    const { round, report, pub } = await published(req);
    const type = publicationFileType(name);
    if (type) {
      const file = await pub.file(name);
      if (!file) throw new AppError('NOT_FOUND', { what: `filen ${name}` });
      res.set('Cache-Control', 'public, max-age=300');
      res.type(type);
      if (!name.endsWith('.pdf') && !name.endsWith('.html')) res.attachment(name.replace(/\.(?=[a-z]+$)/, `-${round.id}.`));
      res.send(file);
      return;
    }
    const doc = documentOf(report, name, ['notat', 'tabel']);
    if (doc.kind === 'notat') {
      const file = await pub.file(`${name}.html`);
      if (!file) throw new AppError('NOT_FOUND', { what: doc.title });
      sendHtml(res, file.toString('utf8'), 'offentlig');
      return;
    }
    const table = pub.tables[name];
    if (!table) throw new AppError('NOT_FOUND', { what: doc.title });
    const set = await setOf(round);
    const base = `/offentlig/${round.id}/${name}`;
    const view = buildTableView(table, round, query(req), {
      title: doc.title,
      generatedAt: pub.manifest.generatedAt,
      files: { csv: `${base}.csv`, xlsx: `${base}.xlsx`, json: `${base}.json`, ordbog: `${base}-dataordbog.csv` },
    });
    sendHtml(res, set.render(doc.template ?? 'tabel', view), 'offentlig');
  });

  router.get('/offentlig/:roundId/:doc/:code', async (req, res) => {
    const { round, report, pub } = await published(req);
    const doc = documentOf(report, req.params.doc as string, ['respondent']);
    const table = pub.tables[req.params.doc as string];
    const context = table ? buildRespondentContext(report, table, round, req.params.code as string, { title: doc.title, generatedAt: pub.manifest.generatedAt }) : undefined;
    if (!context) throw new AppError('NOT_FOUND', { what: `${report.population.words.one} ${req.params.code as string}` });
    sendHtml(res, set(await setOf(round), doc, context), 'offentlig');
  });

  return router;
}

const set = (templates: TemplateSet, doc: DocumentSpec, context: unknown): string => templates.render(doc.template ?? doc.kind, context);
