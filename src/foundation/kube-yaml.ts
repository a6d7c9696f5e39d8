/**
 * YAML the way Kubernetes tools read it.
 *
 * kubectl, Argo CD, Flux, Helm and kubeconform read manifests through sigs.k8s.io/yaml, which decodes with go-yaml
 * v2 (YAML 1.1 scalar resolution) into untyped values and then converts them to JSON. The `yaml` package we write
 * with speaks YAML 1.2, where `n`, `on`, `0o17`, `1_000` and friends are plain strings. This module has both
 * directions:
 * - `resolveGoYamlV2(plain)`: what go-yaml v2 makes of an unquoted scalar in an untyped context (the rules of its
 *   resolve.go, checked against go-yaml v2.4, the version sigs.k8s.io/yaml pins; no code taken from it);
 * - `needsQuotes(s)` / `KUBE_YAML_COMPAT`: which strings our writer must quote so that every such reader (and the
 *   other common YAML 1.1 readers) reads back the same string;
 * - `kubeYamlTags`: `yaml` package tags that make its parser resolve scalars as go-yaml v2 does (the validator's
 *   reader).
 */
import type * as YamlModule from 'yaml';
import type { Scalar, ScalarTag } from 'yaml';

/** `yaml`, loaded on first use (the fast reader of kube-yaml-fast.ts reads most manifests without it). */
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof YamlModule);
}

export type GoYamlV2Type = 'str' | 'null' | 'bool' | 'int' | 'float';

export interface GoYamlV2Scalar {
  readonly type: GoYamlV2Type;
  /** The untyped value: the string itself for `str`, `null`, a boolean, or a number (ints exact up to 2^53). */
  readonly value: string | null | boolean | number;
  /** For `int`: the exact integer (Go `int` for int64 range, `uint64` above it). */
  readonly int?: bigint;
}

// go-yaml v2 looks a plain scalar up in a fixed table first: exactly these spellings (no other capitalisation)
const V2_TABLE = new Map<string, GoYamlV2Scalar>();
for (const [words, value] of [
  ['y Y yes Yes YES true True TRUE on On ON', true],
  ['n N no No NO false False FALSE off Off OFF', false],
] as const) {
  for (const w of words.split(' ')) V2_TABLE.set(w, { type: 'bool', value });
}
for (const w of ['', '~', 'null', 'Null', 'NULL']) V2_TABLE.set(w, { type: 'null', value: null });
for (const w of ['.nan', '.NaN', '.NAN']) V2_TABLE.set(w, { type: 'float', value: NaN });
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) V2_TABLE.set(w, { type: 'float', value: Infinity });
for (const w of ['-.inf', '-.Inf', '-.INF']) V2_TABLE.set(w, { type: 'float', value: -Infinity });

const STR = (s: string): GoYamlV2Scalar => ({ type: 'str', value: s });
/** Go strconv.ParseInt(s, 0, 64) syntax: optional sign, 0x / 0o / 0b prefixes (any case), a leading 0 is octal. */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's float syntax for scalars that start with a digit or sign (after `_` removal). */
const V2_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go strconv.ParseFloat syntax for a scalar that starts with `.` (underscores only between digits). */
const GO_DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const INT64_MIN = -(BigInt(1) << BigInt(63));
const INT64_MAX = (BigInt(1) << BigInt(63)) - BigInt(1);
const UINT64_MAX = (BigInt(1) << BigInt(64)) - BigInt(1);

function finiteFloat(s: string, text: string): GoYamlV2Scalar {
  const v = Number(text);
  // strconv.ParseFloat reports a range error for values beyond float64; go-yaml then keeps the string
  return Number.isFinite(v) ? { type: 'float', value: v } : STR(s);
}

/**
 * What go-yaml v2 (and so sigs.k8s.io/yaml, kubectl, kubeconform) makes of an unquoted scalar when it decodes
 * into an untyped value. Facts of go-yaml v2.4's resolver:
 * - only a first character of `+ - 0-9 . y Y n N t T f F o O ~` (or the empty scalar) can give a non-string;
 * - booleans, nulls, `.inf`/`.nan` are exactly the spellings of its table (`yes`, `On`, `N`, `~`, `Null`, `.Inf`…);
 * - a scalar starting with a digit or sign has every `_` removed, then is an int if Go's base-0 ParseInt (or
 *   ParseUint) accepts it (`0x1F`, `0o17`, `0b101`, `017` octal, `1_000`), else a float if it matches the YAML float
 *   syntax (`1e3`, `08`, `1.`, `-.5`); a value out of float64 range stays a string;
 * - timestamps (`2001-12-14`) are recognised but handed to untyped targets as the original string;
 * - sexagesimal numbers (`1:30`, `12:30`) are not supported: strings.
 */
