import type { Request, Response } from 'express';
import type { Precompressed } from '../../renderer/index.ts';

/**
 * Sends a precompressed static file in the best encoding the request accepts (brotli, then gzip,
 * else as it is), with `Vary: Accept-Encoding` so caches keep the forms apart.
 * @param req the request (its Accept-Encoding)
 * @param res the response
 * @param file the file in its three forms
 * @param type the Content-Type (`js`, `css`, …)
 * @param cacheControl the Cache-Control value
 */
export function sendPrecompressed(req: Request, res: Response, file: Precompressed, type: string, cacheControl: string): void {
  res.vary('Accept-Encoding').type(type).set('Cache-Control', cacheControl);
  // Asked one at a time: among encodings of equal weight the negotiator keeps the client's order,
  // and browsers name gzip before br, though br is the smaller.
  if (req.acceptsEncodings('br') === 'br') res.set('Content-Encoding', 'br').send(file.br);
  else if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(file.gzip);
  else res.send(file.raw);
}
