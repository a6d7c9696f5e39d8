/**
 * A fast reader for the plain block YAML that manifests are almost always written in, with the same result as the
 * validator's full reader (`yaml`'s Document API with `kubeYamlParseOptions`, then `toKubernetesJsonKeys` and
 * `toJS`): go-yaml v2 scalar resolution (`resolveGoYamlV2`), string keys, no duplicate keys.
 *
 * It handles block mappings and sequences, single-line plain and quoted scalars, `|` / `>` block scalars with clip
 * or strip chomping, empty flow collections (`[]`, `{}`), comments and `---` separators. Anything else — anchors,
 * aliases, tags, flow collections with content, multi-line plain or quoted scalars, non-string or duplicate keys,
 * merge keys, tabs, unusual characters, every syntax error — makes it give up (return undefined), and the caller
 * reads the whole text with the full reader, which then decides the verdict and the error message with its line.
 * So this reader never has to be right about anything it does not accept; test/validation/fast-path-equivalence
 * checks that what it accepts it reads as the full reader does, over every YAML file of the upstream mirror.
 */
import { resolveGoYamlV2 } from './kube-yaml';

/** Thrown inside the reader to give up; never escapes. */
class GiveUp {}
const GIVE_UP = new GiveUp();

function giveUp(): never {
  throw GIVE_UP;
}