export function resolveGoYamlV2(s: string): GoYamlV2Scalar {
  const hit = V2_TABLE.get(s);
  if (hit) return hit;
  const c = s.charCodeAt(0);
  if (c === 0x2e /* . */) return GO_DOT_FLOAT.test(s) ? finiteFloat(s, s.replace(/_/g, '')) : STR(s);
  const digit = c >= 0x30 && c <= 0x39;
  if (!digit && c !== 0x2b /* + */ && c !== 0x2d /* - */) return STR(s);
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const m = GO_INT.exec(plain);
  if (m) {
    const body = m[2];
    const digits = /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body.length > 2 && /^0[xXoObB]/.test(body) ? `0${body[1].toLowerCase()}${body.slice(2)}` : body;
    const big = m[1] === '-' ? -BigInt(digits) : BigInt(digits);
    if ((big >= INT64_MIN && big <= INT64_MAX) || (m[1] === '' && big <= UINT64_MAX)) return { type: 'int', value: Number(big), int: big };
  }
  if (V2_FLOAT.test(plain)) return finiteFloat(s, plain);
  return STR(s);
}

// ---------------------------------------------------------------------------------------------------------------
// writing

/**
 * Strings that some YAML 1.1 reader other than go-yaml v2 reads as something else, unquoted: the YAML 1.1 type
 * repository's implicit forms as PyYAML and the `yaml` package (version 1.1) implement them — ints with `_`,
 * leading zeros, `0b`/`0x`; floats with `_` or a bare `.`; sexagesimal ints and floats (`1:30`, `190:20:30.15`);
 * timestamps (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`); the merge key `<<` and the value key `=`.
 */
