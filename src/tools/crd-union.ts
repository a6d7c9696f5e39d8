/**
 * One CRD per kind from the same kind's CRDs over several releases (the Rook lines v1.0–v1.20): its schema is the
 * union of theirs, so the L1 binding `cdk8s import` generates from it has every field some supported line declares
 * (a site on an old line may set a field later lines removed). Which line has which field stays the job of the
 * version gates (src/versions/rook-field-probes.ts, requireFeature) and of the validator, which checks every
 * manifest against its own line's CRD; the binding carries only the shape.
 *
 * Merge rules, for two schema nodes of the same path:
 * - properties: merged recursively (a field of any line is a field of the union); `required`: the fields every
 *   line requires; `enum`: the values of all lines (no enum when one line has none);
 * - types: equal stays; integer with number is number; integer/number/string disagreeing, or one side
 *   int-or-string, is int-or-string; any other disagreement (object vs string, ...) is untyped (`any`);
 * - an object one line leaves undeclared (no properties, no additionalProperties: the old v1beta1 CRDs) adds no
 *   field; an object that is free-form in one line (`x-kubernetes-preserve-unknown-fields` without properties) and
 *   declared in another keeps the declared fields, since the constructs emit only declared ones;
 * - only what the binding's shape needs is kept (type, properties, additionalProperties, items, required, enum,
 *   int-or-string): validation keywords (pattern, minimum, formats, CEL rules, oneOf constraints) and descriptions
 *   are dropped; the validator has them from each line's own CRD.
 */
import * as YAML from 'yaml';
import { stripDescriptions } from '../foundation/manifest-util';

type Schema = Record<string, any>;

const INT_OR_STRING: Schema = { 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };

function isIntOrString(s: Schema): boolean {
  if (s['x-kubernetes-int-or-string'] === true) return true;
  const alts: Schema[] | undefined = s.anyOf ?? s.oneOf;
  return !!alts && alts.length === 2 && alts.some((a) => a.type === 'integer') && alts.some((a) => a.type === 'string');
}

/**
 * Fields whose schema is a Kubernetes core type (Affinity parts, Toleration, TopologySpreadConstraint,
 * ResourceRequirements, PersistentVolumeClaim, Volume, VolumeMount, SecurityContext, Probe, EnvVar, Container):
 * the binding leaves them untyped (`any`). Rook's CRDs inline these types at every place that uses them, so typed
 * they would be most of the binding (imports/ would grow from ~0.3 MB to ~2 MB, compiled into the package); the
 * constructs type them through their own props, and the validator checks them against each line's CRD.
 */
export const KUBERNETES_CORE_FIELDS: ReadonlySet<string> = new Set([
  'affinity', 'nodeAffinity', 'podAffinity', 'podAntiAffinity', 'tolerations', 'topologySpreadConstraints', 'resources',
  'volumeClaimTemplate', 'volumeClaimTemplates', 'volumes', 'volumeMounts', 'volumeSource', 'securityContext',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'probe', 'env', 'envFrom', 'containers', 'initContainers',
]);

const FREE_FORM: Schema = { 'x-kubernetes-preserve-unknown-fields': true };

/** A schema node reduced to the keywords the binding's shape needs (recursively). */
export function shapeOf(s: Schema | undefined): Schema {
  if (!s || typeof s !== 'object') return {};
  if (isIntOrString(s)) return s.enum ? { ...INT_OR_STRING, enum: [...s.enum] } : { ...INT_OR_STRING };
  const out: Schema = {};
  const type = s.type ?? (s.properties || s.additionalProperties ? 'object' : s.items ? 'array' : undefined);
  if (type) out.type = type;
  if (s.properties && typeof s.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(s.properties).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => [k, KUBERNETES_CORE_FIELDS.has(k) ? { ...FREE_FORM } : shapeOf(v as Schema)]));
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = shapeOf(s.additionalProperties);
  else if (s.additionalProperties === true) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) out.items = shapeOf(s.items);
  if (Array.isArray(s.required) && s.required.length) out.required = [...s.required];
  if (Array.isArray(s.enum) && s.enum.length) out.enum = [...s.enum];
  if (s['x-kubernetes-preserve-unknown-fields'] === true) out['x-kubernetes-preserve-unknown-fields'] = true;
  return out;
}

/** The union of incompatible shapes (object vs string, ...): untyped, and it stays untyped in further merges. */
const ANY: Schema = Object.freeze({ 'x-kubernetes-preserve-unknown-fields': true }) as Schema;

const NUMERIC = new Set(['integer', 'number']);
const SCALAR = new Set(['integer', 'number', 'string']);

/** True for an object node that declares nothing (no properties, no map values): it adds no field to a union. */
function undeclared(s: Schema): boolean {
  return (s.type === 'object' || s.type === undefined) && !s.properties && !s.additionalProperties && !s.items && !s.enum && !isIntOrString(s);
}

