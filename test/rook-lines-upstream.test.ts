/**
 * Every Rook line v1.0–v1.20 (issue 21): the line's own examples in `rook-lines/v1.X.Z/`, rebuilt through the public
 * API and compared field by field (test/upstream-compare.ts): the CephCluster of `cluster.yaml`, the CephBlockPool of
 * `pool.yaml`, and the RBD class with its pool (`csi/rbd-storageclass.yaml`; on v1.0, which has no CSI, the FlexVolume
 * class of `storageclass.yaml`).
 *
 * The props are read from the upstream object itself (its spec passed as RookCluster props / pool options, the class
 * parameters as CephRbdStorageClass props), so a field the API cannot express on a line fails the test with a
 * ConfigError, and every field the API renders differently shows as a difference. Deliberate differences, each a named
 * list below with its reason:
 * - CLEANUP: we write no cleanup policy until `confirmDataDestruction()` (then the whole block): not passed as props.
 * - RBD_MIRRORING_V10: v1.0.6 cluster.yaml has `rbdMirroring.workers: 0`, but the v1.0.6 CRD schema does not declare
 *   spec.rbdMirroring (the gate follows the CRD); 0 workers means no rbd-mirror daemon, which leaving it out gives too.
 * - ROOK_MGR_MODULE, MGR_ONE_PER_NODE, DASHBOARD_SSL, FAILURE_DOMAIN: our pinned defaults where the example is silent.
 * - BINDING, RECLAIM_FLEX, EXPANSION_FLEX: every class writes volumeBindingMode (and the FlexVolume class its reclaim
 *   policy and expansion), the API server's defaults.
 * - PUBLISH_SECRET: from v1.8 our RBD classes carry the controller-publish secret; upstream's example adds it in v1.18.
 */
import * as semver from 'semver';
import { CephCsi, CephRbdStorageClass, FlexStorageClass, FlexVolume, RookCluster, RookOperator } from '../src';
import { ROOK_PROFILES } from '../src/versions';
import { hasFeature, KUBERNETES_RANGE, RookVersion } from '../src/versions';
import { configError, describeWithUpstream, expectHelpful, newSite, upstreamPath } from './helpers';
import { compare, compareFile, ours, printFieldReport, recordFields, synthValid, upstreamDocs } from './upstream-compare';

const LINES = Object.keys(ROOK_PROFILES) as RookVersion[];

/** The newest Kubernetes minor (x.y.0) the line supports within the site range. */
function kubernetesFor(v: RookVersion): string {
  for (let minor = Number(KUBERNETES_RANGE.max.split('.')[1]); minor >= 16; minor--) {
    if (semver.satisfies(`1.${minor}.0`, ROOK_PROFILES[v].kubernetes)) return `1.${minor}.0`;
  }
  throw new Error(`no Kubernetes minor for Rook ${v}`);
}

/** Upstream data without YAML nulls (keys with only comments under them are no fields). */
function withoutNulls(x: any): any {
  if (Array.isArray(x)) return x.map(withoutNulls);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return x;
}

/** A site on the line with its operator (vendored from the line's own files where there is no chart). */
function lineSite(line: RookVersion) {
  const { app, site } = newSite({ kubernetesVersion: kubernetesFor(line), rookVersion: line, nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }] }, `rook-${line.replace(/\./g, '-')}`);
  const operator = ROOK_PROFILES[line].hasChart
    ? new RookOperator(site, 'operator')
    : new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook-lines', `v${line}`) } });
  return { app, site, operator };
}

/** The value at a dotted path, if any. */
function at(o: any, path: string): unknown {
  return path.split('.').reduce((x, k) => (x && typeof x === 'object' ? x[k] : undefined), o);
}

/** A spec without the listed top-level or nested keys (dotted paths). */
function without(spec: any, paths: readonly string[]): any {
  const copy = JSON.parse(JSON.stringify(spec));
  for (const p of paths) {
    const parts = p.split('.');
    let o = copy;
    for (const k of parts.slice(0, -1)) o = o?.[k];
    if (!o || !(parts[parts.length - 1] in o)) throw new Error(`${p} is not in the upstream spec: the listed difference is stale`);
    delete o[parts[parts.length - 1]];
  }
  return copy;
}