const YAML11_IMPLICIT = new RegExp(
  [
    /[-+]?(?:[0-9][0-9_]*|0b[01_]+|0x[0-9a-fA-F_]+)/,
    /[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?/,
    /[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?/,
    /[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+/,
    /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?/,
    /<<|=/,
  ]
    .map((r) => `(?:${r.source})`)
    .join('|')
    .replace(/^/, '^(?:')
    .replace(/$/, ')$'),
);

/**
 * True if the string must be quoted so that go-yaml v2 (sigs.k8s.io/yaml: kubectl, Argo CD, Flux, Helm,
 * kubeconform) and the other YAML 1.1 readers read it back as this same string. The rule: quote when go-yaml v2
 * resolves the plain scalar to a bool, null, int or float (`resolveGoYamlV2`), or when it has one of the YAML 1.1
 * implicit forms above (`12:30` and `2001-12-14` are strings to go-yaml v2 but not to PyYAML: quoted too).
 * Everything else stays plain — `name: replicapool`, `image: quay.io/ceph/ceph:v19`, `v1.20.6` — so the output stays
 * readable. (Quoting for YAML syntax — `: `, ` #`, leading indicators, spaces at the ends — and for YAML 1.2 —
 * `true`, `0x1F`, `1e3` — is done by the `yaml` package itself.)
 */
export function needsQuotes(s: string): boolean {
  return resolveGoYamlV2(s).type !== 'str' || YAML11_IMPLICIT.test(s);
}

/**
 * The `compat` schema option of `yaml`'s stringify: a plain scalar that this tag would resolve is written quoted.
 * Use as `YAML.stringify(v, { compat: KUBE_YAML_COMPAT })`.
 */
export const KUBE_YAML_COMPAT: ScalarTag[] = [
  {
    tag: 'tag:gitops-storage:kubernetes-yaml-1.1',
    default: true,
    test: { test: needsQuotes } as unknown as RegExp,
    resolve: (s: string) => s,
  },
];

/**
 * Characters go-yaml v2 (libyaml) treats as line breaks (U+2028, U+2029) or refuses (U+FEFF inside a document,
 * U+FFFE, U+FFFF) but YAML 1.2 writers leave unescaped: a string with one of them is written double-quoted with
 * escapes.
 */
export const YAML11_UNSAFE_CHARS = /[\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/**
 * `YAML.stringify` for files Kubernetes tools read: strings that a YAML 1.1 reader would retype are quoted
 * (`needsQuotes`), strings with YAML 1.1 line-break or refused characters are double-quoted with escapes. Same
 * output as `YAML.stringify` for everything else.
 */
export function stringifyKubeYaml(value: unknown, options: { lineWidth?: number; minContentWidth?: number } = {}): string {
  const opts = { ...options, compat: KUBE_YAML_COMPAT };
  const text = yaml().stringify(value, opts);
  if (!YAML11_UNSAFE_CHARS.test(text)) return text;
  const doc = new (yaml().Document)(value, opts);
  yaml().visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && YAML11_UNSAFE_CHARS.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // every string holding one of them is double-quoted now, so each occurrence can take its escape
  const escapes: Record<string, string> = { '\u2028': '\\L', '\u2029': '\\P', '\uFEFF': '\\uFEFF', '\uFFFE': '\\uFFFE', '\uFFFF': '\\uFFFF' };
  return doc.toString(opts).replace(new RegExp(YAML11_UNSAFE_CHARS.source, 'g'), (c) => escapes[c]);
}

// ---------------------------------------------------------------------------------------------------------------
// reading

/**
 * How sigs.k8s.io/yaml turns a non-string map key into a JSON key: ints in decimal, bools as `true`/`false`, floats
 * with Go's `FormatFloat(f, 'g', -1, 32)` (`.inf`, `-.inf`, `.nan`); null and uint64 keys are errors.
 */
export function jsonKeyOf(key: GoYamlV2Scalar): string | { error: string } {
  switch (key.type) {
    case 'str':
      return key.value as string;
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'int':
      if (key.int !== undefined && key.int > INT64_MAX) return { error: `unsupported map key of type: uint64, key: 0x${key.int.toString(16)}` };
      return (key.int ?? BigInt(key.value as number)).toString();
    case 'float':
      return goFormatFloat32(key.value as number);
    default:
      return { error: 'unsupported map key of type: <nil>, key: <nil>' };
  }
}

/** Go strconv.FormatFloat(f, 'g', -1, 32): the shortest float32 digits, exponent form below 1e-4 or from 1e6. */
export function goFormatFloat32(f: number): string {
  const v = Math.fround(f);
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = Math.abs(v).toExponential(p - 1);
    if (Math.fround(Number(e)) === Math.abs(v)) {
      const [mant, ex] = e.split('e');
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(ex);
      break;
    }
  }
  const sign = v < 0 ? '-' : '';
  // shortest 'g': exponent form when the decimal exponent is < -4 or >= 6 (1e+06, 1.5e-05)
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

// the parser asks each implicit tag in turn about the same scalar: resolve it once
let lastSource: string | undefined;
let lastResult: GoYamlV2Scalar = STR('');
function resolveOnce(s: string): GoYamlV2Scalar {
  if (s !== lastSource) {
    lastResult = resolveGoYamlV2(s);
    lastSource = s;
  }
  return lastResult;
}

function implicitTag(type: Exclude<GoYamlV2Type, 'str'>): ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${type}`,
    default: true,
    test: { test: (s: string) => resolveOnce(s).type === type } as unknown as RegExp,
    resolve: (s: string) => resolveOnce(s).value,
  };
}

/** `!!bool`, `!!int`, `!!float`, `!!null` written explicitly: go-yaml v2 resolves and refuses a mismatch (an int is a valid float). */
function explicitTag(type: Exclude<GoYamlV2Type, 'str'>): ScalarTag {
  return {
    tag: `tag:yaml.org,2002:${type}`,
    resolve: (s: string, onError: (msg: string) => void) => {
      const r = resolveGoYamlV2(s);
      if (r.type === type || (type === 'float' && r.type === 'int')) return r.value;
      onError(`cannot decode !!${r.type} \`${s}\` as a !!${type}`);
      return s;
    },
  };
}

const IMPLICIT: ScalarTag[] = (['null', 'bool', 'int', 'float'] as const).map(implicitTag);
const EXPLICIT: ScalarTag[] = (['null', 'bool', 'int', 'float'] as const).map(explicitTag);
const BINARY: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  // go-yaml v2 decodes !!binary to the bytes as a string
  resolve: (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('latin1'),
};

