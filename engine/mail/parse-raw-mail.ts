/** A plain-text mail read back from its raw form. */
export interface ParsedMail {
  /** Header names lower-cased; values unfolded and decoded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly messageId: string;
  readonly text: string;
}

const utf8 = new TextDecoder('utf-8');

function bytesOfQuotedPrintable(text: string, underscoreIsSpace: boolean): Uint8Array {
  const out: number[] = [];
  const src = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const hex = c === '=' ? src.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (underscoreIsSpace && c === '_') {
      out.push(0x20);
    } else {
      for (const b of Buffer.from(c, 'utf8')) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : bytesOfQuotedPrintable(data, true);
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

/**
 * Reads a single-part text mail (as the service writes them): unfolds and decodes the headers and
 * decodes a quoted-printable or base64 body.
 * @param raw the message as received or stored
 * @returns headers, subject, addresses and text
 */
export function parseRawMail(raw: string): ParsedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? utf8.decode(bytesOfQuotedPrintable(body, false))
      : encoding === 'base64'
        ? utf8.decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
        : body;
  return {
    headers,
    subject: headers.get('subject') ?? '',
    from: headers.get('from') ?? '',
    to: headers.get('to') ?? '',
    messageId: headers.get('message-id') ?? '',
    text: text.replace(/\r\n/g, '\n'),
  };
}
