/**
 * JSON Schemas derived from CustomResourceDefinition YAML (apiextensions.k8s.io v1 and v1beta1).
 *
 * Differences from kubeconform's `openapi2jsonschema.py` (reference §11.4), all towards API-server semantics:
 * - `additionalProperties: false` is NOT added to objects with `x-kubernetes-preserve-unknown-fields: true`
 *   (their declared children are still made strict, as the API server still prunes below them);
 * - `nullable: true` becomes `type: [T, "null"]` (and `null` is added to an `enum`);
 * - `x-kubernetes-int-or-string: true` / `format: int-or-string` become `type: ["integer", "string"]`;
 * - `x-kubernetes-embedded-resource: true` objects implicitly allow `apiVersion`, `kind`, `metadata`;
 * - the root stays open, but `apiVersion`/`kind` get single-value enums and `metadata` is declared as an object;
 * - a CRD version without any schema yields a permissive schema (the API server accepts any object);
 * - an apiextensions v1beta1 CRD whose `spec.preserveUnknownFields` is not `false` (the v1beta1 default: pruning off,
 *   a non-structural schema is allowed) gets no `additionalProperties: false` anywhere: the API server stores unknown
 *   fields of such a CRD as written (`keepUnknownFields`). Declared fields are still type-checked. kubeconform's
 *   script adds `additionalProperties: false` there too, so `-strict` would refuse what the API server accepts.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../foundation/errors';
import { dns1035LabelProblem, dns1123SubdomainProblem } from '../foundation/k8s-rules';
import { bundledCrdDocuments } from './bundle';
import { asObj, CrdKind, crdKindsOf, JsonSchema, parseCrdText } from './crd-parse';

export { apiVersionOf, crdKindsOf, parseCrdText } from './crd-parse';
export type { CrdKind, CrdScope, JsonSchema } from './crd-parse';
import { CrdFileRef, defaultCacheDir, LoadOptions, readCrdFileSync } from './sources';

const fileCache = new Map<string, CrdKind[]>();

/** Like {@link parseCrdText}, cached per process by file path (synth validates several sites). */
export function loadCrdFile(text: string, file: string): CrdKind[] {
  const hit = fileCache.get(file);
  if (hit) return hit;
  const kinds = parsedFromDiskCache(text, file) ?? parseCrdText(text, file);
  fileCache.set(file, kinds);
  return kinds;
}

/**
 * Parsing the ~1.4 MB of Rook CRD YAML takes about half a second; the parsed kinds (without descriptions) are
 * kept as JSON in the user cache, keyed by the sha256 of the text, so later runs start fast. The cache lives
 * outside the repository; set GITOPS_STORAGE_PARSE_CACHE=off to disable it.
 */
function parsedFromDiskCache(text: string, file: string): CrdKind[] | undefined {
  if (process.env.GITOPS_STORAGE_PARSE_CACHE === 'off') return undefined;
  const key = createHash('sha256').update(text).digest('hex');
  // v2: entries carry keepUnknownFields (v1 entries lack it and would prune v1beta1 CRDs)
  const p = path.join(defaultCacheDir(), 'parsed-crds-v2', `${key}.json`);
  try {
    const cached = JSON.parse(fs.readFileSync(p, 'utf8')) as CrdKind[];
    return cached.map((k) => ({ ...k, file }));
  } catch {
    // not cached yet (or unreadable): parse and store
  }
  const kinds = parseCrdText(text, file).map((k) => ({ ...k, openAPIV3Schema: k.openAPIV3Schema && (stripSchemaProse(k.openAPIV3Schema) as JsonSchema) }));
  try {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(kinds));
    fs.renameSync(tmp, p);
  } catch {
    // a read-only cache only costs speed
  }
  return kinds;
}

/** Keys whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keys whose value is a schema (or, for items, a list of schemas). */
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'additionalItems', 'not']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
/** Documentation strings dropped from schema positions. */
const PROSE = new Set(['description', '$comment']);

/**
 * Removes documentation from a JSON Schema, walking schema positions only: a property named `description` keeps
 * its schema, and defaults, enums and examples are left as they are.
 */
