/**
 * Per-kind JSON Schemas derived from cdk8s' `_definitions.json` (reference §12-13), plus kubeconform file naming.
 */
import { bundledKubernetes } from './bundle';
import { kubernetesDefinitionsPath, kubernetesMinor, loadTextSync, LoadOptions, normalizeKubernetesVersion } from './sources';
import { apiVersionOf, JsonSchema } from './crd-parse';

export { apiVersionOf } from './crd-parse';
export type { JsonSchema } from './crd-parse';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** Splits an apiVersion into group ('' for core) and version. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** kubeconform `{{ .KindSuffix }}`: `-<first label of group, lowercased>-<version>`, or `-<version>` for core. */
export function kindSuffix(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  const label = group.split('.')[0].toLowerCase();
  return label ? `-${label}-${version.toLowerCase()}` : `-${version.toLowerCase()}`;
}

/** kubeconform `{{ .ResourceKind }}{{ .KindSuffix }}.json`, e.g. `deployment-apps-v1.json`, `cephcluster-ceph-v1.json`. */
export function schemaFileName(apiVersion: string, kind: string): string {
  return `${kind.toLowerCase()}${kindSuffix(apiVersion)}.json`;
}

export interface KubernetesDefinitions {
  /** Full version the definitions were first loaded for (one object serves every patch of a minor). */
  readonly version: string;
  readonly path: string;
  readonly definitions: Record<string, JsonSchema>;
  /** `apiVersion|kind` → definition name, for manifest kinds only. */
  readonly kinds: Map<string, string>;
  /** Lazily built strict copy of the definitions. */
  strictDefinitions?: Record<string, JsonSchema>;
}

const META_PREFIX = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const defsCache = new Map<string, KubernetesDefinitions>();

/** Manifest kinds of a definitions object: `{fqn, gvk}` for each GVK of each kind definition (sorted by file name). */
export function manifestKinds(definitions: Record<string, JsonSchema>): Array<{ fqn: string; gvk: Gvk; apiVersion: string }> {
  const out: Array<{ fqn: string; gvk: Gvk; apiVersion: string }> = [];
  for (const fqn of Object.keys(definitions).sort()) {
    if (fqn.startsWith(META_PREFIX)) continue;
    const d = definitions[fqn];
    const gvks = d['x-kubernetes-group-version-kind'];
    const props = d.properties as JsonSchema | undefined;
    if (!Array.isArray(gvks) || !props || !props.metadata) continue;
    for (const g of gvks as Gvk[]) {
      out.push({ fqn, gvk: { group: g.group ?? '', version: g.version, kind: g.kind }, apiVersion: apiVersionOf(g.group ?? '', g.version) });
    }
  }
  return out;
}

/**
 * Loads (once per process and file) the definitions for a Kubernetes version: the bundled definitions of its
 * minor, else (a bundle without that minor) the mirror or cache.
 */
export function loadKubernetesDefinitions(version: string, opts: LoadOptions = {}): KubernetesDefinitions {
  const full = normalizeKubernetesVersion(version);
  const bundled = bundledKubernetes(kubernetesMinor(full));
  let path: string;
  let definitions: Record<string, JsonSchema> | undefined;
  if (bundled) {
    path = bundled.file;
    const hit = defsCache.get(path);
    if (hit) return hit;
    definitions = bundled.definitions;
  } else {
    const loaded = loadTextSync(kubernetesDefinitionsPath(full), opts);
    path = loaded.path;
    const hit = defsCache.get(path);
    if (hit) return hit;
    definitions = (JSON.parse(loaded.text) as { definitions?: Record<string, JsonSchema> }).definitions;
    if (!definitions) throw new Error(`${path}: no 'definitions' object`);
  }
  const kinds = new Map<string, string>();
  for (const k of manifestKinds(definitions)) {
    const key = `${k.apiVersion}|${k.gvk.kind}`;
    if (!kinds.has(key)) kinds.set(key, k.fqn);
  }
  const defs: KubernetesDefinitions = { version: full, path, definitions, kinds };
  defsCache.set(path, defs);
  return defs;
}

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'];

/**
 * Returns a copy of `schema` where every object schema with `properties` and no `additionalProperties` gets
 * `additionalProperties: false`, unless it has `x-kubernetes-preserve-unknown-fields: true`. Only schema positions
 * are walked (property values, items, additionalProperties, combinators, not, definitions), never property names.
 */
