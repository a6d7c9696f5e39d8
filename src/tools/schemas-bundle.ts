/**
 * Generates the embedded schema bundle (src/validation/bundle/) from the upstream mirror:
 *
 *   npm run schemas:bundle                     # mirror: $GITOPS_STORAGE_UPSTREAM, else ../shared/upstream beside the repo
 *   npm run schemas:bundle -- --upstream DIR [--out DIR]
 *
 * Facts only: the Kubernetes `_definitions.json` of every supported minor and the CRD objects of every pinned CRD
 * file, with every documentation string (`description`, `$comment` in schema positions, printer column
 * descriptions), `status` and `metadata.creationTimestamp` removed; non-CRD documents are dropped. Output is
 * gzip-compressed JSON plus `index.json` (size and sha256 per file), byte-identical for the same mirror.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import * as YAML from 'yaml';
import { BUNDLE_FORMAT, BundleIndex, precompiledKey } from '../validation/bundle';
import { crdJsonSchema, crdKindsOf, stripSchemaProse } from '../validation/crd-schemas';
import { deriveKindSchema, KubernetesDefinitions, manifestKinds } from '../validation/k8s-schemas';
import { KUBERNETES_MINORS, PINNED_CRD_SOURCES, UPSTREAM_ENV } from '../validation/sources';
import { ajvVersion, precompiledStandaloneCode } from '../validation/validator';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function isCrd(d: unknown): d is Json {
  return isObj(d) && d.kind === 'CustomResourceDefinition' && typeof d.apiVersion === 'string' && d.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** A CRD object without status, creationTimestamp and documentation strings. */
export function cleanCrd(crd: Json): Json {
  const out: Json = { ...crd };
  delete out.status;
  if (isObj(out.metadata)) {
    const md = { ...out.metadata };
    delete md.creationTimestamp;
    out.metadata = md;
  }
  const cleanVersionish = (v: Json): Json => {
    const o: Json = { ...v };
    for (const k of ['validation', 'schema']) {
      if (isObj(o[k]) && 'openAPIV3Schema' in (o[k] as Json)) o[k] = { ...(o[k] as Json), openAPIV3Schema: stripSchemaProse((o[k] as Json).openAPIV3Schema) };
    }
    if (Array.isArray(o.additionalPrinterColumns)) {
      o.additionalPrinterColumns = o.additionalPrinterColumns.map((c) => {
        if (!isObj(c)) return c;
        const col = { ...c };
        if (typeof col.description === 'string') delete col.description;
        return col;
      });
    }
    return o;
  };
  if (isObj(out.spec)) {
    const spec = cleanVersionish(out.spec);
    if (Array.isArray(spec.versions)) spec.versions = spec.versions.map((v) => (isObj(v) ? cleanVersionish(v) : v));
    out.spec = spec;
  }
  return out;
}

/** The CRD objects of a YAML/JSON text (List items included), cleaned. */
export function crdDocuments(text: string, file: string): Json[] {
  const out: Json[] = [];
  for (const doc of YAML.parseAllDocuments(text, { uniqueKeys: false, merge: true })) {
    if (doc.errors.length) throw new Error(`${file}: YAML error: ${doc.errors[0].message}`);
    const js = doc.toJS({ maxAliasCount: -1 }) as unknown;
    const items = isObj(js) && js.kind === 'List' && Array.isArray(js.items) ? js.items : [js];
    for (const d of items) if (isCrd(d)) out.push(cleanCrd(d));
  }
  return out;
}

function semverKey(v: string): number[] {
  return v.split('.').map(Number);
}

/** File name of the bundled data for a mirror-relative CRD path. */
function crdDataName(rel: string): string {
  return `crd-${rel.replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_')}.json.gz`;
}

/**
 * Which schemas get a precompiled validator (chosen by facts of the pinned data and of the constructs, so the
 * choice is the same on every machine): the strict schema of every CRD kind of every pinned source (the large
 * ones, Argo CD Application / ApplicationSet, CephCluster, ceph-csi Driver / OperatorConfig, CephObjectStore,
 * CephFilesystem, take ajv 0.1-1 s each), and in every bundled minor the built-in kinds of
 * {@link PRECOMPILED_BUILTIN_KINDS}. Identical code is stored once.
 */
