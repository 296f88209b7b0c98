import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** A static text in the three forms a browser may ask for. */
export interface Precompressed {
  readonly raw: Buffer;
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/**
 * Brotli (best quality, text mode) and gzip (level 9) of a static file, done once when the file
 * is built or generated, never per request.
 * @param text the file's content
 * @returns the content and both compressions
 */
export async function precompress(text: string | Buffer): Promise<Precompressed> {
  const raw = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const [br, gzip] = await Promise.all([
    brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    gz(raw, { level: 9 }),
  ]);
  return { raw, br, gzip };
}
