/** The `qrcode` package's one function used here (qrcode 1.5: `toString(text, { type: 'svg' })`). */
interface QrCodeModule {
  toString(text: string, options: { type: 'svg'; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number }): Promise<string>;
}

/**
 * The QR renderer of the TOTP enrolment page, from the `qrcode` package. It is imported by name at
 * start-up rather than bundled, so the service bundle stays small; should it be missing from an
 * installation, the page still offers the otpauth link and the secret as text.
 * @param load how to import a module (tests pass their own)
 * @returns a function drawing a text as SVG markup, or undefined
 */
export async function qrSvgOf(load: (name: string) => Promise<unknown> = (name) => import(name)): Promise<((text: string) => Promise<string>) | undefined> {
  const name = 'qrcode';
  let mod: QrCodeModule;
  try {
    // A CommonJS package: its exports arrive as the namespace's default.
    const m = (await load(name)) as { default?: QrCodeModule } & Partial<QrCodeModule>;
    mod = m.default ?? (m as QrCodeModule);
  } catch {
    return undefined;
  }
  return (text) => mod.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