/**
 * `customTags` for `yaml`'s parser (with `version: '1.1'`): scalars resolve as go-yaml v2 resolves them; the
 * collection tags of the schema stay. The implicit tags come first so they decide every plain scalar.
 */
export function kubeYamlTags(schemaTags: Array<{ tag: string; collection?: string }>): ScalarTag[] {
  const collections = schemaTags.filter((t) => t.collection || t.tag === 'tag:yaml.org,2002:str') as ScalarTag[];
  return [...IMPLICIT, ...collections, ...EXPLICIT, BINARY];
}

/** The go-yaml v2 reading of a parsed plain scalar node's source text (for keys, after parsing). */
export function goYamlV2OfScalar(node: Scalar): GoYamlV2Scalar | undefined {
  if (typeof node.value === 'string') return undefined;
  if (node.type === 'PLAIN' && typeof node.source === 'string') return resolveGoYamlV2(node.source);
  return undefined;
}

function goFloatName(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

function goValueText(n: unknown): string {
  if (yaml().isScalar(n)) return typeof n.value === 'string' ? JSON.stringify(n.value) : String(n.value);
  return yaml().isMap(n) ? 'map[interface {}]interface {}{...}' : yaml().isSeq(n) ? '[]interface {}{...}' : '<nil>';
}

/**
 * The JSON step of sigs.k8s.io/yaml on a document parsed with `kubeYamlTags`, in place: non-string map keys become
 * the strings it makes of them (`on:` → `"true"`, `1_000:` → `"1000"`). Returns the error it would stop with
 * (a null, uint64 or collection key; `.inf` / `.nan` values, which JSON cannot carry), or undefined.
 */
export function toKubernetesJsonKeys(doc: YamlModule.Document.Parsed): string | undefined {
  let error: string | undefined;
  const walk = (n: unknown): void => {
    if (yaml().isMap(n)) {
      for (const pair of n.items) {
        const k = pair.key;
        if (yaml().isCollection(k)) error ??= `invalid map key: ${goValueText(k)}`;
        else if (yaml().isScalar(k) && typeof k.value !== 'string' && typeof k.value !== 'symbol') {
          const r: GoYamlV2Scalar =
            k.type === 'PLAIN' && typeof k.source === 'string' && resolveGoYamlV2(k.source).type !== 'str'
              ? resolveGoYamlV2(k.source)
              : k.value === null
                ? { type: 'null', value: null }
                : typeof k.value === 'boolean'
                  ? { type: 'bool', value: k.value }
                  : { type: Number.isInteger(k.value) ? 'int' : 'float', value: k.value as number };
          const key = jsonKeyOf(r);
          if (typeof key === 'string') pair.key = new (yaml().Scalar)(key);
          else error ??= `${key.error}, value: ${goValueText(pair.value)}`;
        }
        walk(pair.value);
      }
    } else if (yaml().isSeq(n)) {
      for (const x of n.items) walk(x);
    } else if (yaml().isScalar(n) && typeof n.value === 'number' && !Number.isFinite(n.value)) {
      error ??= `json: unsupported value: ${goFloatName(n.value)}`;
    }
  };
  walk(doc.contents);
  return error;
}

/** Options for `yaml`'s parser that read scalars as sigs.k8s.io/yaml (go-yaml v2) does. */
export function kubeYamlParseOptions(uniqueKeys: boolean): YamlModule.ParseOptions & YamlModule.DocumentOptions & YamlModule.SchemaOptions {
  return { version: '1.1', customTags: kubeYamlTags as unknown as YamlModule.SchemaOptions['customTags'], uniqueKeys, merge: true };
}

/**
 * go-yaml v2's bound on nesting (yaml.v2 scannerc.go: max_flow_level and max_indents, both 10000), checked on the
 * text before any parser recurses into it: block indentation levels along a line's chain of parents plus the
 * "- " entries that open on the line, and flow brackets. Returns kubeconform's message ("yaml: line N: exceeded max
 * depth of 10000") or undefined.
 */
export const GO_YAML_MAX_DEPTH = 10000;
export function yamlDepthProblem(text: string): string | undefined {
  // cheap exit: a text with fewer line breaks and brackets than the bound cannot exceed it
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
  }
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= GO_YAML_MAX_DEPTH; i = text.indexOf('\n', i + 1)) lines++;
  if (brackets <= GO_YAML_MAX_DEPTH && lines <= GO_YAML_MAX_DEPTH) return undefined;
  const stack: number[] = [];
  let flow = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    let i = 0;
    while (line[i] === ' ') i++;
    if (i < line.length && line[i] !== '#' && flow === 0) {
      while (stack.length > 0 && stack[stack.length - 1] >= i) stack.pop();
      stack.push(i);
      // "- - x": each entry marker opens one more level
      let j = i;
      let extra = 0;
      while (line[j] === '-' && (line[j + 1] === ' ' || j + 1 === line.length)) {
        extra++;
        j += 2;
        while (line[j] === ' ') j++;
      }
      if (stack.length + Math.max(0, extra - 1) > GO_YAML_MAX_DEPTH) return `yaml: line ${lineNo}: exceeded max depth of ${GO_YAML_MAX_DEPTH}`;
    }
    let quote = '';
    for (let k = i; k < line.length; k++) {
      const c = line[k];
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if ((c === '"' || c === "'") && flow > 0) quote = c;
      else if (c === '#' && (k === 0 || line[k - 1] === ' ')) break;
      else if (c === '[' || c === '{') {
        if (++flow > GO_YAML_MAX_DEPTH) return `yaml: line ${lineNo}: exceeded max depth of ${GO_YAML_MAX_DEPTH}`;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (end === text.length) break;
  }
  return undefined;
}

