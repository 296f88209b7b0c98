import type { WorkflowDeps } from '../workflows/index.ts';
import type { MailTemplates } from './mail-templates.ts';

/** What issuing credentials and reminders needs besides the workflows' database, registry and clock. */
export interface CredentialDeps extends WorkflowDeps {
  /** The round's compiled mail templates. */
  readonly templates: MailTemplates;
  /** The service's public address, for links in mails. */
  readonly publicUrl: string;
  /** Days a set-password link is valid after it is sent. */
  readonly linkDays: number;
}
