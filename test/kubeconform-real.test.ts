/**
 * Users run the real kubeconform in CI beside `check-dist`. GIVEN the real kubeconform v0.6.7 and v0.7.0 (built from
 * their tags, ../shared/tools/kubeconform) WHEN they validate the reference fleet's dist/ with the schemas
 * `site-schemas` exports, and a corpus of invalid objects, THEN their verdicts are ours wherever kubeconform checks,
 * and ours is stricter only where the API server is (its own rules, CRD CEL rules, list types), listed as such.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDist, siteSchemas } from '../src/cli/cli';
import { runValidate } from '../src/cli/validate';
import { buildApp } from '../src/main';
import { writeSchemas } from '../src/validation/validator';
import { KUBECONFORM_TAGS, kubeconformArgs, kubeconformDir, KubeconformTag, runKubeconform } from '../src/bench/kubeconform-binaries';
import { UPSTREAM } from './helpers';

const ROOT = path.resolve(__dirname, '..');
const KC = kubeconformDir();
const describeWithKubeconform = KC ? describe : describe.skip;
if (!KC) console.log('skipped (no kubeconform binaries at ../shared/tools/kubeconform/<v0.6.7|v0.7.0>/kubeconform; set GITOPS_STORAGE_KUBECONFORM_DIR): the real kubeconform comparison');

type Verdict = 'valid' | 'invalid' | 'error';
const verdict = (status: string): Verdict => (status === 'statusValid' ? 'valid' : status === 'statusInvalid' ? 'invalid' : 'error');

describeWithKubeconform('GIVEN the reference fleet\'s dist/ and the schemas site-schemas exports', () => {
  test('WHEN kubeconform v0.6.7 and v0.7.0 run the printed commands THEN every object has the verdict check-dist gives (all valid)', () => {
    const app = buildApp();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-kc-fleet-'));
    const commands = siteSchemas(app, out, 'dist', UPSTREAM).filter((l) => l.startsWith('kubeconform '));
    expect(commands.length).toBeGreaterThan(5);
    const ours = new Map(checkDist(app, path.join(ROOT, 'dist'), UPSTREAM).map((r) => [path.relative(ROOT, path.resolve(r.filename)), verdict(r.status)]));
    expect(ours.size).toBeGreaterThan(100);
    for (const tag of KUBECONFORM_TAGS) {
      const theirs = new Map<string, Verdict>();
      for (const c of commands) for (const r of runKubeconform(KC!, tag, kubeconformArgs(c), ROOT)) theirs.set(path.normalize(r.filename), verdict(r.status));
      expect({ tag, verdicts: Object.fromEntries([...theirs].sort()) }).toEqual({ tag, verdicts: Object.fromEntries([...ours].sort()) });
    }
  });
});

/**
 * The corpus: each object with the verdicts of both kubeconform releases and ours (with and without the API-server
 * checks) and why they differ. The binaries are run for real: the table is checked, not assumed.
 */
const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: {
        mode: { type: 'string', enum: ['a', 'b'] },
        timeout: { type: 'string', format: 'duration' },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      } } } } },
    }],
  },
};
const ns = { namespace: 'default' };
const cm = ({ metadata, ...rest }: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...ns, ...(metadata as object) }, ...rest });
const widget = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', ...ns }, spec });
const deploy = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', ...ns }, spec });
const pod = { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };

interface Case {
  readonly file: string;
  readonly doc: Record<string, unknown> | string;
  /** kubeconform v0.6.7, v0.7.0, ours with the API-server checks, ours without (`--no-api-server-checks`) */
  readonly expect: { readonly 'v0.6.7': Verdict; readonly 'v0.7.0': Verdict; readonly ours: Verdict; readonly schemaOnly: Verdict };
  /** why ours differs from kubeconform, where it does */
  readonly why?: string;
}