/** Characters the reader leaves to the full reader: tabs, CR, control and YAML 1.1 special characters, BOM. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
/** First characters a plain scalar (or plain key) may not start with here (YAML indicators; `-` handled apart). */
const INDICATOR_START = /^[?:,[\]{}#&*!|>'"%@`]/;

interface Line {
  /** column of the first non-space character */
  ind: number;
  /** the line from that column on (never empty, never a comment) */
  text: string;
  /** index of the physical line (for block scalars) */
  row: number;
}

const PROTO = '__proto__';
const hasOwn = Object.prototype.hasOwnProperty;
/** Key text → key, for the keys accepted (manifests repeat a small set of keys). */
const KEY_CACHE = new Map<string, string>();

/**
 * The documents of `text` as plain values (one entry per document, `null` for an empty one), or undefined when the
 * text holds anything this reader leaves to the full reader.
 */
export function parseKubeYamlFast(text: string): unknown[] | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new FastReader(text).documents();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

class FastReader {
  private readonly rows: string[];
  private lines: Line[] = [];
  private pos = 0;
  private readonly endsWithNewline: boolean;

  constructor(text: string) {
    this.rows = text.split('\n');
    this.endsWithNewline = text.endsWith('\n');
  }

  documents(): unknown[] {
    const docs: unknown[] = [];
    let current: Line[] = [];
    let seenSeparator = false;
    const flush = () => {
      if (seenSeparator || current.length > 0) docs.push(this.document(current));
      current = [];
    };
    for (let row = 0; row < this.rows.length; row++) {
      const raw = this.rows[row];
      const c0 = raw.charCodeAt(0);
      if (c0 === 0x2d /* - */ && raw.startsWith('---') && (raw.length === 3 || raw.charCodeAt(3) === 0x20)) {
        const rest = raw.slice(3).trim();
        if (rest !== '' && !rest.startsWith('#')) giveUp();
        flush();
        seenSeparator = true;
        continue;
      }
      if ((c0 === 0x2e /* . */ && raw.startsWith('...')) || c0 === 0x25 /* % */) giveUp();
      let ind = 0;
      while (ind < raw.length && raw.charCodeAt(ind) === 0x20) ind++;
      if (ind === raw.length || raw.charCodeAt(ind) === 0x23 /* # */) continue; // blank or comment line
      current.push({ ind, text: raw.slice(ind), row });
    }
    flush();
    return docs;
  }

  private document(lines: Line[]): unknown {
    if (lines.length === 0) return null;
    this.lines = lines;
    this.pos = 0;
    const first = lines[0];
    const v = this.node(first.ind, -1);
    if (this.pos < lines.length) giveUp();
    return v;
  }

  /** The node whose first line is the current line, at column `ind`, inside a parent at column `parent`. */
  private node(ind: number, parent: number): unknown {
    const line = this.lines[this.pos];
    const t = line.text;
    if (t.charCodeAt(0) === 0x2d /* - */ && (t.length === 1 || t.charCodeAt(1) === 0x20)) return this.sequence(ind);
    if (keyEnd(t) >= 0) return this.mapping(ind);
    this.pos++;
    const v = this.inlineValue(t, parent, line.row);
    this.expectNoDeeper(parent);
    return v;
  }

  /** The next line must not be more indented than the parent: it would continue a scalar or be an error. */
  private expectNoDeeper(parent: number): void {
    const next = this.lines[this.pos];
    if (next && next.ind > parent) giveUp();
  }

  private sequence(ind: number): unknown[] {
    const out: unknown[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.ind < ind) break;
      if (line.ind > ind) giveUp();
      const t = line.text;
      if (t.charCodeAt(0) !== 0x2d || (t.length > 1 && t.charCodeAt(1) !== 0x20)) break;
      let k = 1;
      while (k < t.length && t.charCodeAt(k) === 0x20) k++;
      if (k === t.length || t.charCodeAt(k) === 0x23 /* # */) {
        if (k < t.length && k === 1) giveUp();
        // the item is on the following lines (or null)
        this.pos++;
        const next = this.lines[this.pos];
        if (next && next.ind > ind) out.push(this.node(next.ind, ind));
        else out.push(null);
        continue;
      }
      const rest = t.slice(k);
      if (rest.charCodeAt(0) === 0x2d && (rest.length === 1 || rest.charCodeAt(1) === 0x20)) giveUp(); // `- - x`
      // the item starts on this line, at column ind + k: read it as if it were a line of its own
      this.lines[this.pos] = { ind: ind + k, text: rest, row: line.row };
      out.push(this.node(ind + k, ind));
    }
    return out;
  }

  private mapping(ind: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.ind < ind) break;
      if (line.ind > ind) giveUp();
      const t = line.text;
      const end = keyEnd(t);
      if (end < 0) {
        // a sequence at the mapping's column ends a value, anything else here is not ours
        if (t.charCodeAt(0) === 0x2d && (t.length === 1 || t.charCodeAt(1) === 0x20)) break;
        giveUp();
      }
      const rawKey = t.slice(0, end);
      let key = KEY_CACHE.get(rawKey);
      if (key === undefined) {
        key = keyOf(rawKey);
        if (KEY_CACHE.size > 20_000) KEY_CACHE.clear();
        KEY_CACHE.set(rawKey, key);
      }
      if (hasOwn.call(out, key)) giveUp();
      let k = end + 1;
      while (k < t.length && t.charCodeAt(k) === 0x20) k++;
      this.pos++;
      let value: unknown;
      if (k === t.length || t.charCodeAt(k) === 0x23 /* # */) {
        if (k < t.length && k === end + 1) giveUp();
        const next = this.lines[this.pos];
        if (next && next.ind > ind) value = this.node(next.ind, ind);
        else if (next && next.ind === ind && next.text.charCodeAt(0) === 0x2d && (next.text.length === 1 || next.text.charCodeAt(1) === 0x20)) {
          value = this.sequence(ind);
        } else value = null;
      } else {
        value = this.inlineValue(t.slice(k), ind, line.row);
        this.expectNoDeeper(ind);
      }
      out[key] = value;
    }
    return out;
  }

  /** A value that starts on a line (after `key: ` or `- `); block scalars take their lines from `row` on. */
  private inlineValue(t: string, parent: number, row: number): unknown {
    const c = t.charCodeAt(0);
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const dq = c === 0x22;
      const one = scanQuoted(t, 1, dq);
      if (one.close < 0) return this.multiLineQuoted(t, parent, row, dq);
      trailing(t, one.close + 1);
      return one.value;
    }
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return this.blockScalar(t, parent, row);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      const close = c === 0x5b ? 0x5d : 0x7d;
      if (t.charCodeAt(1) === close) {
        trailing(t, 2);
        return c === 0x5b ? [] : {};
      }
      if (c === 0x7b) giveUp();
      const [items, end] = flowSequence(t);
      trailing(t, end);
      return items;
    }
    let s = plainScalar(t);
    if (this.pos < this.lines.length && this.lines[this.pos].ind > parent) s = this.plainContinuation(s, t, parent, row);
    if (s === '<<') giveUp();
    return scalarValue(s);
  }

  /** A quoted scalar whose closing quote is on a later line: folded as YAML folds them. */
  private multiLineQuoted(t: string, parent: number, row: number, dq: boolean): string {
    if (parent < 0) giveUp();
    const first = t.trimEnd();
    if (first.length <= 1 || first.charCodeAt(first.length - 1) === 0x5c) giveUp();
    let s = scanQuoted(first, 1, dq).value;
    let empties = 0;
    for (let r = row + 1; r < this.rows.length; r++) {
      const raw = this.rows[r];
      let ind = 0;
      while (ind < raw.length && raw.charCodeAt(ind) === 0x20) ind++;
      if (ind === raw.length) {
        empties++;
        continue;
      }
      if (ind <= parent) giveUp();
      const body = raw.slice(ind);
      const sep = empties > 0 ? '\n'.repeat(empties) : ' ';
      empties = 0;
      const res = scanQuoted(body, 0, dq);
      if (res.close < 0) {
        const piece = body.trimEnd();
        if (piece.charCodeAt(piece.length - 1) === 0x5c) giveUp(); // an escaped line break
        s += sep + scanQuoted(piece, 0, dq).value;
        continue;
      }
      if (res.close === 0) giveUp();
      s += sep + res.value;
      trailing(body, res.close + 1);
      while (this.pos < this.lines.length && this.lines[this.pos].row <= r) this.pos++;
      return s;
    }
    return giveUp();
  }

  /** A plain scalar that goes on over the following, deeper lines: folded as YAML folds them. */
  private plainContinuation(first: string, t: string, parent: number, row: number): string {
    if (parent < 0 || first.length !== t.trimEnd().length) giveUp(); // a comment ends it; a document scalar: not ours
    let s = first;
    let prevRow = row;
    while (this.pos < this.lines.length && this.lines[this.pos].ind > parent) {
      const line = this.lines[this.pos];
      let empties = 0;
      for (let r = prevRow + 1; r < line.row; r++) {
        if (this.rows[r].trim() !== '') giveUp(); // a comment line inside: not ours
        empties++;
      }
      const ct = line.text;
      const part = plainScalar(ct, true);
      s += empties > 0 ? '\n'.repeat(empties) : ' ';
      s += part;
      this.pos++;
      prevRow = line.row;
      if (part.length !== ct.trimEnd().length) break; // ended by a comment
    }
    if (resolveGoYamlV2(s).type !== 'str') giveUp();
    return s;
  }

  private blockScalar(t: string, parent: number, row: number): string {
    if (parent < 0) giveUp(); // a document that is a block scalar: not ours
    const folded = t.charCodeAt(0) === 0x3e;
    let k = 1;
    let strip = false;
    if (t.charCodeAt(1) === 0x2d /* - */) {
      strip = true;
      k = 2;
    }
    // explicit indentation, keep chomping and anything else in the header: the full reader
    trailing(t, k);
    // the content rows: from the next physical row while empty or indented deeper than the parent
    const rows = this.rows;
    let n = -1;
    const body: string[] = [];
    let r = row + 1;
    for (; r < rows.length; r++) {
      const raw = rows[r];
      let i = 0;
      while (i < raw.length && raw.charCodeAt(i) === 0x20) i++;
      if (i === raw.length) {
        if (n >= 0 ? i > n : i > parent + 1) giveUp(); // spaces-only lines beyond the indentation: not ours
        body.push('');
        continue;
      }
      if (n < 0) {
        if (i <= parent) break;
        n = i;
        if (body.length > 0 && folded) giveUp();
      } else if (i < n) break;
      if (folded && i > n) giveUp(); // more-indented lines of a folded scalar keep their breaks: not ours
      body.push(raw.slice(n));
    }
    if (n < 0) giveUp(); // empty block scalar
    if (r >= rows.length && !this.endsWithNewline) giveUp();
    // drop the trailing empty lines (clip and strip both do)
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    // the lines read belong to this scalar: skip the logical lines among them
    const lastRow = r - 1;
    while (this.pos < this.lines.length && this.lines[this.pos].row <= lastRow) this.pos++;
    let s: string;
    if (folded) {
      s = '';
      let empties = 0;
      for (let i = 0; i < body.length; i++) {
        const l = body[i];
        if (l === '') {
          empties++;
          continue;
        }
        if (i > 0) s += empties > 0 ? '\n'.repeat(empties) : ' ';
        empties = 0;
        s += l;
      }
    } else {
      s = body.join('\n');
    }
    return strip ? s : `${s}\n`;
  }
}

