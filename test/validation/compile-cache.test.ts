/**
 * Compiled validators are cached as standalone code in the user cache. GIVEN a cold cache WHEN a second process
 * (here: a fresh module registry) validates the same objects from the warm cache THEN verdicts and messages are
 * identical, including Go-style patterns that go through the project's RegExp engine.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UPSTREAM } from '../helpers';

const objects = [
  { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'c', namespace: 'rook-ceph' }, spec: { dataDirHostPath: 'relative', mon: { count: 12 }, cephVersion: { imagePullPolicy: 'Sometimes' }, dashbord: {} } },
  { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'p', namespace: 'rook-ceph' }, spec: { replicated: { size: '3' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', imagePullPolicyy: 'Always' }] } } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok', namespace: 'x' }, data: { a: 'b' } },
];

function run(cacheDir: string): unknown[] {
  let out: unknown[] = [];
  jest.isolateModules(() => {
    process.env.GITOPS_STORAGE_CACHE = cacheDir;
    delete process.env.GITOPS_STORAGE_COMPILE_CACHE;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Validator } = require('../../src/validation/validator') as typeof import('../../src/validation/validator');
    const v = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'], upstreamDir: UPSTREAM });
    out = objects.map((o) => v.validateObject(o, 'f.yaml'));
  });
  return out;
}

describe('GIVEN an empty compiled-validator cache', () => {
  const saved = { cache: process.env.GITOPS_STORAGE_CACHE, compile: process.env.GITOPS_STORAGE_COMPILE_CACHE };
  afterAll(() => {
    if (saved.cache === undefined) delete process.env.GITOPS_STORAGE_CACHE; else process.env.GITOPS_STORAGE_CACHE = saved.cache;
    if (saved.compile !== undefined) process.env.GITOPS_STORAGE_COMPILE_CACHE = saved.compile;
  });

  test('WHEN validators are compiled, cached, and loaded again THEN the results are identical and the cache holds standalone code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-compile-cache-'));
    const cold = run(dir);
    const files = fs.readdirSync(dir, { recursive: true } as any).map(String).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const stamp = () => files.map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
    const before = stamp();
    const warm = run(dir);
    // loaded, not recompiled and rewritten
    expect(stamp()).toEqual(before);
    expect(warm).toEqual(cold);
    expect((cold[0] as any).status).toBe('statusInvalid');
    expect(JSON.stringify(cold[0])).toMatch(/dataDirHostPath/);
    expect(JSON.stringify(cold[0])).toMatch(/dashbord/);
    expect((cold[2] as any).errors.map((e: any) => e.path)).toEqual(['/spec/template/spec/containers/0/imagePullPolicyy']);
    expect((cold[3] as any).status).toBe('statusValid');
  });
});

describe('GIVEN bundle entries as schema sources', () => {
  const saved = { cache: process.env.GITOPS_STORAGE_CACHE, bundle: process.env.GITOPS_STORAGE_BUNDLE };
  afterAll(() => {
    if (saved.cache === undefined) delete process.env.GITOPS_STORAGE_CACHE; else process.env.GITOPS_STORAGE_CACHE = saved.cache;
    if (saved.bundle === undefined) delete process.env.GITOPS_STORAGE_BUNDLE; else process.env.GITOPS_STORAGE_BUNDLE = saved.bundle;
  });

  test('WHEN only file times change (a reinstall) THEN the cache hits; WHEN a bundle file\'s content changes THEN it misses', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { bundleDir } = require('../../src/validation/bundle') as typeof import('../../src/validation/bundle');
    const zlib = require('zlib') as typeof import('zlib');
    const crypto = require('crypto') as typeof import('crypto');
    const bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-bundle-copy-'));
    for (const f of fs.readdirSync(bundleDir())) fs.copyFileSync(path.join(bundleDir(), f), path.join(bundle, f));
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-compile-cache-'));
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, data: { a: 'b' } };
    const validate = () => {
      let status = '';
      jest.isolateModules(() => {
        process.env.GITOPS_STORAGE_CACHE = cache;
        process.env.GITOPS_STORAGE_BUNDLE = bundle;
        const { Validator } = require('../../src/validation/validator') as typeof import('../../src/validation/validator');
        status = new Validator({ kubernetesVersion: '1.33.0' }).validateObject(cm).status;
      });
      return status;
    };
    const compiled = () => fs.readdirSync(cache, { recursive: true } as any).map(String).filter((f) => f.endsWith('.js')).sort();
    expect(validate()).toBe('statusValid');
    const first = compiled();
    expect(first).toHaveLength(1);
    const file = path.join(bundle, 'kubernetes-1.33.json.gz');
    fs.utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(validate()).toBe('statusValid');
    expect(compiled()).toEqual(first);
    // same path and size class, other content: ConfigMap loses its `data` field
    const doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
    delete doc.definitions['io.k8s.api.core.v1.ConfigMap'].properties.data;
    const bytes = zlib.gzipSync(Buffer.from(JSON.stringify(doc)), { level: 9 });
    fs.writeFileSync(file, bytes);
    const index = JSON.parse(fs.readFileSync(path.join(bundle, 'index.json'), 'utf8'));
    index.files['kubernetes-1.33.json.gz'] = { size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
    fs.writeFileSync(path.join(bundle, 'index.json'), JSON.stringify(index));
    expect(validate()).toBe('statusInvalid');
    expect(compiled()).toHaveLength(2);
  });
});
