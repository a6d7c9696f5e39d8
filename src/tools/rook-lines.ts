/**
 * Generates `src/versions/rook-lines.generated.ts`, the per-line facts of every Rook minor v1.0–v1.20, from the
 * pinned release-line mirror (`<upstream>/rook-lines/v1.X.Z/`, one folder per minor at its newest patch):
 *
 *   npm run rook-lines                      # mirror: $GITOPS_STORAGE_UPSTREAM, else ../shared/upstream beside the repo
 *   npm run rook-lines -- --upstream DIR
 *
 * Facts only (names, versions, keys, image references), no upstream prose. Per line, from these files:
 * - `common.yaml` (before v1.5) / `crds.yaml` (v1.5+) and `csi-operator.yaml`: CRD kinds, their apiextensions
 *   apiVersion, the highest CephCluster `mgr.count`;
 * - `operator.yaml`: the `rook-ceph-operator-config` ConfigMap keys (set or shown commented out) and the operator
 *   Deployment's env var names (likewise), the operator image, the CSI image defaults (`ROOK_CSI_*_IMAGE`), where
 *   CSI settings live, FlexVolume availability;
 * - `cluster.yaml`: the default Ceph image (`spec.cephVersion.image`);
 * - `rook-ceph-chart-values.yaml`, `rook-ceph-cluster-chart-values.yaml`: chart value paths (dotted, maps only);
 * - the folder listing: which vendored install files the release has.
 * `test/rook-lines.test.ts` proves the committed file current against the mirror.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { defaultToolMirror, repoRoot } from './schemas-bundle';
import { UPSTREAM_ENV } from '../validation/sources';
import type { GeneratedCsiConfig, GeneratedRookLine } from '../versions/rook-line-types';
import { ROOK_FIELD_PROBES } from '../versions/rook-field-probes';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** YAML documents of a file as text blocks (split on `---` lines), comments kept. */
function textDocs(text: string): string[] {
  return text.split(/^---\s*$/m);
}

function parseDocs(text: string): any[] {
  return YAML.parseAllDocuments(text, { uniqueKeys: false, merge: true }).map((d) => d.toJS({ maxAliasCount: -1 })).filter((d) => isObj(d));
}

/** ConfigMap keys of `rook-ceph-operator-config` in operator.yaml: set ones and ones shown commented out. */
function operatorConfigMapKeys(text: string): { set: string[]; all: string[] } {
  const doc = textDocs(text).find((d) => /^kind:\s*ConfigMap\s*$/m.test(d) && /name:\s*rook-ceph-operator-config\b/.test(d));
  if (!doc) return { set: [], all: [] };
  const data = doc.slice(doc.search(/^data:/m) >= 0 ? doc.search(/^data:/m) : doc.length);
  const set = new Set<string>();
  const all = new Set<string>();
  for (const line of data.split('\n')) {
    const m = /^  (#\s*)?([A-Z][A-Z0-9_]+):/.exec(line);
    if (!m) continue;
    all.add(m[2]);
    if (!m[1]) set.add(m[2]);
  }
  return { set: [...set].sort(), all: [...all].sort() };
}

/** Env var names of the operator Deployment (set or commented out), with the values written next to them. */
function operatorEnv(text: string): { set: string[]; all: string[]; values: Record<string, string> } {
  const doc = textDocs(text).find((d) => /^kind:\s*Deployment\s*$/m.test(d) && /name:\s*rook-ceph-operator\b/.test(d)) ?? '';
  const set = new Set<string>();
  const all = new Set<string>();
  const values: Record<string, string> = {};
  const lines = doc.split('\n');
  lines.forEach((line, i) => {
    const m = /^\s*(#\s*)?-\s*name:\s*"?([A-Z][A-Z0-9_]+)"?\s*$/.exec(line);
    if (!m) return;
    all.add(m[2]);
    if (!m[1]) set.add(m[2]);
    const v = /^\s*#?\s*value:\s*"?([^"#\s]*)"?/.exec(lines[i + 1] ?? '');
    if (v && v[1]) values[m[2]] = v[1];
  });
  return { set: [...set].sort(), all: [...all].sort(), values };
}

function configMapValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*#?\s*(ROOK_CSI[A-Z0-9_]*_IMAGE|ROOK_CSIADDONS_IMAGE):\s*"?([^"\s#]+)"?/gm)) out[m[1]] ??= m[2];
  return out;
}

/** Dotted paths of every map key of a chart values file (into maps only; lists are leaves). */
function valuePaths(v: unknown, prefix = '', out: string[] = []): string[] {
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    valuePaths(x, p, out);
  }
  return out;
}

