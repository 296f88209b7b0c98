import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { currentUser } from './auth/index.ts';

/**
 * Logs one structured line per finished request: method, path (no query string, which may hold
 * personal data), status, duration and user id.
 * @param logger the pino logger
 * @returns the middleware
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - start) / 1000n) / 1000,
          user: currentUser(req)?.id,
        },
        'request',
      );
    });
    next();
  };
}
