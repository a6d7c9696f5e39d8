/**
 * CustomResourceDefinition text → the kinds it defines (group, version, kind, scope, schema). A leaf of validation/:
 * sources.ts checks a download with it and crd-schemas.ts derives the validation schemas from its output.
 */
import type * as YamlModule from 'yaml';
import { yamlAliasProblem, yamlDepthProblem } from '../foundation/kube-yaml';

/** A JSON Schema (or any schema node) as a plain object. */
export type JsonSchema = { [key: string]: unknown };

/** `{group}/{version}` or `{version}` for the core group. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** `yaml`, loaded on first use (CRDs of the embedded bundle are JSON already). */
let yamlModule: typeof YamlModule | undefined;
export function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof YamlModule);
}

export type CrdScope = 'Namespaced' | 'Cluster';

export interface CrdKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly scope: CrdScope;
  /** `metadata.name` of the CRD. */
  readonly crdName: string;
  /** The CRD's apiVersion (apiextensions.k8s.io/v1 or v1beta1). */
  readonly crdApiVersion: string;
  /**
   * True when the API server keeps unknown fields of this version instead of pruning them: an apiextensions
   * v1beta1 CRD without `spec.preserveUnknownFields: false` (or any CRD with `preserveUnknownFields: true`).
   */
  readonly keepUnknownFields?: boolean;
  /** Raw openAPIV3Schema, or undefined when the CRD declares none. */
  readonly openAPIV3Schema?: JsonSchema;
  /** File the CRD was read from. */
  readonly file: string;
}

export function asObj(v: unknown): JsonSchema | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : undefined;
}

/** Extracts one entry per (group, version, kind) from a CRD object; returns [] for non-CRD objects. */
export function crdKindsOf(doc: unknown, file: string): CrdKind[] {
  const d = asObj(doc);
  if (!d) return [];
  if (d.kind === 'List' && Array.isArray(d.items)) return (d.items as unknown[]).flatMap((i) => crdKindsOf(i, file));
  if (d.kind !== 'CustomResourceDefinition' || typeof d.apiVersion !== 'string' || !d.apiVersion.startsWith('apiextensions.k8s.io/')) {
    return [];
  }
  const spec = asObj(d.spec);
  const names = asObj(spec?.names);
  if (!spec || !names || typeof spec.group !== 'string' || typeof names.kind !== 'string') return [];
  const scope: CrdScope = spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced';
  const topSchema = asObj(asObj(spec.validation)?.openAPIV3Schema);
  const versions: Array<{ name: string; schema?: JsonSchema }> = [];
  if (Array.isArray(spec.versions) && spec.versions.length) {
    for (const v of spec.versions as unknown[]) {
      const vo = asObj(v);
      if (!vo || typeof vo.name !== 'string') continue;
      versions.push({ name: vo.name, schema: asObj(asObj(vo.schema)?.openAPIV3Schema) ?? topSchema });
    }
  } else if (typeof spec.version === 'string') {
    versions.push({ name: spec.version, schema: topSchema });
  }
  const crdName = String(asObj(d.metadata)?.name ?? '');
  // v1beta1 defaults preserveUnknownFields to true (no pruning); v1 CRDs prune unless a schema node says otherwise
  const keepUnknownFields = spec.preserveUnknownFields === true || (d.apiVersion === 'apiextensions.k8s.io/v1beta1' && spec.preserveUnknownFields !== false);
  return versions.map((v) => ({
    group: spec.group as string,
    version: v.name,
    kind: names.kind as string,
    apiVersion: apiVersionOf(spec.group as string, v.name),
    scope,
    crdName,
    crdApiVersion: d.apiVersion as string,
    ...(keepUnknownFields ? { keepUnknownFields: true } : {}),
    openAPIV3Schema: v.schema,
    file,
  }));
}

/** Parses a (multi-document) YAML/JSON text and returns the CRD kinds found; non-CRD documents are skipped. */
export function parseCrdText(text: string, file: string): CrdKind[] {
  const out: CrdKind[] = [];
  const depth = yamlDepthProblem(text);
  if (depth) throw new Error(`${file}: ${depth}`);
  for (const doc of yaml().parseAllDocuments(text, { uniqueKeys: false, merge: true })) {
    if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    const aliasing = yamlAliasProblem(doc);
    if (aliasing) throw new Error(`${file}: ${aliasing}`);
    out.push(...crdKindsOf(doc.toJS({ maxAliasCount: -1 }), file));
  }
  return out;
}