/** The openAPIV3Schema of a CRD's storage version (v1: `versions[]`, v1beta1: `validation`). */
function crdSchema(crd: any): any {
  const versions: any[] = crd.spec?.versions ?? [];
  const v = versions.find((x) => x.storage) ?? versions[0];
  return v?.schema?.openAPIV3Schema ?? crd.spec?.validation?.openAPIV3Schema;
}

/** Whether a schema declares a dotted path (`[]` steps into list items). */
function schemaHas(schema: any, dotted: string): boolean {
  let cur = schema;
  for (const step of dotted.split('.')) {
    const list = step.endsWith('[]');
    const name = list ? step.slice(0, -2) : step;
    cur = cur?.properties?.[name];
    if (list) cur = cur?.items;
    if (!cur) return false;
  }
  return true;
}

function semverKey(v: string): number[] {
  return v.replace(/^v/, '').split('.').map(Number);
}

/** The facts of one line folder. */
export function readRookLine(dir: string, version: string): GeneratedRookLine {
  const has = (f: string) => fs.existsSync(path.join(dir, f));
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const crdMain = has('crds.yaml') ? 'crds.yaml' : 'common.yaml';
  const csiOperatorFile = has('csi-operator.yaml') && parseDocs(read('csi-operator.yaml')).some((d) => d.kind === 'CustomResourceDefinition');
  const crdFiles = [crdMain, ...(csiOperatorFile ? ['csi-operator.yaml'] : [])];
  const crds = crdFiles.flatMap((f) => parseDocs(read(f))).filter((d) => d.kind === 'CustomResourceDefinition');
  if (!crds.length) throw new Error(`${dir}: no CustomResourceDefinition in ${crdFiles.join(', ')}`);
  const apiVersions = [...new Set(crds.map((d) => String(d.apiVersion)))].sort();
  const cluster = crds.find((d) => d.spec?.names?.kind === 'CephCluster');
  const schema = cluster ? crdSchema(cluster) : undefined;
  const byKind = new Map(crds.map((d) => [String(d.spec?.names?.kind), d]));
  const fields = Object.entries(ROOK_FIELD_PROBES)
    .filter(([, probe]) => byKind.has(probe.kind) && (probe.path === undefined || schemaHas(crdSchema(byKind.get(probe.kind)), probe.path)))
    .map(([name]) => name)
    .sort();
  const mgrCount = schema?.properties?.spec?.properties?.mgr?.properties?.count;
  const op = read('operator.yaml');
  const cm = operatorConfigMapKeys(op);
  const env = operatorEnv(op);
  const opDocs = parseDocs(op);
  const deploy = opDocs.find((d) => d.kind === 'Deployment' && d.metadata?.name === 'rook-ceph-operator');
  const operatorImage = String(deploy?.spec?.template?.spec?.containers?.[0]?.image ?? '');
  const clusterDoc = parseDocs(read('cluster.yaml')).find((d) => d.kind === 'CephCluster');
  const csiImages: Record<string, string> = { ...configMapValues(op) };
  for (const [k, v] of Object.entries(env.values)) if (/^ROOK_CSI.*_IMAGE$/.test(k)) csiImages[k] ??= v;
  const cmCsi = cm.set.includes('ROOK_CSI_ENABLE_RBD');
  const envCsi = env.set.includes('ROOK_CSI_ENABLE_RBD') || env.all.includes('ROOK_CSI_ENABLE_RBD');
  const useCsiOperator = /^\s*ROOK_USE_CSI_OPERATOR:\s*"true"/m.test(op) || (!cmCsi && !envCsi && has('csi-operator.yaml'));
  const csiConfig: GeneratedCsiConfig = useCsiOperator ? 'csi-operator' : cmCsi ? 'operator-configmap' : envCsi ? 'operator-env' : 'none';
  const keys = new Set([...cm.all, ...env.all]);
  const charts = ['rook-ceph', 'rook-ceph-cluster'].filter((c) => has(`${c}-chart-values.yaml`));
  const chartValues: Record<string, string[]> = {};
  for (const c of charts) chartValues[c] = [...new Set(valuePaths(YAML.parse(read(`${c}-chart-values.yaml`))))].sort();
  const vendoredFiles = [
    ...(has('crds.yaml') ? ['crds.yaml'] : []),
    'common.yaml',
    ...(csiConfig === 'csi-operator' ? ['csi-operator.yaml'] : []),
    'operator.yaml',
  ];
  return {
    version,
    crdFiles,
    crdApiVersion: apiVersions[apiVersions.length - 1],
    crdKinds: [...new Set(crds.map((d) => String(d.spec?.names?.kind)))].sort(),
    fields,
    maxMgrCount: typeof mgrCount?.maximum === 'number' ? mgrCount.maximum : 1,
    operatorImage,
    defaultCephImage: String(clusterDoc?.spec?.cephVersion?.image ?? ''),
    configMapKeys: cm.all,
    envVars: env.all,
    csiImages: Object.fromEntries(Object.keys(csiImages).sort().map((k) => [k, csiImages[k]])),
    csiConfig,
    flexVolume: keys.has('ROOK_ENABLE_FLEX_DRIVER') || keys.has('FLEXVOLUME_DIR_PATH'),
    charts,
    chartValues,
    vendoredFiles,
  };
}

