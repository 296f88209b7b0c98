import { describe, expect, it } from 'vitest';
import { passwordWeakness } from '../../engine/workflows/password-weakness.ts';

const who = { email: 'anne.hansen@frb.dk', name: 'Anne Hansen' };

describe('new passwords after ASVS 2.1', () => {
  it('refuses short, common, repeated and personal passwords with a Danish reason', async () => {
    expect(await passwordWeakness('kort kodeord', who)).toBeNull();
    expect(await passwordWeakness('elleve tegn', who)).toMatch(/mindst 12 tegn/);
    expect(await passwordWeakness('aaaaaaaaaaaa', who)).toMatch(/for let at gætte/);
    expect(await passwordWeakness('password1234', who)).toMatch(/for let at gætte/);
    expect(await passwordWeakness('qwertyuiop12', who)).toMatch(/for let at gætte/);
    expect(await passwordWeakness('hansen-og-sønner-2024', who)).toMatch(/e-mailadresse eller dit navn/);
    expect(await passwordWeakness('et langt kodeord her', { ...who, current: 'et langt kodeord her' })).toMatch(/samme som før/);
  });

  it('takes long passphrases and random passwords with no composition rule', async () => {
    for (const p of ['korrekt hest batteri', 'en lang og sikker adgangskode', 'x7#Kq2!mZp9@', 'alle kommuner indberetter']) expect(await passwordWeakness(p, who), p).toBeNull();
  });
});
