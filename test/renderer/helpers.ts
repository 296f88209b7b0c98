import type { CompiledForm, Round } from '../../engine/index.ts';
import { testRegistry } from '../helpers/index.ts';

/** The 2024 round and its forms, loaded once. */
export async function round2024(): Promise<{ round: Round; maaltal: CompiledForm; kontaktliste: CompiledForm }> {
  const registry = await testRegistry();
  const round = registry.round('2024')!;
  return { round, maaltal: round.forms.get('maaltal')!, kontaktliste: round.forms.get('kontaktliste')! };
}

/** Levels of one unit: women and men at level 1 and level 2. */
export function unit(navn: string, [k1, m1, k2, m2]: [number, number, number, number], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { navn, niveau1: { kvinder: k1, maend: m1 }, niveau2: { kvinder: k2, maend: m2 }, tidligereMaal: { status: 'intet' }, ...extra };
}
