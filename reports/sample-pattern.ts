type Node =
  | { readonly kind: 'set'; readonly ranges: readonly (readonly [number, number])[]; readonly negated: boolean }
  | { readonly kind: 'group'; readonly alternatives: readonly Seq[] }
  | { readonly kind: 'empty' };
type Seq = readonly { readonly node: Node; readonly min: number; readonly max: number }[];

class Unsupported extends Error {}

const set = (ranges: [number, number][], negated = false): Node => ({ kind: 'set', ranges, negated });
const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: [number, number][] = [[32, 32]];
// What a negated set or `.` draws from: printable ASCII, so the text stays readable.
const PRINTABLE: readonly [number, number] = [32, 126];
// `*`, `+` and `{n,}` repeat at most this many times beyond their minimum.
const OPEN_REPEAT = 3;

function parse(src: string): Seq {
  let i = 0;
  const escapeRanges = (c: string): [number, number][] | Node => {
    switch (c) {
      case 'd': return DIGIT;
      case 'w': return WORD;
      case 's': return SPACE;
      case 'D': return set(DIGIT, true);
      case 'W': return set(WORD, true);
      case 'S': return set(SPACE, true);
      case 'n': return [[10, 10]];
      case 't': return [[9, 9]];
      case 'r': return [[13, 13]];
      case 'u':
      case 'x': {
        const len = c === 'u' ? 4 : 2;
        const hex = src.slice(i, i + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Unsupported(c);
        i += len;
        const code = parseInt(hex, 16);
        return [[code, code]];
      }
      default:
        if (/[0-9bBkpP]/.test(c)) throw new Unsupported(`\\${c}`);
        return [[c.codePointAt(0)!, c.codePointAt(0)!]];
    }
  };
  const klass = (): Node => {
    const negated = src[i] === '^';
    if (negated) i++;
    const ranges: [number, number][] = [];
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let lo: number;
      if (src[i] === '\\') {
        i++;
        const e = escapeRanges(src[i++]!);
        if (!Array.isArray(e)) throw new Unsupported('negated escape in a class');
        if (e.length > 1 || e[0]![0] !== e[0]![1]) {
          ranges.push(...e);
          continue;
        }
        lo = e[0]![0];
      } else lo = src.codePointAt(i++)!;
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const hi = src[i] === '\\' ? (i++, (escapeRanges(src[i++]!) as [number, number][])[0]![0]) : src.codePointAt(i++)!;
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (src[i] !== ']') throw new Unsupported('unclosed class');
    i++;
    return set(ranges, negated);
  };
  const alternatives = (): Seq[] => {
    const alts: Seq[] = [sequence()];
    while (src[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts;
  };
  const sequence = (): Seq => {
    const seq: { node: Node; min: number; max: number }[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i++]!;
      let node: Node;
      if (c === '^' || c === '$') node = { kind: 'empty' };
      else if (c === '.') node = set([[97, 122]]);
      else if (c === '[') node = klass();
      else if (c === '(') {
        if (src[i] === '?') {
          if (src[i + 1] !== ':') throw new Unsupported('lookaround or named group');
          i += 2;
        }
        node = { kind: 'group', alternatives: alternatives() };
        if (src[i++] !== ')') throw new Unsupported('unclosed group');
      } else if (c === '\\') {
        const e = escapeRanges(src[i++] ?? '');
        node = Array.isArray(e) ? set(e) : e;
      } else node = set([[c.codePointAt(0)!, c.codePointAt(0)!]]);
      let min = 1;
      let max = 1;
      const q = src[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        [min, max] = q === '?' ? [0, 1] : q === '*' ? [0, OPEN_REPEAT] : [1, 1 + OPEN_REPEAT];
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (m) {
          i += m[0].length;
          min = Number(m[1]);
          max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + OPEN_REPEAT;
        }
      }
      if (src[i] === '?') i++; // a lazy quantifier draws the same strings
      seq.push({ node, min, max });
    }
    return seq;
  };
  const out = alternatives();
  if (i < src.length) throw new Unsupported('unbalanced )');
  return out.length === 1 ? out[0]! : [{ node: { kind: 'group', alternatives: out }, min: 1, max: 1 }];
}

function draw(seq: Seq, rng: () => number): string {
  let out = '';
  for (const { node, min, max } of seq) {
    const times = min + Math.floor(rng() * (max - min + 1));
    for (let t = 0; t < times; t++) out += drawNode(node, rng);
  }
  return out;
}

function drawNode(node: Node, rng: () => number): string {
  if (node.kind === 'empty') return '';
  if (node.kind === 'group') return draw(node.alternatives[Math.floor(rng() * node.alternatives.length)]!, rng);
  let ranges = node.ranges;
  if (node.negated) {
    const allowed: [number, number][] = [];
    for (let c = PRINTABLE[0]; c <= PRINTABLE[1]; c++) if (!node.ranges.some(([a, b]) => c >= a && c <= b)) allowed.push([c, c]);
    if (allowed.length === 0) throw new Unsupported('empty negated class');
    ranges = allowed;
  }
  const total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  let k = Math.floor(rng() * total);
  for (const [a, b] of ranges) {
    if (k <= b - a) return String.fromCodePoint(a + k);
    k -= b - a + 1;
  }
  return '';
}

/**
 * Draws a string a regular expression (as JSON Schema's `pattern` writes them) matches: classes,
 * groups, alternatives and quantifiers; `*`, `+` and open `{n,}` repeat a few times at most.
 * @param pattern the expression
 * @param rng the random source
 * @returns a matching string, or undefined for an expression beyond it (lookaround, back-references)
 */
export function samplePattern(pattern: string, rng: () => number): string | undefined {
  let seq: Seq;
  try {
    seq = parse(pattern);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  // An unanchored pattern matches what it draws; the check catches what the parser read differently.
  for (let attempt = 0; attempt < 5; attempt++) {
    let s: string;
    try {
      s = draw(seq, rng);
    } catch (e) {
      if (e instanceof Unsupported) return undefined;
      throw e;
    }
    if (re.test(s)) return s;
  }
  return undefined;
}