// ---- deliberate differences (reasons in the file comment) ----
const CLEANUP = [
  'spec.cleanupPolicy.allowUninstallWithVolumes: false -> (none)',
  'spec.cleanupPolicy.confirmation: "" -> (none)',
  'spec.cleanupPolicy.sanitizeDisks.dataSource: "zero" -> (none)',
  'spec.cleanupPolicy.sanitizeDisks.iteration: 1 -> (none)',
  'spec.cleanupPolicy.sanitizeDisks.method: "quick" -> (none)',
];
const CLEANUP_V13 = ['spec.cleanupPolicy.confirmation: "" -> (none)'];
const RBD_MIRRORING_V10 = ['spec.rbdMirroring.workers: 0 -> (none)'];
const ROOK_MGR_MODULE = ['spec.mgr.modules[0].enabled: (none) -> true', 'spec.mgr.modules[0].name: (none) -> "rook"'];
const MGR_ONE_PER_NODE = ['spec.mgr.allowMultiplePerNode: (none) -> false'];
const DASHBOARD_SSL = ['spec.dashboard.ssl: (none) -> true'];
const FAILURE_DOMAIN = ['spec.failureDomain: (none) -> "host"'];
const BINDING = ['volumeBindingMode: (none) -> "Immediate"'];
const FLEX_CLASS = ['allowVolumeExpansion: (none) -> true', 'reclaimPolicy: (none) -> "Delete"', ...BINDING];
const PUBLISH_SECRET = [
  'parameters.csi.storage.k8s.io/controller-publish-secret-name: (none) -> "rook-csi-rbd-provisioner"',
  'parameters.csi.storage.k8s.io/controller-publish-secret-namespace: (none) -> "rook-ceph"',
];

interface LineExpectation {
  /** Equal fields and differences of cluster.yaml's CephCluster. */
  readonly cluster: readonly [number, readonly string[]];
  /** Upstream keys not passed as props (the differences they cause are in `cluster`). */
  readonly clusterNotPassed: readonly string[];
  readonly pool: readonly [number, readonly string[]];
  readonly poolNotPassed: readonly string[];
  /** Equal fields of the class file (pool and class), differences by object. */
  readonly rbdClass: readonly [number, Record<string, readonly string[]>];
}

const modern = (cluster: number, extra: readonly string[] = [], klass: Record<string, readonly string[]> = { 'StorageClass/rook-ceph-block': [...PUBLISH_SECRET, ...BINDING] }, classEqual = 24): LineExpectation => ({
  cluster: [cluster, [...CLEANUP, ...extra]], clusterNotPassed: ['cleanupPolicy'], pool: [12, []], poolNotPassed: [], rbdClass: [classEqual, klass],
});
const EXPECTED: Record<RookVersion, LineExpectation> = {
  '1.0.6': {
    cluster: [13, [...DASHBOARD_SSL, ...ROOK_MGR_MODULE, ...RBD_MIRRORING_V10]], clusterNotPassed: ['rbdMirroring'], pool: [6, []], poolNotPassed: [],
    rbdClass: [12, { 'CephBlockPool/replicapool': FAILURE_DOMAIN, 'StorageClass/rook-ceph-block': FLEX_CLASS }],
  },
  '1.1.9': { cluster: [24, ROOK_MGR_MODULE], clusterNotPassed: [], pool: [6, []], poolNotPassed: [], rbdClass: [20, { 'StorageClass/rook-ceph-block': BINDING }] },
  '1.2.7': { cluster: [25, ROOK_MGR_MODULE], clusterNotPassed: [], pool: [6, []], poolNotPassed: [], rbdClass: [23, { 'StorageClass/rook-ceph-block': BINDING }] },
  '1.3.11': { cluster: [26, CLEANUP_V13], clusterNotPassed: ['cleanupPolicy'], pool: [8, []], poolNotPassed: [], rbdClass: [24, { 'StorageClass/rook-ceph-block': BINDING }] },
  '1.4.9': { cluster: [34, CLEANUP], clusterNotPassed: ['cleanupPolicy'], pool: [8, []], poolNotPassed: [], rbdClass: [24, { 'StorageClass/rook-ceph-block': BINDING }] },
  '1.5.12': modern(36, [], { 'StorageClass/rook-ceph-block': BINDING }),
  '1.6.11': modern(38, MGR_ONE_PER_NODE, { 'StorageClass/rook-ceph-block': BINDING }),
  '1.7.11': modern(38, MGR_ONE_PER_NODE, { 'StorageClass/rook-ceph-block': BINDING }),
  '1.8.10': modern(41, MGR_ONE_PER_NODE),
  '1.9.13': modern(46),
  '1.10.13': modern(49),
  '1.11.11': modern(49),
  '1.12.11': modern(49),
  '1.13.10': modern(48, ROOK_MGR_MODULE),
  '1.14.12': modern(51),
  '1.15.9': modern(56),
  '1.16.9': modern(55),
  '1.17.9': modern(55),
  '1.18.11': modern(55, [], { 'StorageClass/rook-ceph-block': BINDING }, 26),
  '1.19.10': modern(56, [], { 'StorageClass/rook-ceph-block': BINDING }, 26),
  '1.20.6': modern(56, [], { 'StorageClass/rook-ceph-block': BINDING }, 26),
};