/** A plain scalar's value; values JSON cannot carry (`.inf`, `.nan`) are the full reader's error. */
function scalarValue(s: string): unknown {
  const r = resolveGoYamlV2(s);
  if (r.type === 'float' && !Number.isFinite(r.value as number)) giveUp();
  return r.value;
}

/** `[a, "b", 'c']` on one line, scalars only: [items, index after the `]`]. */
function flowSequence(t: string): [unknown[], number] {
  const items: unknown[] = [];
  let i = 1;
  for (;;) {
    while (t.charCodeAt(i) === 0x20) i++;
    const c = t.charCodeAt(i);
    let end: number;
    if (c === 0x22 || c === 0x27) {
      const [v, e] = c === 0x22 ? doubleQuoted(t.slice(i)) : singleQuoted(t.slice(i));
      items.push(v);
      end = i + e;
    } else {
      end = i;
      while (end < t.length && !FLOW_STOP.has(t.charCodeAt(end))) end++;
      const raw = t.slice(i, end).trimEnd();
      if (raw === '' || INDICATOR_START.test(raw) || raw.charCodeAt(0) === 0x2d && (raw.length === 1 || raw.charCodeAt(1) === 0x20)) giveUp();
      if (raw.includes(': ') || raw.includes(' #')) giveUp();
      items.push(scalarValue(raw));
    }
    while (t.charCodeAt(end) === 0x20) end++;
    const sep = t.charCodeAt(end);
    if (sep === 0x5d /* ] */) return [items, end + 1];
    if (sep !== 0x2c /* , */) giveUp();
    i = end + 1;
    while (t.charCodeAt(i) === 0x20) i++;
    if (t.charCodeAt(i) === 0x5d) giveUp(); // a trailing comma: the full reader
  }
}