/** Every line folder of `<upstream>/rook-lines`, oldest first. */
export function readRookLines(upstreamDir: string): GeneratedRookLine[] {
  const root = path.join(upstreamDir, 'rook-lines');
  const dirs = fs.readdirSync(root).filter((n) => /^v1\.\d+\.\d+$/.test(n)).sort((a, b) => semverKey(a)[1] - semverKey(b)[1]);
  return dirs.map((d) => readRookLine(path.join(root, d), d.slice(1)));
}

/** The text of `src/versions/rook-lines.generated.ts`. */
export function renderRookLines(upstreamDir: string): string {
  const lines = readRookLines(upstreamDir);
  const head = [
    '// Generated by src/tools/rook-lines.ts (npm run rook-lines) from the pinned mirror rook-lines/v1.X.Z/',
    '// (operator.yaml, cluster.yaml, common.yaml / crds.yaml, csi-operator.yaml, chart values). Do not edit by hand.',
    "import type { GeneratedRookLine } from './rook-line-types';",
    '',
    '/** Facts of every pinned Rook line, oldest first. */',
    'export const ROOK_LINES_GENERATED: readonly GeneratedRookLine[] = [',
  ];
  const body = lines.map((l) => `  ${JSON.stringify(l)},`);
  return [...head, ...body, '];', ''].join('\n');
}

export function generatedPath(): string {
  return path.join(repoRoot(), 'src', 'versions', 'rook-lines.generated.ts');
}

function main(argv: string[]): void {
  const i = argv.indexOf('--upstream');
  const upstream = path.resolve(i >= 0 ? argv[i + 1] : process.env[UPSTREAM_ENV] ?? defaultToolMirror() ?? path.join(repoRoot(), '..', 'shared', 'upstream'));
  if (!fs.existsSync(path.join(upstream, 'rook-lines'))) {
    console.error(`no rook-lines/ in ${upstream}: pass --upstream DIR or set ${UPSTREAM_ENV}`);
    process.exit(1);
  }
  const text = renderRookLines(upstream);
  fs.mkdirSync(path.dirname(generatedPath()), { recursive: true });
  fs.writeFileSync(generatedPath(), text);
  console.log(`wrote ${path.relative(process.cwd(), generatedPath())} (${text.length} bytes) from ${upstream}`);
  // the README table reads the table just written: render it in a fresh process
  const readme = path.join(repoRoot(), 'README.md');
  const r = spawnSync(process.execPath, ['-e', `const t=require(${JSON.stringify(path.join(__dirname, '..', 'versions', 'versions-table.js'))});const fs=require('fs');fs.writeFileSync(${JSON.stringify(readme)},t.withRookVersionsTable(fs.readFileSync(${JSON.stringify(readme)},'utf8')))`], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log('updated the Rook table of README.md (## Versions)');
}

if (require.main === module) main(process.argv.slice(2));
