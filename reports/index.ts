/**
 * Reports: a round's submitted reports → a typed context (pure) → the memo and the published
 * table, rendered from Handlebars templates that analysts can change and check.
 */
export type { Enhed, MaaltalSvar, SubmittedReport, TidligereMaalStatus } from './maaltal-answer.ts';
export type { ReportRound } from './report-round.ts';
export { share, type Andel } from './share.ts';
export { roundFacts, type RoundFacts } from './round-facts.ts';
export { latestReports } from './latest-reports.ts';
export { summariseMunicipality, type KommuneTal, type Optaelling } from './summarise-municipality.ts';
export type { Aendring, Baand, Hovedtal, KoenTal, Manglende, MemoContext, RegionTal, StoerrelseTal } from './memo-context.ts';
export { buildMemoContext, type MemoInput } from './build-memo-context.ts';
export { STATUS_LABELS, TABLE_COLUMNS, type ColumnKey, type ColumnSource, type ColumnType, type StatusKode, type TableColumnDef } from './table-columns.ts';
export { resolveSchemaPath, valueLabels, type SchemaHit } from './resolve-schema-path.ts';
export { buildDataDictionary, type DataDictionary, type DictionaryEntry } from './build-data-dictionary.ts';
export { buildTable, type Cell, type PublishedTable, type TableInput, type TableRow } from './build-table.ts';
export { buildTableView, type Choice, type ColumnView, type TableQuery, type TableViewContext } from './build-table-view.ts';
export { neutraliseCell } from './neutralise-cell.ts';
export { CSV_DIALECT, toCsv, type CsvColumn } from './to-csv.ts';
export { tableToCsv } from './table-to-csv.ts';
export { dictionaryToCsv, formatValueLabels } from './dictionary-to-csv.ts';
export { tableToJson } from './table-to-json.ts';
export { tableToXlsx } from './table-to-xlsx.ts';
export { formatNumber, MISSING } from './format-number.ts';
export { formatPercent } from './format-percent.ts';
export { formatPoints } from './format-points.ts';
export { formatDate } from './format-date.ts';
export { barChartSvg, type Bar, type BarChartOptions } from './bar-chart-svg.ts';
export { HELPER_SPECS, reportHelpers, type HelperSpec } from './report-helpers.ts';
export { COMPILE_OPTIONS, createReportHandlebars, type ReportHandlebars } from './create-report-handlebars.ts';
export { readTemplateFiles, SHARED_TEMPLATE_DIR, templateDirs, type TemplateSource } from './read-template-files.ts';
export { CONTEXT_KINDS, contextKind, type ContextKind } from './context-kind.ts';
export { createTemplateSet, type TemplateProblem, type TemplateSet } from './create-template-set.ts';
export { arr, nullable, obj, values, VALUE, type Shape } from './shape.ts';
export { shapeMismatches } from './shape-mismatches.ts';
export { CONTEXT_SHAPES, MEMO_SHAPE, MUNICIPALITY_SHAPE, TABLE_SHAPE } from './context-shapes.ts';
export { checkTemplates } from './check-templates.ts';
export { renderPdf, PDF_OPTIONS } from './render-pdf.ts';
export { launchChromium, DEFAULT_CHROMIUM_PATH } from './launch-chromium.ts';
export { createRng } from './create-rng.ts';
export { syntheticAnswers, type SyntheticDeps, type SyntheticMunicipality } from './synthetic-answers.ts';
export { loadSubmittedReports } from './load-submitted-reports.ts';
export { buildMunicipalityContext, type MunicipalityContext } from './build-municipality-context.ts';
export { buildPublication, PUBLICATION_FILES, type Publication, type PublicationFile, type PublicationInput } from './build-publication.ts';
export { createFilePublicationStore, type PublicationManifest, type PublicationStore, type StoredPublication } from './publication-store.ts';
export { createDatabasePublicationStore } from './database-publication-store.ts';
export { readReportsInput } from './read-reports-input.ts';
export { loadRoundTemplates } from './load-round-templates.ts';
export { DEMO_ACTOR_EMAIL, fillDemoData, type DemoDataInput, type DemoDataResult } from './fill-demo-data.ts';
