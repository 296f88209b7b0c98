import type { ContactImport, ContactImportStatus } from '../db/index.ts';
import type { RowError } from './check-contact-rows.ts';

/** An uploaded contact list: its check and what was imported. */
export interface ImportReport {
  readonly id: string;
  readonly roundId: string;
  readonly filename: string;
  readonly status: ContactImportStatus;
  /** Rows with a contact filled in. */
  readonly total: number;
  readonly validCount: number;
  readonly invalidRows: readonly number[];
  readonly errors: readonly RowError[];
  /** Rows with only the pre-filled municipality. */
  readonly blankRows: number;
  readonly imported: number;
  readonly changed: number;
  readonly loginsClosed: readonly string[];
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

/** The JSON stored in `contact_imports.report`. */
export type StoredReport = Omit<ImportReport, 'id' | 'roundId' | 'filename' | 'status' | 'imported' | 'createdAt' | 'decidedAt'>;

/**
 * Turns a stored import into its report.
 * @param row the row
 * @returns the report
 */
export function toImportReport(row: ContactImport): ImportReport {
  const stored = JSON.parse(row.report) as StoredReport;
  return {
    ...stored,
    id: row.id,
    roundId: row.round_id,
    filename: row.filename,
    status: row.status,
    imported: row.imported,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