/** Characters that end a plain scalar inside a flow sequence here (`:` and `#` give up below). */
const FLOW_STOP = new Set([0x2c, 0x5b, 0x5d, 0x7b, 0x7d, 0x3a, 0x23]);

/** After a closing quote or `[]`: only spaces, then nothing or a comment. */
function trailing(t: string, end: number): void {
  let k = end;
  while (k < t.length && t.charCodeAt(k) === 0x20) k++;
  if (k === t.length) return;
  if (t.charCodeAt(k) === 0x23 && k > end) return;
  giveUp();
}

/**
 * The index of the `:` that ends the implicit key at the start of `t`, or -1 if the line is not `key: ...`.
 * Keys that need the full reader (indicators, long keys) give up.
 */
function keyEnd(t: string): number {
  const c = t.charCodeAt(0);
  if (c === 0x22 || c === 0x27) {
    let end: number;
    try {
      end = (c === 0x22 ? doubleQuoted(t) : singleQuoted(t))[1];
    } catch (e) {
      if (e === GIVE_UP) return -1;
      throw e;
    }
    let k = end;
    while (k < t.length && t.charCodeAt(k) === 0x20) k++;
    if (t.charCodeAt(k) === 0x3a && (k + 1 === t.length || t.charCodeAt(k + 1) === 0x20)) return k;
    return -1;
  }
  let i = t.indexOf(': ');
  if (i < 0) {
    if (t.charCodeAt(t.length - 1) !== 0x3a) return -1;
    i = t.length - 1;
  }
  const hash = t.indexOf(' #');
  if (hash >= 0 && hash < i) return -1; // a comment starts before it
  if (i > 1000) giveUp();
  return i;
}

