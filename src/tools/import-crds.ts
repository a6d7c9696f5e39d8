/**
 * Regenerates the L1 bindings in imports/ from the pinned CRDs with `cdk8s import`,
 * after stripping every `description` so no upstream prose lands in the repo.
 *
 *   npm run import            # reads ../shared/upstream, $GITOPS_STORAGE_UPSTREAM, or the cache/URLs
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { stripDescriptions } from '../foundation/manifest-util';
import { readCrdFileSync, resolveCrdSources, resolveUpstreamDir } from '../validation/sources';
import { ROOK_LINES_GENERATED } from '../versions/rook-lines.generated';
import { unionCrds } from './crd-union';
import { generateK8sBindings, k8sDefinitionsFile } from './import-k8s';
import { defaultToolMirror } from './schemas-bundle';

/** Every pinned Rook line's CRD source, newest first (`rook@v1.20.6` ... `rook@v1.0.6`). */
export const ROOK_LINE_SOURCES: readonly string[] = ROOK_LINES_GENERATED.map((l) => l.version)
  .sort((a, b) => {
    const [x, y] = [a, b].map((v) => v.split('.').map(Number));
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  })
  .map((v) => `rook@v${v}`);

/**
 * One import: `kinds` from `source`, or, with `union`, each kind's schema merged over all those sources (newest
 * first; src/tools/crd-union.ts) so the binding has the fields of every supported line.
 */
export interface CrdImport {
  readonly source: string;
  readonly kinds: readonly string[];
  readonly union?: readonly string[];
}

/** The Rook kinds the constructs in src/rook emit (ceph.rook.io, csi.ceph.io, objectbucket.io). */
export const ROOK_KINDS: readonly string[] = [
  'CephBlockPool', 'CephBlockPoolRadosNamespace', 'CephBucketNotification', 'CephBucketTopic', 'CephClient', 'CephCluster',
  'CephCOSIDriver', 'CephFilesystem', 'CephFilesystemMirror', 'CephFilesystemSubVolumeGroup', 'CephNFS', 'CephNVMeOFGateway',
  'CephObjectRealm', 'CephObjectStore', 'CephObjectStoreAccount', 'CephObjectStoreUser', 'CephObjectZone', 'CephObjectZoneGroup',
  'CephRBDMirror', 'Driver', 'ObjectBucketClaim', 'OperatorConfig',
];

/** What we import: the CRD kinds the constructs emit through typed L1 classes. */
export const IMPORTS: readonly CrdImport[] = [
  { source: `rook@v1.0.6..v1.20.6`, kinds: ROOK_KINDS, union: ROOK_LINE_SOURCES },
  { source: 'prometheus-operator@v0.93.0', kinds: ['PrometheusRule', 'ServiceMonitor'] },
  { source: 'external-snapshotter@v8.6.0', kinds: ['VolumeSnapshotClass'] },
  { source: 'cert-manager@v1.21.1', kinds: ['Certificate', 'Issuer'] },
  { source: 'gateway-api@v1.6.1', kinds: ['HTTPRoute'] },
  { source: 'external-secrets@v2.9.0', kinds: ['ExternalSecret'] },
  { source: 'sealed-secrets@v0.36.6', kinds: ['SealedSecret'] },
  // Application only: the ApplicationSet binding would be 2 MB (its generators repeat the Application template)
  { source: 'argo-cd@v3.5.1', kinds: ['Application'] },
  { source: 'flux@v2', kinds: ['GitRepository', 'HelmRepository', 'HelmRelease', 'Kustomization'] },
];

export { stripDescriptions };

export function selectCrds(texts: readonly string[], kinds: readonly string[]): any[] {
  const out: any[] = [];
  for (const t of texts) {
    for (const d of YAML.parseAllDocuments(t)) {
      const o = d.toJSON();
      if (o?.kind === 'CustomResourceDefinition' && kinds.includes(o.spec?.names?.kind)) out.push(stripDescriptions(o));
    }
  }
  return out;
}

/**
 * Generates the binding(s) of one IMPORTS entry with `cdk8s import` into a scratch folder and returns them by file name,
 * doc comments stripped (what `npm run import` writes to imports/; the currency test compares with it).
 */
export function generateCrdBindings(imp: CrdImport): Record<string, string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-import-'));
  try {
    const read = (source: string): string[] => resolveCrdSources([source]).map((ref) => readCrdFileSync(ref, { upstreamDir: resolveUpstreamDir() ?? defaultToolMirror() }).text);
    const crds = imp.union ? unionCrds(imp.union.map(read), imp.kinds) : selectCrds(read(imp.source), imp.kinds);
    const missing = imp.kinds.filter((k) => !crds.some((c) => c.spec.names.kind === k));
    if (missing.length) throw new Error(`${imp.source} has no CRD for ${missing.join(', ')}`);
    const file = path.join(tmp, `${imp.source.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    fs.writeFileSync(file, crds.map((c) => YAML.stringify(c)).join('---\n'));
    const out = path.join(tmp, 'out');
    const cli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin', 'cdk8s');
    execFileSync(process.execPath, [cli, 'import', file, '--output', out, '--language', 'typescript', '--no-save', '--no-check-upgrade'], { stdio: 'pipe' });
    return Object.fromEntries(fs.readdirSync(out).filter((x) => x.endsWith('.ts')).map((f) => [f, stripDocComments(fs.readFileSync(path.join(out, f), 'utf8'))]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..', '..');
  const outdir = path.join(root, 'imports');
  for (const imp of IMPORTS) {
    for (const [f, text] of Object.entries(generateCrdBindings(imp))) fs.writeFileSync(path.join(outdir, f), text);
  }
  // core kinds: imports/k8s.ts from the pinned _definitions.json (offline)
  generateK8sBindings(k8sDefinitionsFile()).then((t) => fs.writeFileSync(path.join(outdir, 'k8s.ts'), t)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

/** Drops every JSDoc block of generated code: the types are the binding; prose stays upstream. */
export function stripDocComments(ts: string): string {
  return ts.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '');
}

if (require.main === module) main();
