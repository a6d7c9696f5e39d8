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