/** The string key of the text before the `:`; non-string, merge and other special keys give up. */
function keyOf(raw: string): string {
  const c = raw.charCodeAt(0);
  let key: string;
  if (c === 0x22) {
    key = doubleQuoted(raw)[0];
  } else if (c === 0x27) {
    key = singleQuoted(raw)[0];
  } else {
    key = plainScalar(raw);
    if (resolveGoYamlV2(key).type !== 'str' || key === '<<' || key === '=') giveUp();
  }
  if (key === PROTO) giveUp();
  return key;
}

/**
 * A plain scalar on one line (comment and trailing spaces removed); `continuation`: a later line of a multi-line
 * one, which may start with an indicator.
 */
function plainScalar(t: string, continuation = false): string {
  if (!continuation) {
    if (INDICATOR_START.test(t)) giveUp();
    if (t.charCodeAt(0) === 0x2d && (t.length === 1 || t.charCodeAt(1) === 0x20)) giveUp();
  }
  const hash = t.indexOf(' #');
  const end = hash < 0 ? t.length : hash + 1;
  // `: ` (or a `:` ending the line) before any comment would be a nested mapping: an error
  const colon = t.indexOf(': ');
  if (colon >= 0 && colon < end) giveUp();
  if (hash < 0 && t.charCodeAt(t.length - 1) === 0x3a) giveUp();
  return end === t.length ? t.trimEnd() : t.slice(0, end).trimEnd();
}

/** `'...'` on one line: [value, index after the closing quote]. */
function singleQuoted(t: string): [string, number] {
  const r = scanQuoted(t, 1, false);
  if (r.close < 0) giveUp();
  return [r.value, r.close + 1];
}

/** `"..."` on one line: [value, index after the closing quote]. */
function doubleQuoted(t: string): [string, number] {
  const r = scanQuoted(t, 1, true);
  if (r.close < 0) giveUp();
  return [r.value, r.close + 1];
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/**
 * The content of a quoted scalar from `from` on: the value up to the closing quote and the quote's index, or the
 * value to the end of `t` and close -1. Double quotes: the common escapes only (others give up).
 */
function scanQuoted(t: string, from: number, dq: boolean): { value: string; close: number } {
  let s = '';
  let i = from;
  if (!dq) {
    for (;;) {
      const q = t.indexOf("'", i);
      if (q < 0) return { value: s + t.slice(i), close: -1 };
      s += t.slice(i, q);
      if (t.charCodeAt(q + 1) === 0x27) {
        s += "'";
        i = q + 2;
        continue;
      }
      return { value: s, close: q };
    }
  }
  for (;;) {
    let j = i;
    while (j < t.length && t.charCodeAt(j) !== 0x22 && t.charCodeAt(j) !== 0x5c) j++;
    s += t.slice(i, j);
    if (j >= t.length) return { value: s, close: -1 };
    if (t.charCodeAt(j) === 0x22) return { value: s, close: j };
    const e = t[j + 1];
    if (e === undefined) giveUp();
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      s += simple;
      i = j + 2;
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : 0;
    if (len === 0) giveUp();
    const hex = t.slice(j + 2, j + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
    const code = parseInt(hex, 16);
    if (code >= 0xd800 && code <= 0xdfff) giveUp();
    s += String.fromCharCode(code);
    i = j + 2 + len;
  }
}