const CORPUS: Case[] = [
  { file: 'valid-configmap', doc: cm({ data: { a: '1' } }), expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'valid', schemaOnly: 'valid' } },
  { file: 'unknown-field', doc: cm({ spec: {} }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'invalid', ours: 'invalid', schemaOnly: 'invalid' } },
  { file: 'wrong-type', doc: deploy({ replicas: 'three', selector: { matchLabels: { app: 'd' } }, template: pod }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'invalid', ours: 'invalid', schemaOnly: 'invalid' } },
  { file: 'missing-required', doc: deploy({ template: pod }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'invalid', ours: 'invalid', schemaOnly: 'invalid' } },
  { file: 'enum', doc: widget({ mode: 'c' }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'invalid', ours: 'invalid', schemaOnly: 'invalid' } },
  { file: 'duplicate-yaml-key', doc: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  name: d\n  namespace: default\n', expect: { 'v0.6.7': 'error', 'v0.7.0': 'error', ours: 'error', schemaOnly: 'error' } },
  { file: 'unknown-kind', doc: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', ...ns } }, expect: { 'v0.6.7': 'error', 'v0.7.0': 'error', ours: 'error', schemaOnly: 'error' } },
  { file: 'label-key-with-space', doc: cm({ metadata: { labels: { 'a b': 'x' } } }), expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'invalid', schemaOnly: 'valid' }, why: 'API server: label key syntax' },
  { file: 'cel-mon-zones-over-count', doc: { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'x', namespace: 'rook-ceph' }, spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' }, dataDirHostPath: '/var/lib/rook', mon: { count: 1, zones: [{ name: 'a' }, { name: 'b' }] } } }, expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'invalid', schemaOnly: 'valid' }, why: 'API server: CRD CEL rule (x-kubernetes-validations)' },
  { file: 'cel-ec-pool', doc: { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'p', namespace: 'rook-ceph' }, spec: { erasureCoded: { dataChunks: 2, codingChunks: 1, crushNumFailureDomains: 3 } } }, expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'invalid', schemaOnly: 'valid' }, why: 'API server: CRD CEL rule (x-kubernetes-validations)' },
  { file: 'duplicate-container-name', doc: deploy({ selector: { matchLabels: { app: 'd' } }, template: { ...pod, spec: { containers: [{ name: 'c', image: 'a' }, { name: 'c', image: 'b' }] } } }), expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'invalid', schemaOnly: 'valid' }, why: 'API server: list type map (container names)' },
  { file: 'set-with-duplicates', doc: widget({ tags: ['a', 'a'] }), expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'invalid', schemaOnly: 'valid' }, why: 'API server: x-kubernetes-list-type set' },
  { file: 'duration-go', doc: widget({ timeout: '10s' }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'valid', ours: 'valid', schemaOnly: 'valid' }, why: 'format: duration: v0.6.7 wants ISO 8601 only; v0.7.0 and the API server take Go durations' },
  { file: 'duration-iso', doc: widget({ timeout: 'P1D' }), expect: { 'v0.6.7': 'valid', 'v0.7.0': 'valid', ours: 'valid', schemaOnly: 'valid' } },
  { file: 'duration-garbage', doc: widget({ timeout: 'soon' }), expect: { 'v0.6.7': 'invalid', 'v0.7.0': 'invalid', ours: 'invalid', schemaOnly: 'valid' }, why: 'format: duration is checked with the API-server checks (as the API server checks it), not as a schema format' },
];

