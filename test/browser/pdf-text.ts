import { inflateSync } from 'node:zlib';

/**
 * Reads the text of a PDF that Chromium printed: inflates its streams, decodes each font's
 * ToUnicode map and replays the text operators page by page. It knows only what Chromium writes
 * (Type0 fonts with hex glyph strings), which is all the receipt test needs; no PDF tool has to be
 * installed for it.
 * @param pdf the PDF bytes
 * @returns the text, one line per text block
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const body = m[2] ?? '';
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, s);
    let start = s + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const end = body.lastIndexOf('endstream');
    let data = Buffer.from(body.slice(start, end), 'latin1');
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        data = Buffer.alloc(0);
      }
    }
    objects.set(Number(m[1]), { dict, stream: data });
  }
  const ref = (text: string, key: string): number | undefined => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const cmaps = new Map<number, Map<string, string>>();
  const utf16 = (hex: string): string => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return out;
  };
  const cmapOf = (fontObj: number): Map<string, string> => {
    let map = cmaps.get(fontObj);
    if (map) return map;
    map = new Map();
    const tu = ref(objects.get(fontObj)?.dict ?? '', 'ToUnicode');
    const text = tu !== undefined ? (objects.get(tu)?.stream?.toString('latin1') ?? '') : '';
    for (const block of text.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
      for (const [, a, b] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(a!.toLowerCase(), utf16(b!));
    }
    for (const block of text.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const [, a, b, c] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const from = parseInt(a!, 16);
        const to = parseInt(b!, 16);
        const base = parseInt(c!, 16);
        for (let code = from; code <= to; code++) map.set(code.toString(16).padStart(a!.length, '0'), String.fromCharCode(base + code - from));
      }
    }
    cmaps.set(fontObj, map);
    return map;
  };
  const decode = (hex: string, font: number | undefined): string => {
    if (font === undefined) return '';
    const map = cmapOf(font);
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += map.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
    return out;
  };
  const lines: string[] = [];
  const pages = [...objects.entries()].filter(([, o]) => /\/Type\s*\/Page\b/.test(o.dict)).sort((a, b) => a[0] - b[0]);
  for (const [, page] of pages) {
    let resources = page.dict;
    const resRef = ref(page.dict, 'Resources');
    if (resRef !== undefined) resources = objects.get(resRef)?.dict ?? '';
    const fontDictRef = ref(resources, 'Font');
    const fontDict = fontDictRef !== undefined ? (objects.get(fontDictRef)?.dict ?? '') : (/\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '');
    const fonts = new Map<string, number>();
    for (const [, name, n] of fontDict.matchAll(/\/([A-Za-z0-9_.+-]+)\s+(\d+) 0 R/g)) fonts.set(name!, Number(n));
    const contentRefs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    const content = contentRefs.map((n) => objects.get(n)?.stream?.toString('latin1') ?? '').join('\n');
    let font: number | undefined;
    let line = '';
    const tokens = content.match(/\/[A-Za-z0-9_.+-]+|<[0-9a-fA-F\s]*>|\[|\]|-?\d*\.?\d+|[A-Za-z'"*]+/g) ?? [];
    const stack: string[] = [];
    for (const t of tokens) {
      if (t === 'Tf') font = fonts.get((stack[stack.length - 2] ?? '').slice(1));
      else if (t === 'Tj' || t === 'TJ') {
        for (const s of stack) if (s.startsWith('<')) line += decode(s.slice(1, -1).replace(/\s/g, ''), font);
      } else if (t === 'ET') {
        if (line.trim()) lines.push(line);
        line = '';
      }
      if (/^[A-Za-z'"*]+$/.test(t)) stack.length = 0;
      else stack.push(t);
    }
    if (line.trim()) lines.push(line);
  }
  return lines.join('\n');
}
