import busboy from 'busboy';
import type { Request, RequestHandler } from 'express';

/** One uploaded file of a `multipart/form-data` body. */
export interface MultipartFile {
  /** The name the browser gave, without any path. */
  readonly filename: string;
  readonly type: string;
  readonly data: Buffer;
}

/** What a multipart body may hold. */
export interface MultipartLimits {
  /** Bytes of the one file. */
  readonly fileSize: number;
  /** Text fields (the CSRF token and the form's options). */
  readonly fields: number;
  /** Bytes of one text field. */
  readonly fieldSize: number;
}

/** A body that was not read whole: the Danish reason and the status to answer with. */
export interface MultipartProblem {
  readonly status: 400 | 413;
  readonly message: string;
}

interface Parsed {
  readonly files: Record<string, MultipartFile>;
  readonly problem?: MultipartProblem;
}

const parsed = new WeakMap<Request, Parsed>();

// Browsers send `"`, CR and LF in names as %22, %0D and %0A (HTML's form encoding), which busboy
// leaves as it is.
const htmlName = (name: string): string => name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');

/**
 * The files of a `multipart/form-data` request read by {@link multipartForm}.
 * @param req the request
 * @returns the files by field name (none for any other request)
 */
export function multipartFiles(req: Request): Readonly<Record<string, MultipartFile>> {
  return parsed.get(req)?.files ?? {};
}

/**
 * Why a multipart body was not read whole (too large, too many parts, malformed), if it was not.
 * The route answers with it and uses nothing of the body.
 * @param req the request
 * @returns the problem, or undefined
 */
export function multipartProblem(req: Request): MultipartProblem | undefined {
  return parsed.get(req)?.problem;
}

const TOO_LARGE = (limits: MultipartLimits): MultipartProblem => ({
  status: 413,
  message: `Filen er for stor. Den må højst fylde ${Math.round(limits.fileSize / 1024 / 1024)} MB.`,
});
const TOO_MANY: MultipartProblem = { status: 413, message: 'Formularen indeholder for mange felter eller filer. Send én fil ad gangen.' };
const MALFORMED: MultipartProblem = { status: 400, message: 'Forsendelsen kunne ikke læses, måske blev den afbrudt. Prøv at uploade filen igen.' };

/**
 * Reads a `multipart/form-data` body (a form with a file input, sent without JavaScript) with
 * busboy as it streams in: text fields become `req.body`, where the CSRF check finds `_csrf`, and
 * the first file is kept for {@link multipartFiles}. A body past the limits or not in the format
 * is drained and marked with a {@link multipartProblem} instead of failing the request, so the
 * route (after the CSRF check) answers with a Danish page. Mounted only on the routes that take
 * uploads, before the CSRF check; other content types pass untouched.
 * @param limits the file size, field count and field size accepted
 * @returns the middleware
 */
export function multipartForm(limits: MultipartLimits): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('multipart/form-data')) return next();
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: limits.fileSize, files: 1, fields: limits.fields, parts: limits.fields + 1, fieldSize: limits.fieldSize, headerPairs: 20 },
      });
    } catch {
      // No boundary, or not multipart after all.
      parsed.set(req, { files: {}, problem: MALFORMED });
      req.body = {};
      return next();
    }
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    const files: Record<string, MultipartFile> = Object.create(null) as Record<string, MultipartFile>;
    let problem: MultipartProblem | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.body = fields;
      parsed.set(req, problem ? { files: {}, problem } : { files });
      next();
    };
    const stop = (p: MultipartProblem) => {
      problem ??= p;
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return stop(TOO_MANY);
      const key = htmlName(name);
      if (!(key in fields)) fields[key] = value;
    });
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => stop(TOO_LARGE(limits)));
      // A body cut off inside the file fails the part's stream too; unhandled, it would end the process.
      stream.on('error', () => stop(MALFORMED));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        // An empty file input arrives as filename="" with no content: no file.
        const key = htmlName(name);
        if (!(key in files) && (info.filename || data.length > 0)) {
          files[key] = { filename: htmlName(info.filename ?? '').replace(/^.*[\\/]/, ''), type: info.mimeType, data };
        }
      });
    });
    bb.on('partsLimit', () => stop(TOO_MANY));
    bb.on('filesLimit', () => stop(TOO_MANY));
    bb.on('fieldsLimit', () => stop(TOO_MANY));
    bb.on('error', () => {
      stop(MALFORMED);
      req.unpipe(bb);
      // Read the rest of the body so the answer reaches the browser.
      req.resume();
      finish();
    });
    bb.on('close', finish);
    req.on('aborted', () => {
      stop(MALFORMED);
      finish();
    });
    req.pipe(bb);
  };
}