describeWithKubeconform('GIVEN a corpus of invalid objects and its schemas exported by `schemas`', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-kc-corpus-'));
  const corpus = path.join(dir, 'corpus');
  fs.mkdirSync(corpus);
  const crdFile = path.join(dir, 'widgets.yaml');
  fs.writeFileSync(crdFile, JSON.stringify(WIDGET_CRD));
  for (const c of CORPUS) fs.writeFileSync(path.join(corpus, `${c.file}.yaml`), typeof c.doc === 'string' ? c.doc : JSON.stringify(c.doc));
  const crds = ['rook@v1.20.6', crdFile];
  const schemas = path.join(dir, 'schemas');
  writeSchemas(schemas, { kubernetesVersion: '1.33.0', crdSources: crds, upstreamDir: UPSTREAM });
  const args = ['-strict', '-kubernetes-version', '1.33.0', '-schema-location', schemas, '-schema-location', `${schemas}/crds/{{ .ResourceKind }}{{ .KindSuffix }}.json`, corpus];
  const byFile = (rs: Array<{ filename: string; status: string }>) => new Map(rs.map((r) => [path.basename(r.filename, '.yaml'), verdict(r.status)]));

  test('WHEN both kubeconform releases and our validator judge each object THEN the verdicts are the table\'s, and ours differs from v0.7.0 only where the API server is stricter', () => {
    const actual: Record<string, Record<string, Verdict | undefined>> = {};
    const got: Record<string, Map<string, Verdict>> = {};
    for (const tag of KUBECONFORM_TAGS) got[tag] = byFile(runKubeconform(KC!, tag as KubeconformTag, args));
    const ours = runValidate([corpus], { kubernetesVersion: '1.33.0', crds, upstream: UPSTREAM });
    got.ours = byFile(ours.results);
    got.schemaOnly = byFile(runValidate([corpus], { kubernetesVersion: '1.33.0', crds, upstream: UPSTREAM, apiServerChecks: false }).results);
    for (const c of CORPUS) actual[c.file] = { 'v0.6.7': got['v0.6.7'].get(c.file), 'v0.7.0': got['v0.7.0'].get(c.file), ours: got.ours.get(c.file), schemaOnly: got.schemaOnly.get(c.file) };
    expect(actual).toEqual(Object.fromEntries(CORPUS.map((c) => [c.file, c.expect])));
    // every difference from the newest kubeconform is ours being stricter, reported as the API server's rule
    const stricter = CORPUS.filter((c) => c.expect.ours !== c.expect['v0.7.0']);
    expect(stricter.map((c) => c.file)).toEqual(['label-key-with-space', 'cel-mon-zones-over-count', 'cel-ec-pool', 'duplicate-container-name', 'set-with-duplicates']);
    for (const c of stricter) {
      expect(c.expect.ours).toBe('invalid');
      expect(c.why).toMatch(/^API server: /);
      const r = ours.results.find((x) => path.basename(x.filename, '.yaml') === c.file)!;
      expect(r.msg).toMatch(/^API-server validation failed \(beyond the schema\): /);
    }
    // the schemas alone are kubeconform v0.7.0 except for format: duration, which the API-server checks decide
    expect(CORPUS.filter((c) => c.expect.schemaOnly !== c.expect['v0.7.0']).map((c) => c.file)).toEqual(['duration-garbage']);
  });
});

describe('GIVEN the CI workflow `init` writes and the README', () => {
  test('WHEN they install kubeconform THEN both pin v0.7.0, the newest release this repository tests against', async () => {
    const { runInit } = await import('../src/cli/init');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-kc-init-')), 'repo');
    runInit(dir, { name: 'storage' });
    const workflow = fs.readFileSync(path.join(dir, '.github', 'workflows', 'storage.yaml'), 'utf8');
    expect(workflow).toMatch(/KUBECONFORM_VERSION: v0\.7\.0\n/);
    expect(workflow).toMatch(/releases\/download\/\$KUBECONFORM_VERSION\/kubeconform-linux-amd64\.tar\.gz/);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const downloads = [...readme.matchAll(/kubeconform\/releases\/download\/(v[\d.]+)\//g)].map((m) => m[1]);
    expect(downloads.length).toBeGreaterThan(0);
    expect([...new Set(downloads)]).toEqual(['v0.7.0']);
    expect(KUBECONFORM_TAGS).toContain('v0.7.0');
  });
});
