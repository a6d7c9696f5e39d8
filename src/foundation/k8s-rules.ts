/**
 * The API server's own validation of object metadata and of a few values, beyond what the OpenAPI schemas say.
 *
 * kubeconform (and our schema validation) passes a label key "a b", a Service named "0-controller" or a 71-character
 * Service name; the API server refuses them at apply time. These rules follow Kubernetes apimachinery
 * (pkg/util/validation and pkg/api/validation) and the kind-specific name rules of the API server:
 *
 * - label keys: an optional DNS-1123 subdomain prefix (<= 253) and "/", then a name of <= 63 characters from
 *   [A-Za-z0-9._-], alphanumeric at both ends; label values: <= 63 of the same alphabet, alphanumeric at both ends,
 *   or empty;
 * - annotation keys: like label keys (compared in lower case); all keys and values together <= 256 KiB;
 * - object names: DNS-1123 subdomain (<= 253) for most kinds, DNS-1123 label (<= 63) for Namespaces, DNS-1035
 *   label (a letter first, <= 63) for Services, a path segment (no "/" or "%", not "." or "..") for RBAC kinds;
 * - container image references (distribution reference grammar): what the kubelet can pull;
 * - int32 fields (replicas, ports, counts): -2^31 .. 2^31-1.
 *
 * Pure functions, no imports: used by the zod pieces (src/foundation/props.ts), the render step (src/pipeline/synth.ts) and
 * the validator (src/validation/validator.ts).
 */

export const INT32_MAX = 2147483647;
export const INT32_MIN = -2147483648;

/** Longest DNS-1123 label / DNS-1035 label / label value / qualified-name name part. */
export const DNS_LABEL_MAX = 63;
/** Longest DNS-1123 subdomain (also the label-key prefix). */
export const DNS_SUBDOMAIN_MAX = 253;
/** Total size of all annotation keys and values of one object, in bytes. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const INVISIBLE_NAMES: Record<number, string> = {
  0x00: 'NUL', 0x09: 'tab', 0x0a: 'newline', 0x0d: 'carriage return', 0x7f: 'DEL', 0xa0: 'no-break space', 0xad: 'soft hyphen',
  0x180e: 'Mongolian vowel separator', 0x200b: 'zero-width space', 0x200c: 'zero-width non-joiner', 0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark', 0x200f: 'right-to-left mark', 0x2028: 'line separator', 0x2029: 'paragraph separator',
  0x2060: 'word joiner', 0xfeff: 'zero-width no-break space (BOM)',
};

function isInvisible(cp: number): boolean {
  return cp <= 0x1f || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad || cp === 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff;
}

/** The first control or invisible (zero-width, bidi, BOM) character of `s`, described, or undefined. */
export function invisibleCharacter(s: string): string | undefined {
  let i = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp)) {
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      return `${hex}${INVISIBLE_NAMES[cp] ? ` (${INVISIBLE_NAMES[cp]})` : ''} at position ${i + 1}`;
    }
    i++;
  }
  return undefined;
}

/** `s` without control and invisible characters (for suggested fixes). */
export function stripInvisible(s: string): string {
  return [...s].filter((ch) => !isInvisible(ch.codePointAt(0)!)).join('');
}

function invisibleProblem(s: string): string | undefined {
  const c = invisibleCharacter(s);
  return c ? `contains the invisible character ${c}` : undefined;
}

/** Problem of a DNS-1123 label (<= 63, [a-z0-9-], alphanumeric at both ends), or undefined. */
export function dns1123LabelProblem(s: string): string | undefined {
  if (s.length === 0) return 'is empty';
  const inv = invisibleProblem(s);
  if (inv) return inv;
  if (s.length > DNS_LABEL_MAX) return `is ${s.length} characters long, more than ${DNS_LABEL_MAX}`;
  if (!DNS1123_LABEL.test(s)) return 'is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)';
  return undefined;
}

/** Problem of a DNS-1123 subdomain (<= 253, dot-separated DNS-1123 labels), or undefined. */
export function dns1123SubdomainProblem(s: string): string | undefined {
  if (s.length === 0) return 'is empty';
  const inv = invisibleProblem(s);
  if (inv) return inv;
  if (s.length > DNS_SUBDOMAIN_MAX) return `is ${s.length} characters long, more than ${DNS_SUBDOMAIN_MAX}`;
  if (!DNS1123_SUBDOMAIN.test(s)) return 'is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit)';
  return undefined;
}

