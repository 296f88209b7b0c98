import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, ERRORS, renderMessage, type ErrorCode } from './errors.ts';
import { setRetryAfter } from './auth/retry-after.ts';

/** body-parser's error types and the codes they become. */
const PARSER_ERRORS: Readonly<Record<string, ErrorCode>> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'parameters.too.many': 'PAYLOAD_TOO_LARGE',
};

/**
 * The code for an error the HTTP layer marked as the client's fault (a 4xx `status`): a body that
 * does not decompress, a path parameter that is not valid percent-encoding. Without this they
 * would be answered as 500s, though the request, not the service, is broken.
 */
function clientError(err: unknown): ErrorCode | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  // PostgreSQL refuses text holding a NUL character (SQLSTATE 22021) wherever a request's string
  // reaches a query (an id in the path, an e-mail at login); SQLite stores it. Nothing was
  // written: the statement failed and its transaction rolled back.
  if ((err as { code?: unknown }).code === '22021') return 'BAD_REQUEST';
  const status = (err as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
}

/**
 * The one error handler: AppErrors and body-parser errors become `{ code, message, issues? }` with
 * their catalog status; anything else is logged and answered as a bare 500 with no internals.
 * @param logger where unexpected errors are logged
 * @returns the express error handler
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let code: ErrorCode;
    let message: string;
    let issues: AppError['issues'];
    if (err instanceof AppError) {
      ({ code, message, issues } = err);
    } else {
      const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
      const mapped = (typeof type === 'string' ? PARSER_ERRORS[type] : undefined) ?? clientError(err);
      code = mapped ?? 'INTERNAL';
      message = renderMessage(code);
      if (!mapped) logger.error({ err, method: req.method, path: req.path }, 'unexpected error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof AppError) setRetryAfter(res, err.params);
    res.status(ERRORS[code].status).json({ code, message, ...(issues ? { issues } : {}) });
  };
}
