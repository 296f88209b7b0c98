/** One uploaded file of a `multipart/form-data` body. */
export interface MultipartFile {
  /** The name the browser gave, as sent (no path). */
  readonly filename: string;
  readonly type: string;
  readonly data: Buffer;
}

/** A parsed form: text fields (the first of each name) and files (the first of each name). */
export type MultipartResult =
  | { readonly ok: true; readonly fields: Record<string, string>; readonly files: Record<string, MultipartFile> }
  | { readonly ok: false; readonly reason: string };

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The `boundary` parameter of a multipart content type (RFC 2046: 1–70 characters). */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

// Parameters of a Content-Disposition header: `name="a;b"`, `filename=x`, `filename*=UTF-8''%C3%A6`.
function dispositionParams(value: string): Map<string, string> {
  const out = new Map<string, string>();
  // Browsers escape no backslash inside the quotes (HTML's form encoding), so a quote ends the value.
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"([^"]*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = (m[1] as string).toLowerCase();
    let v = m[2] !== undefined ? m[2] : (m[3] ?? '').trim();
    if (key.endsWith('*')) {
      const ext = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(v);
      if (!ext) continue;
      try {
        v = decodeURIComponent(ext[2] as string);
      } catch {
        continue;
      }
      // The extended form wins over the plain one, whichever came first.
      out.set(key.slice(0, -1), v);
      out.set(`${key}`, v);
      continue;
    }
    // Browsers send `"`, CR and LF in names as %22, %0D and %0A, and every other byte as it is.
    if (!out.has(`${key}*`)) out.set(key, v.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n'));
  }
  return out;
}

/**
 * Parses a `multipart/form-data` body as browsers send a form with a file input. Strict: a body
 * that does not follow the format is refused, not guessed at.
 * @param body the raw body
 * @param contentType the request's Content-Type header
 * @param maxParts the most parts accepted
 * @returns fields and files, or why the body was refused
 */
export function parseMultipart(body: Buffer, contentType: string, maxParts = 20): MultipartResult {
  const boundary = boundaryOf(contentType);
  if (!boundary) return { ok: false, reason: 'no boundary' };
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.from(`\r\n--${boundary}`);
  // A preamble before the first delimiter is allowed and ignored.
  let pos = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(separator);
  if (pos < 0) return { ok: false, reason: 'no delimiter' };
  pos += pos === 0 && body[0] === 0x2d ? delimiter.length : separator.length;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const files: Record<string, MultipartFile> = Object.create(null) as Record<string, MultipartFile>;
  for (let parts = 0; ; parts++) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return { ok: true, fields, files };
    if (parts >= maxParts) return { ok: false, reason: 'too many parts' };
    // Transport padding (spaces and tabs) may follow a delimiter before its line break.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) return { ok: false, reason: 'malformed delimiter line' };
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > 8192) return { ok: false, reason: 'malformed part headers' };
    const next = body.indexOf(separator, headerEnd + 4);
    if (next < 0) return { ok: false, reason: 'unterminated part' };
    const data = body.subarray(headerEnd + 4, next);
    let disposition: string | undefined;
    let type = 'text/plain';
    for (const line of body.toString('utf8', pos, headerEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) return { ok: false, reason: 'malformed part header' };
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-disposition') disposition = value;
      else if (name === 'content-type') type = value;
    }
    pos = next + separator.length;
    if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) return { ok: false, reason: 'part without form-data disposition' };
    const params = dispositionParams(disposition);
    const name = params.get('name');
    if (name === undefined) return { ok: false, reason: 'part without a name' };
    const filename = params.get('filename');
    if (filename === undefined) {
      if (!(name in fields)) fields[name] = data.toString('utf8');
    } else if (!(name in files) && (filename !== '' || data.length > 0)) {
      // An empty file input arrives as filename="" with no content: no file.
      files[name] = { filename: filename.replace(/^.*[\\/]/, ''), type, data: Buffer.from(data) };
    }
  }
}