/** Problem of a DNS-1035 label (a letter first, <= 63, [a-z0-9-], alphanumeric at the end), or undefined. */
export function dns1035LabelProblem(s: string): string | undefined {
  if (s.length === 0) return 'is empty';
  const inv = invisibleProblem(s);
  if (inv) return inv;
  if (s.length > DNS_LABEL_MAX) return `is ${s.length} characters long, more than ${DNS_LABEL_MAX}`;
  if (!DNS1035_LABEL.test(s)) {
    return /^[0-9]/.test(s)
      ? 'is not a DNS-1035 label: it starts with a digit (a letter must come first)'
      : 'is not a DNS-1035 label (a lower-case letter first, then lower-case letters, digits and "-", ending with a letter or digit)';
  }
  return undefined;
}

/** Problem of a path-segment name (RBAC kinds): not "." or "..", no "/" or "%", or undefined. */
export function pathSegmentProblem(s: string): string | undefined {
  if (s.length === 0) return 'is empty';
  const inv = invisibleProblem(s);
  if (inv) return inv;
  if (s === '.' || s === '..') return `may not be "${s}"`;
  if (/[/%]/.test(s)) return 'may not contain "/" or "%"';
  return undefined;
}

/** Problem of a label key or annotation key (qualified name: [prefix/]name), or undefined. */
export function labelKeyProblem(k: string): string | undefined {
  if (k.length === 0) return 'is empty';
  const inv = invisibleProblem(k);
  if (inv) return inv;
  const parts = k.split('/');
  if (parts.length > 2) return 'has more than one "/" (a key is an optional DNS-subdomain prefix, "/", and a name)';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'has an empty prefix before "/"';
    const pp = dns1123SubdomainProblem(prefix);
    if (pp) return `has a prefix "${prefix}" that ${pp}`;
  }
  if (name.length === 0) return 'has an empty name part';
  if (name.length > DNS_LABEL_MAX) return `has a name part of ${name.length} characters, more than ${DNS_LABEL_MAX}`;
  if (!QUALIFIED_NAME_PART.test(name)) return 'has a name part that is not letters, digits, "-", "_" and "." starting and ending with a letter or digit';
  return undefined;
}

/** Problem of a label value (empty, or <= 63 of [A-Za-z0-9._-] alphanumeric at both ends), or undefined. */
export function labelValueProblem(v: string): string | undefined {
  const inv = invisibleProblem(v);
  if (inv) return inv;
  if (v.length > DNS_LABEL_MAX) return `is ${v.length} characters long, more than ${DNS_LABEL_MAX}`;
  if (!LABEL_VALUE.test(v)) return 'is not letters, digits, "-", "_" and "." starting and ending with a letter or digit';
  return undefined;
}

export const LABEL_KEY_ALLOWED = 'an optional DNS-1123 subdomain prefix (<= 253 characters) and "/", then a name of <= 63 letters, digits, "-", "_", "." starting and ending with a letter or digit, e.g. "app.kubernetes.io/name"';
export const LABEL_VALUE_ALLOWED = 'empty, or <= 63 letters, digits, "-", "_", "." starting and ending with a letter or digit';

/** Total bytes of annotation keys and values (UTF-8), as the API server counts them. */
export function annotationsSize(a: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(a)) n += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(typeof v === 'string' ? v : String(v), 'utf8');
  return n;
}

/** How the API server checks `metadata.name` of a kind. */
export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment';

const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PersistentVolume']);

/** The name rule of a kind (custom resources: DNS-1123 subdomain, as the API server checks them). */
export function nameRuleOf(kind: string, apiVersion = 'v1'): NameRule {
  const core = !apiVersion.includes('/');
  if (core && kind === 'Namespace') return 'dns1123-label';
  if (core && kind === 'Service') return 'dns1035-label';
  if (PATH_SEGMENT_KINDS.has(kind) && (apiVersion.startsWith('rbac.authorization.k8s.io/') || (core && kind === 'PersistentVolume'))) return 'path-segment';
  return 'dns1123-subdomain';
}

export const NAME_RULE_ALLOWED: Record<NameRule, string> = {
  'dns1123-subdomain': 'a DNS-1123 subdomain: <= 253 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
  'dns1123-label': 'a DNS-1123 label: <= 63 lower-case letters, digits and "-", starting and ending with a letter or digit',
  'dns1035-label': 'a DNS-1035 label: <= 63 lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
  'path-segment': 'any name without "/" or "%" that is not "." or ".."',
};