/**
 * go-yaml v2's bound on alias expansion (yaml.v2 decode.go: allowedAliasRatio and the check in unmarshal): decoding
 * counts every node, and every node decoded through an alias; past 100 of those and 1,000 decodes, a share of aliased
 * decodes above 99 % (falling to 10 % at 4,000,000 decodes) fails with "document contains excessive aliasing".
 * Replays that count over a parsed document, following aliases, and stops at the first failure, so an alias bomb
 * costs at most a few million steps instead of its expansion. Returns kubeconform's message or undefined.
 */
export function yamlAliasProblem(doc: YamlModule.Document.Parsed): string | undefined {
  const Y = yaml();
  const low = 400000;
  const high = 4000000;
  const allowed = (n: number) => (n <= low ? 0.99 : n >= high ? 0.1 : 0.99 - 0.89 * ((n - low) / (high - low)));
  let decodes = 0;
  let aliased = 0;
  let depth = 0;
  const EXCESSIVE = 'yaml: document contains excessive aliasing';
  const visit = (n: unknown): boolean => {
    decodes++;
    if (depth > 0) aliased++;
    if (aliased > 100 && decodes > 1000 && aliased / decodes > allowed(decodes)) return false;
    if (Y.isAlias(n)) {
      const target = n.resolve(doc);
      if (!target) return true;
      depth++;
      const ok = visit(target);
      depth--;
      return ok;
    }
    if (Y.isMap(n)) {
      for (const pair of n.items) if (!visit(pair.key) || !visit(pair.value)) return false;
    } else if (Y.isSeq(n)) {
      for (const x of n.items) if (!visit(x)) return false;
    }
    return true;
  };
  return visit(doc.contents) ? undefined : EXCESSIVE;
}

/**
 * go-yaml v2's reader checks (yaml.v2 readerc.go): the text must be valid UTF-8 and hold only printable characters
 * (tab, line feed, carriage return, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD, U+10000 and up). Returns
 * kubeconform's message for the first offence, or undefined.
 */
export function yamlBytesProblem(bytes: Uint8Array): string | undefined {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return 'yaml: control characters are not allowed';
      if (b === 0x7f) return 'yaml: control characters are not allowed';
      i++;
      continue;
    }
    const width = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return 'yaml: invalid leading UTF-8 octet';
    if (i + width > bytes.length) return 'yaml: incomplete UTF-8 octet sequence';
    let cp = b & (0x7f >> width);
    for (let k = 1; k < width; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return 'yaml: invalid trailing UTF-8 octet';
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((width === 2 && cp < 0x80) || (width === 3 && cp < 0x800) || (width === 4 && cp < 0x10000)) return 'yaml: invalid length of a UTF-8 sequence';
    if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return 'yaml: invalid Unicode character';
    const printable = cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    if (!printable) return 'yaml: control characters are not allowed';
    i += width;
  }
  return undefined;
}