/** The union of two shapes (see the file comment); `a` comes from the newer line. */
export function mergeShapes(a: Schema | undefined, b: Schema | undefined): Schema {
  if (a === ANY || b === ANY) return ANY;
  if (!a || !Object.keys(a).length) return b ?? {};
  if (!b || !Object.keys(b).length) return a;
  if (undeclared(b)) return a['x-kubernetes-preserve-unknown-fields'] || !b['x-kubernetes-preserve-unknown-fields'] ? a : { ...a, 'x-kubernetes-preserve-unknown-fields': true };
  if (undeclared(a)) return mergeShapes(b, a);
  const enumOf = (): unknown[] | undefined => (a.enum && b.enum ? [...a.enum, ...b.enum.filter((x: unknown) => !a.enum.includes(x))] : undefined);
  if (isIntOrString(a) || isIntOrString(b)) {
    if (!SCALAR.has(a.type ?? 'integer') || !SCALAR.has(b.type ?? 'integer')) return ANY;
    const e = enumOf();
    return e ? { ...INT_OR_STRING, enum: e } : { ...INT_OR_STRING };
  }
  if (a.type !== b.type) {
    if (NUMERIC.has(a.type) && NUMERIC.has(b.type)) return { type: 'number', ...(enumOf() ? { enum: enumOf() } : {}) };
    if (SCALAR.has(a.type) && SCALAR.has(b.type)) return mergeShapes({ ...INT_OR_STRING }, { ...INT_OR_STRING, ...(enumOf() ? { enum: enumOf() } : {}) });
    return ANY;
  }
  const out: Schema = { type: a.type };
  if (a.properties || b.properties) {
    const props: Schema = {};
    for (const k of [...new Set([...Object.keys(a.properties ?? {}), ...Object.keys(b.properties ?? {})])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) {
      props[k] = mergeShapes(a.properties?.[k], b.properties?.[k]);
    }
    out.properties = props;
  }
  if (a.additionalProperties || b.additionalProperties) {
    // a map in one line and a struct in another is a map: its values take the struct's field shapes too
    out.additionalProperties = [a.additionalProperties, b.additionalProperties, ...Object.values(out.properties ?? {})].reduce((x, y) => mergeShapes(x, y), undefined);
    delete out.properties;
  }
  if (a.items || b.items) out.items = mergeShapes(a.items, b.items);
  if (a.required && b.required) {
    const req = a.required.filter((x: string) => b.required.includes(x));
    if (req.length) out.required = req;
  }
  const e = enumOf();
  if (e) out.enum = e;
  if (a['x-kubernetes-preserve-unknown-fields'] || b['x-kubernetes-preserve-unknown-fields']) out['x-kubernetes-preserve-unknown-fields'] = true;
  return out;
}

/** The openAPIV3Schema of `version` in one CRD (apiextensions v1, or v1beta1 with spec.validation), or undefined. */
function schemaOf(crd: any, version: string): Schema | undefined {
  const spec = crd.spec ?? {};
  const v = (spec.versions ?? []).find((x: any) => x.name === version);
  if (v?.schema?.openAPIV3Schema) return v.schema.openAPIV3Schema;
  if ((v || spec.version === version) && spec.validation?.openAPIV3Schema) return spec.validation.openAPIV3Schema;
  return undefined;
}

/** The served version name of a CRD: its storage version (v1) or its only one. */
function storageVersion(crd: any): string {
  const vs: any[] = crd.spec?.versions ?? [];
  return (vs.find((x) => x.storage) ?? vs[0])?.name ?? crd.spec?.version;
}

/**
 * One apiextensions.k8s.io/v1 CRD per kind whose schema is the union over `releases` (newest first, each the CRD
 * files' texts of one release) of that kind's schema at the newest release's storage version. `status` and
 * `metadata` are left out (the binding types metadata itself).
 */
export function unionCrds(releases: readonly (readonly string[])[], kinds: readonly string[]): any[] {
  const byKind = new Map<string, any[]>();
  for (const texts of releases) {
    const seen = new Set<string>();
    for (const t of texts) {
      for (const d of YAML.parseAllDocuments(t)) {
        const o = d.toJSON();
        const kind = o?.spec?.names?.kind;
        if (o?.kind !== 'CustomResourceDefinition' || !kinds.includes(kind) || seen.has(kind)) continue;
        seen.add(kind);
        byKind.set(kind, [...(byKind.get(kind) ?? []), stripDescriptions(o)]);
      }
    }
  }
  const out: any[] = [];
  for (const kind of kinds) {
    const crds = byKind.get(kind);
    if (!crds) throw new Error(`no release has a CRD for ${kind}`);
    const newest = crds[0];
    const version = storageVersion(newest);
    let spec: Schema | undefined;
    let required = true;
    for (const crd of crds) {
      const s = schemaOf(crd, version);
      if (!s) continue;
      spec = mergeShapes(spec, shapeOf(s.properties?.spec ?? {}));
      required &&= Array.isArray(s.required) && s.required.includes('spec');
    }
    out.push({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: newest.kind, // CustomResourceDefinition: scratch input of cdk8s import, not an emitted object
      metadata: { name: newest.metadata.name },
      spec: {
        group: newest.spec.group,
        names: { kind, plural: newest.spec.names.plural, singular: newest.spec.names.singular, listKind: newest.spec.names.listKind },
        scope: newest.spec.scope,
        versions: [{
          name: version, served: true, storage: true,
          // a copy: the shared ANY node would otherwise become YAML aliases
          schema: { openAPIV3Schema: JSON.parse(JSON.stringify({ type: 'object', properties: { spec: spec ?? { type: 'object' } }, ...(required ? { required: ['spec'] } : {}) })) },
        }],
      },
    });
  }
  return out;
}