/** Problem of a name under a rule, or undefined. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'dns1123-label': return dns1123LabelProblem(name);
    case 'dns1035-label': return dns1035LabelProblem(name);
    case 'path-segment': return pathSegmentProblem(name);
    default: return dns1123SubdomainProblem(name);
  }
}

/** A name that fits the rule, derived from `s` (for suggested fixes). */
export function suggestName(s: string, rule: NameRule = 'dns1123-label'): string {
  const max = rule === 'dns1123-subdomain' ? DNS_SUBDOMAIN_MAX : DNS_LABEL_MAX;
  let out = stripInvisible(s).toLowerCase().replace(rule === 'dns1123-subdomain' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (rule === 'dns1035-label' && /^[0-9]/.test(out)) out = `x${out}`;
  out = out.slice(0, max).replace(/[-.]+$/, '');
  return out || 'name';
}

// ---------------------------------------------------------------------------------------------------------------
// container images (distribution reference grammar)

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

export const IMAGE_ALLOWED = 'a container image reference: [registry[:port]/]repository[:tag][@digest], the repository in lower case, e.g. "quay.io/ceph/ceph:v19.2.3"';

/** Problem of a container image reference, or undefined. */
export function imageProblem(image: string): string | undefined {
  if (image.length === 0) return 'is empty';
  const inv = invisibleProblem(image);
  if (inv) return inv;
  if (/\s/.test(image)) return 'contains a space';
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `has an invalid digest "${digest}" (expected algorithm:hex, e.g. "sha256:" and 64 hex digits)`;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `has an invalid tag "${tag}" (<= 128 letters, digits, "_", "." and "-", not starting with "." or "-")`;
  }
  if (rest.length === 0) return 'has no repository';
  const comps = rest.split('/');
  let domain: string | undefined;
  if (comps.length > 1 && (/[.:]/.test(comps[0]) || comps[0] === 'localhost' || /[A-Z]/.test(comps[0]))) domain = comps.shift();
  if (domain !== undefined && !DOMAIN.test(domain)) return `has an invalid registry host "${domain}"`;
  for (const c of comps) {
    if (/[A-Z]/.test(c)) return `has upper-case letters in the repository "${comps.join('/')}" (repository names are lower case)`;
    if (!PATH_COMPONENT.test(c)) return `has an invalid repository component "${c}" (lower-case letters and digits, separated by ".", "_", "__" or "-")`;
  }
  if (rest.length > 255) return `has a name of ${rest.length} characters, more than 255`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// int32 fields along a JSON schema

/** True if an integer outside the int32 range occurs anywhere in the data. */
function hasIntegerBeyondInt32(d: unknown): boolean {
  if (typeof d === 'number') return Number.isInteger(d) && (d > INT32_MAX || d < INT32_MIN);
  if (Array.isArray(d)) return d.some(hasIntegerBeyondInt32);
  if (d && typeof d === 'object') {
    for (const k in d as Record<string, unknown>) if (hasIntegerBeyondInt32((d as Record<string, unknown>)[k])) return true;
  }
  return false;
}

type Schema = Record<string, unknown>;

/**
 * Walks `data` along `schema` (following `#/definitions/` refs, allOf / anyOf / oneOf, items, properties and
 * additionalProperties) and calls `visit` with the data at each JSON pointer and every schema that applies there
 * (one pointer may be visited more than once: a visitor that reports keeps its own set of pointers).
 */
function walkSchemaData(schema: Schema, data: unknown, visit: (s: Schema, d: unknown, ptr: string) => void): void {
  const defs = (schema.definitions ?? {}) as Record<string, Schema>;
  const walk = (s: Schema | undefined, d: unknown, ptr: string, depth: number): void => {
    if (!s || typeof s !== 'object' || depth > 64 || d === undefined || d === null) return;
    const ref = typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/') ? defs[s.$ref.slice('#/definitions/'.length)] : undefined;
    if (ref) walk(ref, d, ptr, depth + 1);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) for (const x of s[k] as Schema[]) walk(x, d, ptr, depth + 1);
    visit(s, d, ptr);
    if (Array.isArray(d)) {
      if (s.items && typeof s.items === 'object') d.forEach((x, i) => walk(s.items as Schema, x, `${ptr}/${i}`, depth + 1));
    } else if (d && typeof d === 'object') {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const [k, v] of Object.entries(d as Record<string, unknown>)) {
        const child = props[k] ?? (s.additionalProperties && typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined);
        if (child) walk(child, v, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
      }
    }
  };
  walk(schema, data, '', 0);
}

/**
 * Integers out of the int32 range at fields whose schema says `format: int32` (kubeconform does not check formats;
 * the API server cannot decode such a value). Walks the data along the schema (or the schema a function returns,
 * called only when the data holds such an integer at all), following `#/definitions/` refs.
 */
