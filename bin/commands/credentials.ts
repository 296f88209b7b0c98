import { deliverMails, issueCredentials, revokeCredential } from '../../engine/contacts/index.ts';
import { createProgress, openCliContext } from '../../server/admin/cli/index.ts';
import { contactsMessage } from '../../server/admin/contacts-error.ts';
import { parseCommand } from '../parse-command.ts';

const USAGE =
  'Brug: indberet credentials send --round 2024\n' +
  '      indberet credentials resend --round 2024 --kommune 0147\n' +
  '      indberet credentials revoke --round 2024 --kommune 0147\n' +
  'Mail sendes via SMTP_URL; uden den lægges mails i udbakken i datamappen.\n';

/**
 * `indberet credentials send|resend|revoke`: sends a set-password login to every municipality
 * with a contact and no login (or anew to one), then delivers the waiting mails with a progress
 * bar on a terminal. Safe to rerun after a crash: nothing is sent twice.
 * @param args arguments after `credentials`
 * @returns 0 done, 1 some municipality or mail failed, 2 usage or configuration error
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    { allowPositionals: true, options: { round: { type: 'string' }, kommune: { type: 'string' }, schemas: { type: 'string' } } },
    args,
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  const needsKommune = sub === 'resend' || sub === 'revoke';
  if (!values.round || rest.length > 0 || !['send', 'resend', 'revoke'].includes(sub ?? '') || needsKommune !== !!values.kommune) {
    process.stderr.write(USAGE);
    return 2;
  }
  const roundId = values.round;
  const opened = await openCliContext(process.env, values.schemas);
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return 2;
  }
  const { ctx } = opened;
  try {
    if (!ctx.wf.registry.round(roundId)) {
      process.stderr.write(`Runden "${roundId}" findes ikke.\n`);
      return 2;
    }
    if (sub === 'revoke') {
      const r = await revokeCredential(ctx.wf, { roundId, code: values.kommune!, actorId: null });
      if (!r.ok) {
        process.stderr.write(`${contactsMessage(r)}\n`);
        return 1;
      }
      process.stdout.write(`Login for kommune ${values.kommune} er tilbagekaldt.\n`);
      return 0;
    }
    const cd = await ctx.rt.credentialDeps(roundId);
    const issued = await issueCredentials(cd, {
      roundId,
      mode: sub === 'resend' ? 'resend' : 'new',
      ...(values.kommune ? { codes: [values.kommune] } : {}),
      actorId: null,
    });
    if (!issued.ok) {
      process.stderr.write(`${contactsMessage(issued)}\n`);
      return 2;
    }
    for (const p of issued.problems) process.stdout.write(`${p.code}: ${contactsMessage(p.failure)}\n`);
    const progress = createProgress('Sender logins');
    const d = await deliverMails(ctx.rt.deliveryDeps(), {
      roundId,
      kinds: ['credentials'],
      onProgress: (p) => progress.update(p.done, p.total),
    });
    progress.stop();
    process.stdout.write(
      `${issued.issued.length} nye logins oprettet, ${issued.skipped.length} kommuner havde allerede et.\n` +
        `${d.sent} mails sendt via ${ctx.rt.transport.description}` +
        (d.failed ? `, ${d.failed} fejlede` : '') +
        (d.retrying ? `, ${d.retrying} prøves igen ved næste kørsel` : '') +
        (d.inProgress ? `, ${d.inProgress} er i gang i et andet job` : '') +
        '.\n',
    );
    return issued.problems.length > 0 || d.failed > 0 || d.retrying > 0 ? 1 : 0;
  } finally {
    await ctx.close();
  }
}