export function strictify(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as JsonSchema;
  const out: JsonSchema = { ...s };
  if (s.properties && typeof s.properties === 'object') {
    const props: JsonSchema = {};
    for (const [k, v] of Object.entries(s.properties as JsonSchema)) props[k] = strictify(v);
    out.properties = props;
    if (s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
      out.additionalProperties = false;
    }
  }
  if (s.patternProperties && typeof s.patternProperties === 'object') {
    const pp: JsonSchema = {};
    for (const [k, v] of Object.entries(s.patternProperties as JsonSchema)) pp[k] = strictify(v);
    out.patternProperties = pp;
  }
  if (s.definitions && typeof s.definitions === 'object') {
    const d: JsonSchema = {};
    for (const [k, v] of Object.entries(s.definitions as JsonSchema)) d[k] = strictify(v);
    out.definitions = d;
  }
  if (Array.isArray(s.items)) out.items = s.items.map(strictify);
  else if (s.items) out.items = strictify(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = strictify(s.additionalProperties);
  for (const c of COMBINATORS) if (Array.isArray(s[c])) out[c] = (s[c] as unknown[]).map(strictify);
  if (s.not) out.not = strictify(s.not);
  return out;
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, into);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as JsonSchema)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) into.add(v.slice('#/definitions/'.length));
    else if (v && typeof v === 'object') collectRefs(v, into);
  }
}

/** Names of all definitions transitively referenced from `fqn` (excluding `fqn` unless it is recursive). */
export function refClosure(definitions: Record<string, JsonSchema>, fqn: string): string[] {
  const seen = new Set<string>();
  const queue = [fqn];
  const done = new Set<string>();
  while (queue.length) {
    const cur = queue.pop()!;
    if (done.has(cur)) continue;
    done.add(cur);
    const refs = new Set<string>();
    collectRefs(definitions[cur], refs);
    for (const r of refs) {
      if (!definitions[r]) continue;
      seen.add(r);
      if (!done.has(r)) queue.push(r);
    }
  }
  return [...seen].sort();
}

function strictDefinitions(defs: KubernetesDefinitions): Record<string, JsonSchema> {
  if (!defs.strictDefinitions) {
    const out: Record<string, JsonSchema> = {};
    for (const [k, v] of Object.entries(defs.definitions)) out[k] = strictify(v) as JsonSchema;
    defs.strictDefinitions = out;
  }
  return defs.strictDefinitions;
}

/**
 * Standalone schema for one kind (reference §13): copy of the definition with apiVersion/kind enums and a
 * `definitions` object holding the transitive `$ref` closure; `strict` adds `additionalProperties: false`.
 */
export function deriveKindSchema(defs: KubernetesDefinitions, fqn: string, apiVersion: string, kind: string, strict: boolean): JsonSchema {
  const source = strict ? strictDefinitions(defs) : defs.definitions;
  const base = source[fqn];
  if (!base) throw new Error(`definition ${fqn} not found`);
  const props = { ...((base.properties as JsonSchema) ?? {}) };
  props.apiVersion = { ...((props.apiVersion as JsonSchema) ?? { type: 'string' }), enum: [apiVersion] };
  props.kind = { ...((props.kind as JsonSchema) ?? { type: 'string' }), enum: [kind] };
  const closure: Record<string, JsonSchema> = {};
  for (const r of refClosure(source, fqn)) closure[r] = source[r];
  return { ...base, properties: props, definitions: closure };
}

/** Looks up the definition name for a manifest kind, or undefined. */
export function kindDefinition(defs: KubernetesDefinitions, apiVersion: string, kind: string): string | undefined {
  return defs.kinds.get(`${apiVersion}|${kind}`);
}

/**
 * Built-in kinds that are cluster-scoped. `_definitions.json` carries no scope, so this is a hand-maintained list
 * (any other built-in manifest kind is namespaced).
 */
export const CLUSTER_SCOPED_BUILTIN_KINDS: ReadonlySet<string> = new Set([
  'v1/Namespace',
  'v1/Node',
  'v1/PersistentVolume',
  'v1/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass',
  'storagemigration.k8s.io/StorageVersionMigration',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'policy/PodSecurityPolicy',
  'extensions/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest',
  'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'networking.k8s.io/IngressClass',
  'networking.k8s.io/IPAddress',
  'networking.k8s.io/ServiceCIDR',
  'resource.k8s.io/DeviceClass',
  'resource.k8s.io/ResourceSlice',
  'internal.apiserver.k8s.io/StorageVersion',
  'authentication.k8s.io/TokenReview',
  'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SubjectAccessReview',
  'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
]);

/** Scope of a built-in kind by group (or `v1` for core) and kind. */
export function isBuiltinClusterScoped(apiVersion: string, kind: string): boolean {
  const { group } = splitApiVersion(apiVersion);
  return CLUSTER_SCOPED_BUILTIN_KINDS.has(`${group || 'v1'}/${kind}`);
}