const sorted = (xs: readonly string[]) => [...xs].sort();

afterAll(() => printFieldReport('Rook examples of every line (cluster.yaml, pool.yaml, RBD class)'));

describeWithUpstream('GIVEN the examples of every Rook line v1.0–v1.20, rebuilt through the public API', () => {
  test('THEN every line has an expectation, and the lines are the 21 of the generated table', () => {
    expect(Object.keys(EXPECTED)).toEqual(LINES);
    expect(LINES).toHaveLength(21);
  });

  test.each(LINES)('WHEN Rook %s cluster.yaml is rebuilt THEN its CephCluster is equal but the listed differences', (line) => {
    const e = EXPECTED[line];
    const u = upstreamDocs(`v${line}`, 'cluster.yaml', 'rook-lines').find((d) => d.kind === 'CephCluster');
    const { app, site } = lineSite(line);
    new RookCluster(site, 'cluster', { name: u.metadata.name, ...without(withoutNulls(u.spec), e.clusterNotPassed) });
    const c = compare(u, ours(synthValid(app), 'CephCluster', u.metadata.name));
    expect(c.differences).toEqual(sorted(e.cluster[1]));
    expect(c.equal).toBe(e.cluster[0]);
    recordFields(`v${line}/cluster.yaml`, c.equal);
  });

  test.each(LINES)('WHEN Rook %s pool.yaml is rebuilt THEN its CephBlockPool is equal but the listed differences', (line) => {
    const e = EXPECTED[line];
    const docs = upstreamDocs(`v${line}`, 'pool.yaml', 'rook-lines').filter((d) => d.kind === 'CephBlockPool');
    expect(docs).toHaveLength(1);
    const { app, site } = lineSite(line);
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool(docs[0].metadata.name, without(withoutNulls(docs[0].spec), e.poolNotPassed));
    const c = compareFile(synthValid(app), `v${line}`, 'pool.yaml', (d) => d.kind === 'CephBlockPool', 'rook-lines');
    expect(c.differences).toEqual(e.pool[1].length ? { [`CephBlockPool/${docs[0].metadata.name}`]: sorted(e.pool[1]) } : {});
    expect(c.equal).toBe(e.pool[0]);
    recordFields(`v${line}/pool.yaml`, c.equal);
  });

  test.each(LINES)('WHEN Rook %s RBD class example is rebuilt THEN pool and class are equal but the listed differences', (line) => {
    const e = EXPECTED[line];
    const { app, site, operator } = lineSite(line);
    const csi = hasFeature(site.versions, 'csi');
    const file = csi ? 'csi/rbd-storageclass.yaml' : 'storageclass.yaml';
    const docs = upstreamDocs(`v${line}`, file, 'rook-lines');
    const u = docs.find((d) => d.kind === 'CephBlockPool');
    const sc = docs.find((d) => d.kind === 'StorageClass');
    const cluster = new RookCluster(site, 'cluster');
    // the class file's pool is smaller than pool.yaml's: of the keys not passed, those it has
    const pool = cluster.addPool(u.metadata.name, without(withoutNulls(u.spec), e.poolNotPassed.filter((p) => at(u.spec, p) !== undefined)));
    if (csi) {
      new CephCsi(site, 'csi', { operator });
      new CephRbdStorageClass(site, sc.metadata.name, {
        pool, imageFeatures: sc.parameters.imageFeatures.split(','), fsType: sc.parameters['csi.storage.k8s.io/fstype'],
        ...(sc.allowVolumeExpansion !== undefined ? { allowVolumeExpansion: sc.allowVolumeExpansion } : {}), reclaimPolicy: sc.reclaimPolicy,
      });
    } else {
      new FlexVolume(site, 'flex', { operator, platform: 'kubelet-default' });
      new FlexStorageClass(site, sc.metadata.name, { pool, fsType: sc.parameters.fstype });
    }
    const c = compareFile(synthValid(app), `v${line}`, file, undefined, 'rook-lines');
    expect(c.differences).toEqual(Object.fromEntries(Object.entries(e.rbdClass[1]).map(([k, v]) => [k, sorted(v)])));
    expect(c.equal).toBe(e.rbdClass[0]);
    recordFields(`v${line}/${file}`, c.equal);
  });
});

