import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TotpPage } from '../../renderer/index.ts';
import { qrSvgOf } from '../../server/index.ts';

describe('the enrolment page QR code', () => {
  it('is left out when the qrcode package is missing', async () => {
    expect(await qrSvgOf(() => Promise.reject(new Error('Cannot find package')))).toBeUndefined();
  });

  it('draws through the qrcode package as SVG when it is there', async () => {
    const calls: unknown[] = [];
    const fake = { default: { toString: async (text: string, o: unknown) => (calls.push([text, o]), `<svg>${text}</svg>`) } };
    const draw = await qrSvgOf(async (name) => (expect(name).toBe('qrcode'), fake));
    expect(await draw!('otpauth://totp/x')).toBe('<svg>otpauth://totp/x</svg>');
    expect(calls).toEqual([['otpauth://totp/x', { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }]]);
  });

  it('is shown as an image beside the key as text and the otpauth link', () => {
    const view = { kind: 'enrol' as const, secret: 'ABCDEFGHIJKLMNOP', uri: 'otpauth://totp/I:a?secret=ABCDEFGHIJKLMNOP', required: true, qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' };
    const html = renderToStaticMarkup(createElement(TotpPage, { csrfToken: 't', user: { navn: 'A' }, view }));
    expect(html).toContain('<img src="data:image/svg+xml;base64,PHN2Zy8+"');
    expect(html).toContain('ABCD EFGH IJKL MNOP');
    expect(html).toContain('href="otpauth://totp/I:a?secret=ABCDEFGHIJKLMNOP"');
    expect(html).toContain('Din rolle kræver totrinsbekræftelse');
    const without = renderToStaticMarkup(createElement(TotpPage, { csrfToken: 't', user: { navn: 'A' }, view: { ...view, qrDataUrl: undefined } as never }));
    expect(without).not.toContain('<img');
  });
});
