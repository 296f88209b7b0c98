import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hashRecoveryCode, matchTotp, newRecoveryCodes, otpauthUri, totpCode, totpStep } from '../../engine/workflows/index.ts';

// RFC 6238 appendix B (SHA-1, key "12345678901234567890"); the apps show the last six of the eight digits.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('gives the RFC test vectors', () => {
    for (const [seconds, eight] of RFC_VECTORS) expect(totpCode(RFC_KEY, totpStep(new Date(seconds * 1000)))).toBe(eight.slice(2));
  });

  it('round-trips base32 as the apps read it (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi==')?.toString()).toBe('foobar');
    expect(base32Decode('not base32!')).toBeUndefined();
    expect(base32Decode(base32Encode(RFC_KEY))?.equals(RFC_KEY)).toBe(true);
  });

  it('accepts one step of drift either way, and each step only after the last one used', () => {
    const at = new Date('2024-03-01T09:00:10Z');
    const step = totpStep(at);
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step), at, null)).toBe(step);
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step - 1), at, null)).toBe(step - 1);
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step + 1), at, null)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step - 2), at, null)).toBeUndefined();
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step + 2), at, null)).toBeUndefined();
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step), at, step)).toBeUndefined();
    expect(matchTotp(RFC_KEY, totpCode(RFC_KEY, step + 1), at, step)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, ` ${totpCode(RFC_KEY, step).slice(0, 3)} ${totpCode(RFC_KEY, step).slice(3)} `, at, null)).toBe(step);
    expect(matchTotp(RFC_KEY, 'abcdef', at, null)).toBeUndefined();
  });

  it('writes the otpauth URI the apps read', () => {
    expect(otpauthUri('Indberetning', 'a@b.dk', 'ABC')).toBe('otpauth://totp/Indberetning:a%40b.dk?secret=ABC&issuer=Indberetning&algorithm=SHA1&digits=6&period=30');
  });

  it('makes distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(` ${codes[0]!.toUpperCase().replace('-', ' ')} `));
  });
});
