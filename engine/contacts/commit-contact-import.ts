import { appendAudit, inTransaction, type WorkflowDeps } from '../workflows/index.ts';
import { applyContacts } from './apply-contacts.ts';
import { contactFormOf, contactOf, type ContactValue } from './contact-form.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { CONTACT_LIST } from './import-contact-file.ts';
import { toImportReport, type ImportReport, type StoredReport } from './import-report.ts';

/**
 * The ministry's explicit choice for a held import: import its valid rows and leave the invalid
 * ones out. Each row is checked again by the form, so what is stored is what the form accepts now.
 * @param deps database, registry, clock
 * @param input the import and the acting admin
 * @returns the updated report, or NOT_FOUND / IMPORT_DECIDED / ORGANISATION_NOT_FOUND
 */
export async function commitContactImport(
  deps: WorkflowDeps,
  input: { readonly importId: string; readonly actorId: string | null },
): Promise<ImportReport | ContactsFailure> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('contact_imports').selectAll().where('id', '=', input.importId).executeTakeFirst();
    if (!row) return contactsFail('NOT_FOUND', { what: 'importen' });
    if (row.status !== 'pending') return contactsFail('IMPORT_DECIDED');
    const form = contactFormOf(deps.registry.round(row.round_id));
    if (!form) return contactsFail('FORM_NOT_FOUND', { roundId: row.round_id, formName: CONTACT_LIST });
    const stored = JSON.parse(row.rows) as Array<{ row: number; value: Record<string, unknown> }>;
    const contacts: ContactValue[] = [];
    for (const s of stored) {
      const checked = form.validate(s.value);
      if (checked.ok) contacts.push(contactOf(form, checked.value as Record<string, unknown>));
    }
    const applied = await applyContacts(trx, { roundId: row.round_id, contacts, at, actorId: input.actorId, source: 'import' });
    if ('ok' in applied) return applied;
    const r = await trx
      .updateTable('contact_imports')
      .set({ status: 'imported', imported: applied.saved, decided_at: at })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return contactsFail('IMPORT_DECIDED');
    const report: StoredReport = { ...(JSON.parse(row.report) as StoredReport), changed: applied.changed, loginsClosed: applied.loginsClosed };
    await trx.updateTable('contact_imports').set({ report: JSON.stringify(report) }).where('id', '=', row.id).execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'contacts.imported_valid',
      entity: 'contact_import',
      entityId: row.id,
      data: { roundId: row.round_id, imported: applied.saved, left: report.invalidRows.length },
    });
    return toImportReport({ ...row, status: 'imported', imported: applied.saved, decided_at: at, report: JSON.stringify(report) });
  });
}

/**
 * Reads an import's report.
 * @param deps the database
 * @param importId the import
 * @returns the report, or undefined
 */
export async function getContactImport(deps: Pick<WorkflowDeps, 'db'>, importId: string): Promise<ImportReport | undefined> {
  const row = await deps.db.selectFrom('contact_imports').selectAll().where('id', '=', importId).executeTakeFirst();
  return row ? toImportReport(row) : undefined;
}