export function int32Problems(schemaOf: Schema | (() => Schema), data: unknown): { pointer: string; value: number }[] {
  // almost no object holds an integer beyond int32 at all: then there is nothing to look for along the schema (and
  // the schema need not even be built)
  if (!hasIntegerBeyondInt32(data)) return [];
  const schema = typeof schemaOf === 'function' ? schemaOf() : schemaOf;
  const out: { pointer: string; value: number }[] = [];
  const seen = new Set<string>();
  walkSchemaData(schema, data, (s, d, ptr) => {
    if (typeof d === 'number' && s.format === 'int32' && Number.isInteger(d) && (d > INT32_MAX || d < INT32_MIN) && !seen.has(ptr)) {
      seen.add(ptr);
      out.push({ pointer: ptr, value: d });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// format: duration along a JSON schema

/*
 * The API server checks `format: duration` of CRD fields with go-openapi's strfmt: Go's time.ParseDuration, else
 * one or more `<integer><unit>` (ns, us, µs, ms, s, m, h, d, w and their long names, case-insensitive) anywhere in
 * the text. kubeconform v0.6.7 wants ISO 8601 (`P1D`) and refuses `10s`; v0.7.0 takes both; ajv's check is off.
 */
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;
const UNIT_WORDS = new Set(['ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds', 'us', 'µs', 'micro', 'micros', 'microsecond', 'microseconds', 'ms', 'milli', 'millis', 'millisecond', 'milliseconds',
  's', 'sec', 'secs', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'wk', 'wks', 'week', 'weeks']);

/** Whether the API server takes `s` as a `format: duration` value. */
export function isApiServerDuration(s: string): boolean {
  if (GO_DURATION.test(s)) return true;
  const parts = [...s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)];
  return parts.length > 0 && parts.every((m) => UNIT_WORDS.has(m[2].toLowerCase()));
}

const hasDurationFormat = new WeakMap<object, boolean>();

/** Strings at `format: duration` fields that the API server refuses (following `#/definitions/` refs). */
export function durationProblems(schemaOf: Schema | (() => Schema), data: unknown): { pointer: string; value: string }[] {
  const schema = typeof schemaOf === 'function' ? schemaOf() : schemaOf;
  let has = hasDurationFormat.get(schema);
  if (has === undefined) hasDurationFormat.set(schema, (has = JSON.stringify(schema).includes('"format":"duration"')));
  if (!has) return [];
  const out: { pointer: string; value: string }[] = [];
  const seen = new Set<string>();
  walkSchemaData(schema, data, (s, d, ptr) => {
    if (typeof d === 'string' && s.format === 'duration' && !isApiServerDuration(d) && !seen.has(ptr)) {
      seen.add(ptr);
      out.push({ pointer: ptr, value: d });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// whole objects

/** One API-server problem of an object. */
export interface ObjectRuleProblem {
  /** dotted field path, e.g. `metadata.labels` or `spec.template.metadata.annotations` */
  readonly field: string;
  /** JSON pointer of the field (kubeconform's validationErrors path) */
  readonly pointer: string;
  /** what is wrong, naming the bad key or value */
  readonly problem: string;
  /** the bad value (a name, a key or a value) */
  readonly value: string;
  readonly allowed: string;
  /** which part: the object name, its namespace, or a label/annotation key or value */
  readonly what: 'name' | 'namespace' | 'label-key' | 'label-value' | 'annotations';
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function pointerOf(field: string): string {
  return `/${field.split('.').map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function labelMapProblems(map: unknown, field: string, out: ObjectRuleProblem[]): void {
  const m = rec(map);
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    const kp = labelKeyProblem(k);
    if (kp) out.push({ field, pointer: pointerOf(field), problem: `key ${JSON.stringify(k)} is not a valid label key: it ${kp}`, value: k, allowed: LABEL_KEY_ALLOWED, what: 'label-key' });
    if (typeof v === 'string') {
      const vp = labelValueProblem(v);
      if (vp) out.push({ field: `${field}.${k}`, pointer: `${pointerOf(field)}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, problem: `value ${JSON.stringify(v)} of label ${JSON.stringify(k)} is not a valid label value: it ${vp}`, value: v, allowed: LABEL_VALUE_ALLOWED, what: 'label-value' });
    }
  }
}

function annotationProblems(map: unknown, field: string, out: ObjectRuleProblem[]): void {
  const m = rec(map);
  if (!m) return;
  for (const k of Object.keys(m)) {
    const kp = labelKeyProblem(k.toLowerCase());
    if (kp) out.push({ field, pointer: pointerOf(field), problem: `key ${JSON.stringify(k)} is not a valid annotation key: it ${kp}`, value: k, allowed: LABEL_KEY_ALLOWED, what: 'label-key' });
  }
  const size = annotationsSize(m);
  if (size > ANNOTATIONS_MAX_BYTES) {
    out.push({ field, pointer: pointerOf(field), problem: `annotations take ${size} bytes, more than the ${ANNOTATIONS_MAX_BYTES} bytes (256 KiB) the API server allows per object`, value: `${size} bytes`, allowed: 'keys and values of all annotations together <= 256 KiB', what: 'annotations' });
  }
}

function metadataProblems(meta: unknown, field: string, out: ObjectRuleProblem[]): void {
  const m = rec(meta);
  if (!m) return;
  labelMapProblems(m.labels, `${field}.labels`, out);
  annotationProblems(m.annotations, `${field}.annotations`, out);
}

function podSpecProblems(spec: unknown, field: string, out: ObjectRuleProblem[]): void {
  const s = rec(spec);
  if (s) labelMapProblems(s.nodeSelector, `${field}.nodeSelector`, out);
}

/**
 * What the API server would refuse in an object's metadata beyond its schema: `metadata.name` (by kind),
 * `metadata.namespace`, labels and annotations (also of pod templates), `selector.matchLabels` and the keys of
 * `selector.matchExpressions`, a Service's `spec.selector` and pod `nodeSelector`s.
 */
export function objectRuleProblems(obj: unknown): ObjectRuleProblem[] {
  const out: ObjectRuleProblem[] = [];
  const o = rec(obj);
  if (!o) return out;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : 'v1';
  const meta = rec(o.metadata);
  if (meta && typeof meta.name === 'string' && kind && kind !== 'List') {
    const rule = nameRuleOf(kind, apiVersion);
    const p = nameProblem(meta.name, rule);
    if (p) out.push({ field: 'metadata.name', pointer: '/metadata/name', problem: `${JSON.stringify(meta.name)} is not a valid ${kind} name: it ${p}`, value: meta.name, allowed: NAME_RULE_ALLOWED[rule], what: 'name' });
  }
  if (meta && typeof meta.namespace === 'string') {
    const p = dns1123LabelProblem(meta.namespace);
    if (p) out.push({ field: 'metadata.namespace', pointer: '/metadata/namespace', problem: `${JSON.stringify(meta.namespace)} is not a valid namespace: it ${p}`, value: meta.namespace, allowed: NAME_RULE_ALLOWED['dns1123-label'], what: 'namespace' });
  }
  metadataProblems(meta, 'metadata', out);
  const spec = rec(o.spec);
  if (spec) {
    const sel = rec(spec.selector);
    if (sel && kind === 'Service' && !apiVersion.includes('/')) labelMapProblems(sel, 'spec.selector', out);
    else if (sel) {
      labelMapProblems(sel.matchLabels, 'spec.selector.matchLabels', out);
      if (Array.isArray(sel.matchExpressions)) {
        sel.matchExpressions.forEach((e: unknown, i: number) => {
          const key = rec(e)?.key;
          const kp = typeof key === 'string' ? labelKeyProblem(key) : undefined;
          const field = `spec.selector.matchExpressions[${i}].key`;
          if (kp) out.push({ field, pointer: `/spec/selector/matchExpressions/${i}/key`, problem: `key ${JSON.stringify(key)} is not a valid label key: it ${kp}`, value: String(key), allowed: LABEL_KEY_ALLOWED, what: 'label-key' });
        });
      }
    }
    const tpl = rec(spec.template);
    if (tpl) {
      metadataProblems(tpl.metadata, 'spec.template.metadata', out);
      podSpecProblems(tpl.spec, 'spec.template.spec', out);
    }
    const jt = rec(spec.jobTemplate);
    if (jt) {
      metadataProblems(jt.metadata, 'spec.jobTemplate.metadata', out);
      const jspec = rec(jt.spec);
      const jtpl = rec(jspec?.template);
      if (jtpl) {
        metadataProblems(jtpl.metadata, 'spec.jobTemplate.spec.template.metadata', out);
        podSpecProblems(jtpl.spec, 'spec.jobTemplate.spec.template.spec', out);
      }
    }
    if (kind === 'Pod' && !apiVersion.includes('/')) podSpecProblems(spec, 'spec', out);
  }
  return out;
}
