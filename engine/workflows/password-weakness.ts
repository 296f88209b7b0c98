import { MIN_PASSWORD_LENGTH } from './password.ts';

type Zxcvbn = (password: string, userInputs?: (string | number)[]) => { score: number };

// The dictionaries of common and breached passwords are several megabytes: read at the first
// password checked, not when the service starts.
let loading: Promise<Zxcvbn> | undefined;
function estimator(): Promise<Zxcvbn> {
  loading ??= (async () => {
    const [core, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
    core.zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return core.zxcvbn as Zxcvbn;
  })();
  return loading;
}

/** Parts of a person's e-mail and name a password must not contain (four letters or more). */
function personalParts(who: { readonly email?: string; readonly name?: string }): string[] {
  const local = (who.email ?? '').toLowerCase().split('@')[0] ?? '';
  const words = [...local.split(/[^\p{L}\p{N}]+/u), local, ...(who.name ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)];
  return [...new Set(words.filter((w) => w.length >= 4))];
}

/**
 * Why a new password cannot be used, after OWASP ASVS 2.1: at least 12 characters and no other
 * composition rule; not on the lists of common and breached passwords (checked offline: a
 * guessability score of 3 of 4 or more is required); not the person's e-mail or name; not the
 * password it replaces.
 * @param password the new password
 * @param who the account's e-mail and name, and the current password when one is replaced
 * @returns the reason in Danish (to follow "Adgangskoden kan ikke bruges: "), or null when it can be used
 */
export async function passwordWeakness(password: string, who: { readonly email?: string; readonly name?: string; readonly current?: string }): Promise<string | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `den skal være på mindst ${MIN_PASSWORD_LENGTH} tegn`;
  if (who.current !== undefined && password === who.current) return 'den må ikke være den samme som før';
  const lower = password.toLowerCase();
  const parts = personalParts(who);
  if (parts.some((p) => lower.includes(p))) return 'den må ikke indeholde din e-mailadresse eller dit navn';
  const zxcvbn = await estimator();
  if (zxcvbn(password, parts).score < 3) return 'den er for let at gætte; den ligner en almindelig eller lækket adgangskode. Brug fx flere ord, du ikke ville sætte sammen';
  return null;
}