describe('GIVEN the gaps the comparison found', () => {
  test('WHEN a Rook 1.3 pool sets parameters and requireSafeReplicaSize (declared in its CRD) THEN they are written, with the pinned requireSafeReplicaSize default; deviceClass (v1.5) is still refused', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.17.0', rookVersion: '1.3.11' });
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('tuned', { replicated: { size: 3, requireSafeReplicaSize: true }, parameters: { compression_mode: 'none' }, compressionMode: 'none' });
    cluster.addPool('plain', { replicated: { size: 2 } });
    const objs = synthValid(app);
    expect(ours(objs, 'CephBlockPool', 'tuned').spec).toMatchObject({ replicated: { size: 3, requireSafeReplicaSize: true }, parameters: { compression_mode: 'none' }, compressionMode: 'none' });
    expect(ours(objs, 'CephBlockPool', 'plain').spec.replicated).toEqual({ size: 2, requireSafeReplicaSize: true });
    const e = configError(() => cluster.addPool('ssd', { replicated: { size: 3 }, deviceClass: 'ssd' }));
    expectHelpful(e.message, { path: /ssd: deviceClass/, value: '1.3.11', allowed: /v1\.5\.12/ });
  });

  test('WHEN a Rook 1.1 cluster sets storage.topologyAware THEN it is written; on 1.2 (whose CRD lacks it) a ConfigError names the line', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.1.9' });
    new RookCluster(site, 'cluster', { storage: { useAllNodes: true, topologyAware: true } });
    expect(ours(synthValid(app), 'CephCluster', 'rook-ceph').spec.storage.topologyAware).toBe(true);
    const later = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' }).site;
    const e = configError(() => new RookCluster(later, 'cluster', { storage: { topologyAware: true } }));
    expectHelpful(e.message, { path: /storage\.topologyAware/, value: '1.2.7', allowed: /v1\.1\.9/ });
  });

  test('WHEN a Rook 1.1 RBD or CephFS class is built THEN it claims no expansion (ceph-csi v1.2 runs no resizer), and allowVolumeExpansion: true is refused', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.1.9' });
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator });
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { pool });
    const cls = ours(synthValid(app), 'StorageClass', 'block');
    expect(cls.allowVolumeExpansion).toBeUndefined();
    expect(Object.keys(cls.parameters).filter((k) => k.includes('expand'))).toEqual([]);
    const e = configError(() => new CephRbdStorageClass(site, 'grow', { pool, allowVolumeExpansion: true }));
    expectHelpful(e.message, { path: /grow: allowVolumeExpansion/, value: '1.1.9', allowed: /v1\.2\.7/, fix: /Rook 1\.2 or later/ });
    // on 1.2 the class allows expansion with the controller-expand secret
    const next = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const op2 = new RookOperator(next.site, 'operator');
    new CephCsi(next.site, 'csi', { operator: op2 });
    new CephRbdStorageClass(next.site, 'block', { pool: new RookCluster(next.site, 'cluster').addPool('replicapool', { replicated: { size: 3 } }) });
    const cls2 = ours(synthValid(next.app), 'StorageClass', 'block');
    expect(cls2.allowVolumeExpansion).toBe(true);
    expect(cls2.parameters['csi.storage.k8s.io/controller-expand-secret-name']).toBe('rook-csi-rbd-provisioner');
  });
});