export const PRECOMPILED_BUILTIN_KINDS: ReadonlySet<string> = new Set([
  // the pod-template workloads of every operator and CSI driver (the largest built-in schemas, 0.1-0.2 s each);
  // the other pod-template kinds are as large and new in nearly every minor: for 21 minors they would take the
  // bundle near its budget
  'apps/v1|Deployment',
  'apps/v1|DaemonSet',
  // the small kinds the constructs emit (10-20 ms each, a few dozen per site; their code rarely changes between
  // minors, so it is mostly stored once): with them a typical site needs no ajv compiler at all
  'v1|Namespace',
  'v1|ServiceAccount',
  'v1|Service',
  'v1|ConfigMap',
  'v1|Secret',
  'v1|PersistentVolume',
  'v1|PersistentVolumeClaim',
  'rbac.authorization.k8s.io/v1|Role',
  'rbac.authorization.k8s.io/v1|RoleBinding',
  'rbac.authorization.k8s.io/v1|ClusterRole',
  'rbac.authorization.k8s.io/v1|ClusterRoleBinding',
  'storage.k8s.io/v1|StorageClass',
  'storage.k8s.io/v1|CSIDriver',
  'storage.k8s.io/v1beta1|CSIDriver',
  'scheduling.k8s.io/v1|PriorityClass',
  'policy/v1|PodDisruptionBudget',
  'policy/v1beta1|PodDisruptionBudget',
  'policy/v1beta1|PodSecurityPolicy',
  'admissionregistration.k8s.io/v1|MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1|MutatingWebhookConfiguration',
  'apiextensions.k8s.io/v1|CustomResourceDefinition',
  'apiextensions.k8s.io/v1beta1|CustomResourceDefinition',
]);

/** Data file name of precompiled validator code: named by its content, so identical code is stored once. */
function validatorDataName(code: string): string {
  return `validator-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js.gz`;
}

/** The bundle as file name → bytes (index.json included), in a fixed order. */
export function buildBundle(upstreamDir: string): Map<string, Buffer> {
  const data = new Map<string, Buffer>();
  const put = (name: string, value: unknown) => {
    // level 9, no file name, mtime 0: the same input always gives the same bytes
    data.set(name, gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 9 }));
  };
  const kubernetes: Record<string, { file: string; from: string }> = {};
  // precompiled validators: key → code, from the data exactly as the runtime reads it back (a JSON round trip)
  const validators = new Map<string, { dataFile: string; code: string }>();
  const codeBySchema = new Map<string, string>();
  const precompile = (dataFile: string, mode: string, apiVersion: string, kind: string, schema: Json) => {
    const key = precompiledKey(dataFile, mode, apiVersion, kind);
    if (validators.has(key)) return; // the first of a file wins, as in the validator
    const json = JSON.stringify(schema);
    let code = codeBySchema.get(json);
    if (code === undefined) codeBySchema.set(json, (code = precompiledStandaloneCode(schema)));
    validators.set(key, { dataFile, code });
  };
  const kdir = path.join(upstreamDir, 'kubernetes');
  const available = fs.existsSync(kdir) ? fs.readdirSync(kdir).filter((n) => /^\d+\.\d+\.\d+$/.test(n) && fs.existsSync(path.join(kdir, n, '_definitions.json'))) : [];
  for (const minor of KUBERNETES_MINORS) {
    const patches = available.filter((v) => v.startsWith(`${minor}.`)).sort((a, b) => semverKey(b)[2] - semverKey(a)[2]);
    if (!patches.length) throw new Error(`${kdir}: no <${minor}.x>/_definitions.json for Kubernetes ${minor}`);
    const parsed = JSON.parse(fs.readFileSync(path.join(kdir, patches[0], '_definitions.json'), 'utf8')) as { definitions?: Json };
    if (!isObj(parsed.definitions)) throw new Error(`${kdir}/${patches[0]}/_definitions.json: no 'definitions' object`);
    const definitions: Json = {};
    for (const [k, v] of Object.entries(parsed.definitions)) definitions[k] = stripSchemaProse(v);
    const name = `kubernetes-${minor}.json.gz`;
    put(name, { definitions });
    kubernetes[minor] = { file: name, from: patches[0] };
    const defs: KubernetesDefinitions = { version: patches[0], path: name, definitions: JSON.parse(JSON.stringify(definitions)) as Record<string, Json>, kinds: new Map() };
    for (const k of manifestKinds(defs.definitions)) {
      if (!PRECOMPILED_BUILTIN_KINDS.has(`${k.apiVersion}|${k.gvk.kind}`)) continue;
      precompile(name, 'strict', k.apiVersion, k.gvk.kind, deriveKindSchema(defs, k.fqn, k.apiVersion, k.gvk.kind, true));
    }
  }
  const crds: Record<string, string> = {};
  const crdKinds: Record<string, string[]> = {};
  const files = [...new Set(Object.values(PINNED_CRD_SOURCES).flatMap((s) => s.files))].sort();
  const crdByContent = new Map<string, string>();
  for (const rel of files) {
    const p = path.join(upstreamDir, rel);
    if (!fs.existsSync(p)) throw new Error(`${p}: pinned CRD file missing from the mirror`);
    const docs = crdDocuments(fs.readFileSync(p, 'utf8'), rel);
    if (!docs.length) throw new Error(`${p}: no CustomResourceDefinition`);
    // identical CRD data (the same schema pinned by several lines) is stored once, under the first file's name
    const content = JSON.stringify(docs);
    const same = crdByContent.get(content);
    if (same !== undefined) {
      crds[rel] = same;
      continue;
    }
    const name = crdDataName(rel);
    crdByContent.set(content, name);
    put(name, docs);
    crds[rel] = name;
    const kinds = (JSON.parse(JSON.stringify(docs)) as unknown[]).flatMap((d) => crdKindsOf(d, name));
    crdKinds[name] = [...new Set(kinds.map((c) => `${c.apiVersion}|${c.kind}`))];
    for (const c of kinds) {
      precompile(name, `strict${c.keepUnknownFields ? '-keep-unknown' : ''}`, c.apiVersion, c.kind, crdJsonSchema(c, true));
    }
  }
  const entries: Record<string, { file: string; source: string }> = {};
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  for (const key of [...validators.keys()].sort()) {
    const { dataFile, code } = validators.get(key)!;
    const file = validatorDataName(code);
    if (!data.has(file)) data.set(file, gzipSync(Buffer.from(code, 'utf8'), { level: 9 }));
    entries[key] = { file, source: sha(data.get(dataFile)!) };
  }
  const index: BundleIndex = {
    format: BUNDLE_FORMAT,
    kubernetes,
    crds,
    crdKinds: Object.fromEntries(Object.keys(crdKinds).sort().map((n) => [n, crdKinds[n]])),
    validators: { ajv: ajvVersion(), entries },
    files: Object.fromEntries(
      [...data.keys()].sort().map((n) => [n, { size: data.get(n)!.length, sha256: createHash('sha256').update(data.get(n)!).digest('hex') }]),
    ),
  };
  const out = new Map<string, Buffer>([['index.json', Buffer.from(`${JSON.stringify(index, null, 2)}\n`, 'utf8')]]);
  for (const n of [...data.keys()].sort()) out.set(n, data.get(n)!);
  return out;
}

