import path from 'node:path';
import { compileMailTemplates, loadMailTemplates, type ContactsFailure, type CredentialDeps, type DeliveryDeps, type MailTemplates } from '../../engine/contacts/index.ts';
import { createMailTransport, loadMailSettings, type MailSettings, type MailTransport } from '../../engine/mail/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';

/** What the admin routes share: mail settings, the transport, and each round's templates (compiled once). */
export interface AdminRuntime {
  readonly settings: MailSettings;
  readonly transport: MailTransport;
  /** The round's time zone, for dates on pages. */
  timeZone(roundId: string): string;
  /** Workflow and credential dependencies for a round; throws the catalog error for broken templates. */
  credentialDeps(roundId: string): Promise<CredentialDeps>;
  deliveryDeps(): DeliveryDeps;
}

/**
 * Builds the runtime once per app: the transport from the mail settings, and a cache of each
 * round's compiled mail templates read from `<schemas>/<round>/mails/`.
 * @param deps the app's dependencies
 * @param settings the mail settings
 * @returns the runtime
 */
export function createAdminRuntime(deps: AppDeps, settings: MailSettings): AdminRuntime {
  const wf = workflowDeps(deps);
  const transport = createMailTransport({ ...(settings.smtpUrl ? { smtpUrl: settings.smtpUrl } : {}), outboxDir: settings.outboxDir });
  const cache = new Map<string, Promise<MailTemplates | ContactsFailure>>();
  return {
    settings,
    transport,
    timeZone: (roundId) => String(deps.registry.round(roundId)?.settings.tidszone ?? 'Europe/Copenhagen'),
    async credentialDeps(roundId) {
      // Templates come with the round's files, so a round kept in the database mails like one
      // under schemas/; the hash keys the cache, so a replaced round compiles its texts again.
      const round = deps.registry.round(roundId);
      const key = `${roundId}\u0000${round?.hash ?? ''}`;
      let p = cache.get(key);
      if (!p) {
        p = Promise.resolve(
          round
            ? compileMailTemplates(round.files, (name) => path.join(deps.config.schemasDir, roundId, name))
            : loadMailTemplates(path.join(deps.config.schemasDir, roundId)),
        );
        cache.set(key, p);
      }
      const templates = await p;
      if ('ok' in templates) {
        cache.delete(key);
        throw new AppError(templates.code, templates.params ?? {});
      }
      return { ...wf, templates, publicUrl: settings.publicUrl, linkDays: settings.linkDays };
    },
    deliveryDeps: () => ({ db: wf.db, registry: wf.registry, clock: wf.clock, transport }),
  };
}

/**
 * The mail settings of the running service, from its environment and data folder.
 * @param deps the app's dependencies
 * @returns the settings
 */
export function mailSettingsOf(deps: AppDeps): MailSettings {
  return loadMailSettings(process.env, deps.config.dataDir);
}
