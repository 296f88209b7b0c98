import { appendAudit, inTransaction, newId, type WorkflowDeps } from '../workflows/index.ts';
import { applyContacts } from './apply-contacts.ts';
import { checkContactRows } from './check-contact-rows.ts';
import { contactFormOf, contactOf } from './contact-form.ts';
import { boardLabels } from './board-labels.ts';
import { contactColumns } from './contact-columns.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { toImportReport, type ImportReport, type StoredReport } from './import-report.ts';
import { readContactSheet } from './read-contact-sheet.ts';

/** What a failure calls a round's contact-list form (the form declaring `x-contact` fields). */
export const CONTACT_LIST = 'kontaktlisten';

/**
 * Imports a filled contact list (XLSX or CSV). Every row is checked by the round's contact-list
 * form; while any row is invalid nothing is imported and the import waits (its valid rows can be
 * imported later by an explicit choice, see commitContactImport) unless `onlyValid` makes that
 * choice up front. The upload and its check are kept either way.
 * @param deps database, registry, clock
 * @param input round, file name and bytes, the choice, and the acting admin (null: command line)
 * @returns the report, or FORM_NOT_FOUND / FILE_UNREADABLE / ORGANISATION_NOT_FOUND
 * @example
 * const r = await importContactFile(deps, { roundId: '2024', filename: 'kontakter.xlsx', bytes, onlyValid: false, actorId: null });
 */
export async function importContactFile(
  deps: WorkflowDeps,
  input: { readonly roundId: string; readonly filename: string; readonly bytes: Buffer; readonly onlyValid: boolean; readonly actorId: string | null },
): Promise<ImportReport | ContactsFailure> {
  const form = contactFormOf(deps.registry.round(input.roundId));
  if (!form) return contactsFail('FORM_NOT_FOUND', { roundId: input.roundId, formName: CONTACT_LIST });
  const columns = contactColumns(form, boardLabels(deps.registry.round(input.roundId)!));
  const filename = input.filename.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 200) || 'kontaktliste';
  const sheet = await readContactSheet(input.bytes, filename, columns);
  if (!sheet.ok) return sheet;
  const check = checkContactRows(form, sheet.rows, columns, sheet.letters);
  const importNow = check.errors.length === 0 || input.onlyValid;
  const at = deps.clock().toISOString();
  const id = newId();
  const valid = check.valid;
  return inTransaction(deps.db, async (trx) => {
    const applied = importNow
      ? await applyContacts(trx, { roundId: input.roundId, contacts: valid.map((v) => contactOf(form, v.value)), at, actorId: input.actorId, source: 'import' })
      : { saved: 0, changed: 0, loginsClosed: [] as string[] };
    if ('ok' in applied) return applied;
    const report: StoredReport = {
      total: check.total,
      validCount: check.valid.length,
      invalidRows: check.invalidRows,
      errors: check.errors,
      blankRows: check.blankRows.length,
      changed: applied.changed,
      loginsClosed: applied.loginsClosed,
    };
    const row = {
      id,
      round_id: input.roundId,
      filename,
      rows: JSON.stringify(valid),
      report: JSON.stringify(report),
      status: importNow ? ('imported' as const) : ('pending' as const),
      imported: applied.saved,
      created_at: at,
      created_by: input.actorId,
      decided_at: importNow ? at : null,
    };
    await trx.insertInto('contact_imports').values(row).execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: importNow ? 'contacts.imported' : 'contacts.import_held',
      entity: 'contact_import',
      entityId: id,
      data: { roundId: input.roundId, filename, total: check.total, valid: check.valid.length, invalidRows: check.invalidRows.length, imported: applied.saved },
    });
    return toImportReport(row);
  });
}