/** Writes the bundle into `outDir`, removing data files the new bundle no longer has. Returns total bytes. */
export function writeBundle(upstreamDir: string, outDir: string): { files: number; bytes: number } {
  const bundle = buildBundle(upstreamDir);
  fs.mkdirSync(outDir, { recursive: true });
  for (const old of fs.readdirSync(outDir)) {
    if ((old === 'index.json' || old.endsWith('.json.gz') || old.endsWith('.js.gz')) && !bundle.has(old)) fs.rmSync(path.join(outDir, old));
  }
  let bytes = 0;
  for (const [name, buf] of bundle) {
    fs.writeFileSync(path.join(outDir, name), buf);
    bytes += buf.length;
  }
  return { files: bundle.size, bytes };
}

/** The repository root (the folder with this package's package.json), from src/tools or lib/src/tools. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'gitops-storage') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package root of gitops-storage not found');
    dir = parent;
  }
}

/** Developer tools only (generator, bench): `../shared/upstream` beside the repository, if it exists. */
export function defaultToolMirror(): string | undefined {
  const p = path.join(repoRoot(), '..', 'shared', 'upstream');
  return fs.existsSync(p) ? p : undefined;
}

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = repoRoot();
  const upstream = path.resolve(arg('--upstream') ?? process.env[UPSTREAM_ENV] ?? defaultToolMirror() ?? path.join(root, '..', 'shared', 'upstream'));
  if (!fs.existsSync(upstream)) {
    console.error(`upstream mirror not found at ${upstream}: pass --upstream DIR or set ${UPSTREAM_ENV}`);
    process.exit(1);
  }
  const out = path.resolve(arg('--out') ?? path.join(root, 'src', 'validation', 'bundle'));
  const r = writeBundle(upstream, out);
  console.log(`wrote ${r.files} files (${(r.bytes / 1024 / 1024).toFixed(2)} MiB) to ${path.relative(process.cwd(), out) || '.'} from ${upstream}`);
}

if (require.main === module) main(process.argv.slice(2));