export function stripSchemaProse(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripSchemaProse);
  const o = asObj(schema);
  if (!o) return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(o)) {
    if (PROSE.has(k) && typeof v === 'string') continue;
    if (SCHEMA_MAPS.has(k) && asObj(v)) {
      const m: JsonSchema = {};
      for (const [name, s] of Object.entries(v as JsonSchema)) m[name] = stripSchemaProse(s);
      out[k] = m;
    } else if (SCHEMA_ONE.has(k) || (SCHEMA_LISTS.has(k) && Array.isArray(v))) {
      out[k] = stripSchemaProse(v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

/**
 * The CRD kinds of one resolved CRD source file: from the bundle for pinned files it holds, else from the mirror,
 * cache or the user's file. A user's file that cannot be parsed or holds no CRD is a ConfigError (a folder may
 * mix CRDs with other files, but must hold at least one CRD: see {@link checkCrdFoldersHaveCrds}).
 */
export function loadCrdRef(ref: CrdFileRef, load: LoadOptions = {}): CrdKind[] {
  if (ref.pinned) {
    const bundled = bundledCrdDocuments(ref.file);
    if (bundled) {
      const hit = fileCache.get(bundled.file);
      if (hit) return hit;
      const kinds = bundled.docs.flatMap((d) => crdKindsOf(d, bundled.file));
      fileCache.set(bundled.file, kinds);
      return kinds;
    }
  }
  const { text, path: p } = readCrdFileSync(ref, load);
  let kinds: CrdKind[];
  try {
    kinds = loadCrdFile(text, p);
  } catch (e) {
    throw new ConfigError({ path: 'crdSources', problem: `${p} cannot be read as YAML: ${(e as Error).message.split('\n')[0]}`, value: ref.source ?? p, fix: 'point at a CustomResourceDefinition YAML or JSON file' });
  }
  for (const k of kinds) crdNamesCheck(k, ref.source ?? p);
  if (!kinds.length && !ref.folder) {
    throw new ConfigError({
      path: 'crdSources',
      problem: `${p} holds no CustomResourceDefinition (apiextensions.k8s.io/v1 or v1beta1)`,
      value: ref.source ?? p,
      allowed: 'a file or folder of CRD YAML/JSON, a pinned source, or an https:// URL of a CRD file',
      fix: 'point at the CRD file itself (not a custom resource that uses it)',
    });
  }
  return kinds;
}

/**
 * Refuses a CRD whose kind, group or version the API server would refuse (apiextensions validation: the kind
 * lower-cased and the version are DNS-1035 labels, the group a DNS-1123 subdomain). They name schema files
 * (`schemas --crds`), so a name like `../../../tmp/x` must never get that far.
 */
export function crdNamesCheck(k: CrdKind, source: string): void {
  const problems: [string, string, string | undefined][] = [
    ['spec.names.kind', k.kind, /^[A-Za-z][A-Za-z0-9]*$/.test(k.kind) ? dns1035LabelProblem(k.kind.toLowerCase()) : 'letters and digits only, starting with a letter'],
    ['spec.group', k.group, dns1123SubdomainProblem(k.group) ?? (k.group.includes('.') ? undefined : 'must contain at least one dot')],
    ['spec.versions[].name', k.version, dns1035LabelProblem(k.version)],
  ];
  for (const [field, value, problem] of problems) {
    if (!problem) continue;
    throw new ConfigError({
      path: `crdSources: ${source}: CRD ${k.crdName}: ${field}`,
      problem: `not a name the Kubernetes API server accepts (${problem}); it would also name a schema file`,
      value,
      allowed: field === 'spec.group' ? 'a DNS-1123 subdomain with at least one dot, e.g. ceph.rook.io' : 'a DNS-1035 label (lower-cased for kinds), e.g. CephCluster, v1',
      fix: 'use the CRD as its project publishes it; a CRD with such a name cannot be installed either',
    });
  }
}

/** A ConfigError for a folder source in which no file held a CRD. */
export function checkCrdFoldersHaveCrds(refs: readonly CrdFileRef[], kindsPerRef: readonly CrdKind[][]): void {
  const found = new Map<string, boolean>();
  refs.forEach((r, i) => {
    if (r.folder) found.set(r.folder, (found.get(r.folder) ?? false) || kindsPerRef[i].length > 0);
  });
  for (const [folder, ok] of found) {
    if (!ok) {
      throw new ConfigError({
        path: 'crdSources',
        problem: `no file in the folder ${folder} holds a CustomResourceDefinition`,
        value: folder,
        allowed: 'a file or folder of CRD YAML/JSON, a pinned source, or an https:// URL of a CRD file',
        fix: 'point at the folder with the CRD files',
      });
    }
  }
}

/** Returns true if `path` has been parsed already in this process. */
export function isCrdFileCached(file: string): boolean {
  return fileCache.has(file);
}

function isTypeOnly(s: unknown, types: string[]): boolean {
  const o = asObj(s);
  return !!o && Object.keys(o).every((k) => k === 'type') && types.includes(o.type as string);
}

function transform(node: unknown, strict: boolean): unknown {
  const s = asObj(node);
  if (!s) return node;
  const out: JsonSchema = { ...s };
  if (s.properties && typeof s.properties === 'object') {
    const props: JsonSchema = {};
    for (const [k, v] of Object.entries(s.properties as JsonSchema)) props[k] = transform(v, strict);
    out.properties = props;
  }
  if (s.patternProperties && typeof s.patternProperties === 'object') {
    const pp: JsonSchema = {};
    for (const [k, v] of Object.entries(s.patternProperties as JsonSchema)) pp[k] = transform(v, strict);
    out.patternProperties = pp;
  }
  if (Array.isArray(s.items)) out.items = s.items.map((i) => transform(i, strict));
  else if (s.items) out.items = transform(s.items, strict);
  if (asObj(s.additionalProperties)) out.additionalProperties = transform(s.additionalProperties, strict);
  for (const c of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[c])) out[c] = (s[c] as unknown[]).map((x) => transform(x, strict));
  if (s.not) out.not = transform(s.not, strict);

  const intOrString = s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string';
  if (intOrString) {
    out.type = ['integer', 'string'];
    if (s.format === 'int-or-string') delete out.format;
    for (const c of ['anyOf', 'oneOf']) {
      if (Array.isArray(out[c]) && (out[c] as unknown[]).every((b) => isTypeOnly(b, ['integer', 'string', 'number']))) delete out[c];
    }
  }
  if ('nullable' in out) {
    delete out.nullable;
    if (s.nullable === true) {
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    }
  }
  if (strict && out.properties && out.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    if (s['x-kubernetes-embedded-resource'] === true) {
      const props = { ...(out.properties as JsonSchema) };
      props.apiVersion ??= { type: 'string' };
      props.kind ??= { type: 'string' };
      props.metadata ??= { type: 'object' };
      out.properties = props;
    }
    out.additionalProperties = false;
  }
  return out;
}

/**
 * JSON Schema for one CRD version. `strict` adds `additionalProperties: false` below the root (the single
 * variant kubeconform's script produces is the strict one, so {@link writeSchemas} always uses strict).
 */
export function crdJsonSchema(crd: CrdKind, strict = true): JsonSchema {
  const raw = crd.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  // unknown fields of a CRD without pruning are stored, not refused (see the module comment)
  const root = transform(raw, strict && !crd.keepUnknownFields) as JsonSchema;
  // The root stays open (kubeconform default), whatever transform() decided for it.
  if (raw.additionalProperties === undefined) delete root.additionalProperties;
  const props = { ...((root.properties as JsonSchema) ?? {}) };
  props.apiVersion = { ...(asObj(props.apiVersion) ?? {}), type: 'string', enum: [crd.apiVersion] };
  props.kind = { ...(asObj(props.kind) ?? {}), type: 'string', enum: [crd.kind] };
  props.metadata ??= { type: 'object' };
  root.properties = props;
  root.type ??= 'object';
  return root;
}
