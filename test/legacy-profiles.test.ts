/**
 * The Rook v1.7.11 and v1.2.7 profiles: what each version's CRDs accept, validated strictly against the
 * pinned CRDs (rook@v1.7.11 crds.yaml, rook@v1.2.7 common.yaml) and the Kubernetes schemas of the site.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CephRbdStorageClass, RookCluster, synthApp } from '../src';
import { FEATURES, requireFeature, ROOK_PROFILES } from '../src/versions';
import { configError, expectHelpful, findManifest, newSite, testWithUpstream, UPSTREAM, upstreamPath } from './helpers';

const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));

describe('GIVEN the version table', () => {
  test('THEN 1.7.11 and 1.2.7 point at their own CRD sources, CSI styles and example images', () => {
    expect(ROOK_PROFILES['1.7.11']).toMatchObject({ crdSource: 'rook@v1.7.11', crdApiVersion: 'apiextensions.k8s.io/v1', csiConfig: 'operator-configmap', defaultCephImage: 'quay.io/ceph/ceph:v16.2.6', operatorImage: 'rook/ceph:v1.7.11' });
    expect(ROOK_PROFILES['1.2.7']).toMatchObject({ crdSource: 'rook@v1.2.7', crdApiVersion: 'apiextensions.k8s.io/v1beta1', csiConfig: 'operator-env', defaultCephImage: 'ceph/ceph:v14.2.8', operatorImage: 'rook/ceph:v1.2.7' });
  });

  testWithUpstream('THEN the image facts come from the release\'s own example files', () => {
    expect(fs.readFileSync(upstreamPath('rook/v1.7.11/cluster.yaml'), 'utf8')).toContain(`image: ${ROOK_PROFILES['1.7.11'].defaultCephImage}`);
    expect(fs.readFileSync(upstreamPath('rook/v1.2.7/cluster.yaml'), 'utf8')).toContain(`image: ${ROOK_PROFILES['1.2.7'].defaultCephImage}`);
    expect(fs.readFileSync(upstreamPath('rook/v1.7.11/operator.yaml'), 'utf8')).toContain(`image: ${ROOK_PROFILES['1.7.11'].operatorImage}`);
    expect(fs.readFileSync(upstreamPath('rook/v1.2.7/operator.yaml'), 'utf8')).toContain(`image: ${ROOK_PROFILES['1.2.7'].operatorImage}`);
  });

  test('THEN the FlexVolume gate ends at 1.7 and the flex enable key moves to the ConfigMap in 1.6', () => {
    expect(FEATURES.flexVolume.range).toBe('>=1.0.0 <1.8.0');
    expect(FEATURES.flexEnableInConfigMap.range).toBe('>=1.6.0 <1.8.0');
  });
});

describe('GIVEN a Rook v1.7.11 site on Kubernetes 1.19.0', () => {
  test('WHEN a cluster uses every field the v1.7.11 CRDs declare THEN it validates strictly', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11', nodes: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    const cluster = new RookCluster(site, 'cluster', {
      mon: { count: 3 },
      mgr: { count: 2, modules: [{ name: 'pg_autoscaler', enabled: true }] },
      crashCollector: { disable: false, daysToRetain: 7 },
      network: { provider: 'host', ipFamily: 'IPv4' },
      storage: { useAllNodes: false, nodes: [{ name: 'a', devices: [{ name: 'sdb' }], config: { osdsPerDevice: '1' } }, { name: 'b', deviceFilter: '^sd[b-c]$' }, { name: 'c', devicePathFilter: '^/dev/disk/by-path/pci-.*$' }] },
      placement: { all: { tolerations: [{ key: 'storage', operator: 'Exists' }] } },
      resources: { osd: { requests: { memory: '4Gi' } } },
      priorityClassNames: { all: 'system-cluster-critical' },
      labels: { mon: { tier: 'storage' } },
      disruptionManagement: { managePodBudgets: true, pgHealthCheckTimeout: 10 },
      logCollector: { enabled: true, periodicity: 'daily' },
      healthCheck: { daemonHealth: { mon: { interval: '45s' } } },
    });
    cluster.addPool('replicapool', { replicated: { size: 3, requireSafeReplicaSize: true }, deviceClass: 'hdd', compressionMode: 'none', quotas: { maxSize: '10Gi' }, enableRBDStats: true, parameters: { compression_mode: 'none' } });
    cluster.addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 1, algorithm: 'isa' } });
    cluster.confirmDataDestruction();
    const r = synthApp(app, { outdir: out(), upstreamDir: UPSTREAM });
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
    expect(site.schemaSources).toContain('rook@v1.7.11');
  });

  test('THEN an RBD StorageClass carries no controller-publish secret (not in the RBD examples up to 1.7)', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { pool });
    const params = findManifest(site, 'StorageClass', 'block').parameters;
    expect(Object.keys(params).filter((k) => k.includes('controller-publish'))).toEqual([]);
    expect(params['csi.storage.k8s.io/controller-expand-secret-name']).toBe('rook-csi-rbd-provisioner');
  });
});

describe('GIVEN a Rook v1.2.7 site on Kubernetes 1.16.0', () => {
  const site12 = () => newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });

  test('WHEN a cluster uses storage.directories and the fields v1.2.7 declares THEN it validates strictly against the v1beta1 CRDs in common.yaml', () => {
    const { app, site } = site12();
    const cluster = new RookCluster(site, 'cluster', {
      mon: { count: 1 },
      storage: { useAllNodes: true, directories: [{ path: '/var/lib/rook/osd0' }] },
      network: { provider: 'host' },
      placement: { all: { tolerations: [{ key: 'storage', operator: 'Exists' }] } },
      resources: { osd: { limits: { memory: '4Gi' } } },
      annotations: { all: { team: 'storage' } },
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
    });
    cluster.addPool('replicapool', { replicated: { size: 3, targetSizeRatio: 0.5 } });
    cluster.addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    const r = synthApp(app, { outdir: out(), upstreamDir: UPSTREAM });
    expect(r.results.every((x) => x.status === 'statusValid')).toBe(true);
  });

  test('THEN defaults v1.2.7 lacks (crashCollector, mgr.count, requireSafeReplicaSize, controller-publish) are left out', () => {
    const { site } = site12();
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { pool });
    const c = findManifest(site, 'CephCluster', 'rook-ceph');
    expect(c.spec.crashCollector).toBeUndefined();
    expect(c.spec.mgr).toEqual({ modules: [{ name: 'rook', enabled: true }] });
    expect(c.spec.cephVersion.image).toBe('ceph/ceph:v14.2.8');
    expect(findManifest(site, 'CephBlockPool', 'replicapool').spec.replicated).toEqual({ size: 3 });
    expect(Object.keys(findManifest(site, 'StorageClass', 'block').parameters).some((k) => k.includes('controller-publish'))).toBe(false);
  });

  test('WHEN a v1.2.7 site pins Kubernetes 1.19.0 THEN the supported range is named', () => {
    const e = configError(() => newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.2.7' }));
    expectHelpful(e.message, { path: 'test-site: rookVersion', value: '1.19.0', allowed: /<1\.19\.0/ });
  });
});

describe('GIVEN a field of a newer Rook on an older site (bad input)', () => {
  test('WHEN network.connections (declared only in the 1.20 CRDs) is set on a 1.7 site THEN it names the versions that have it', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => new RookCluster(site, 'cluster', { network: { connections: { encryption: { enabled: true } } } }));
    expectHelpful(e.message, { path: 'test-site/cluster: network.connections', value: '1.7.11', allowed: /v1\.20\.6/, fix: /configOverride/ });
    expect(e.message).toMatch(/not declared in the v1\.7\.11/);
  });

  test('WHEN cephVersion.imagePullPolicy is set on a 1.2 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { imagePullPolicy: 'IfNotPresent' } }));
    expectHelpful(e.message, { path: 'test-site/cluster: cephVersion.imagePullPolicy', value: '1.2.7', allowed: /v1\.20\.6/, fix: /remove cephVersion\.imagePullPolicy/ });
  });

  test('WHEN mgr.count is 3 on a 1.7 site (its CRD allows 2, 1.20 allows 5) THEN it is rejected before synth', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const e = configError(() => new RookCluster(site, 'cluster', { mgr: { count: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mgr.count', value: '3', allowed: '1 to 2 on Rook v1.7.11', fix: /2 or less/ });
  });

  test('WHEN a CephBlockPool sets application on a 1.7 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, application: 'rbd' }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: application', value: '1.7.11', allowed: /v1\.20\.6/ });
  });

  test.each([
    ['crashCollector.daysToRetain', { crashCollector: { disable: false, daysToRetain: 7 } }],
    ['mgr.count', { mgr: { count: 2 } }],
    ['logCollector', { logCollector: { enabled: true } }],
    ['priorityClassNames', { priorityClassNames: { all: 'high' } }],
  ])('WHEN %s is set explicitly on a 1.2 site THEN it is rejected (the v1.2.7 CRD does not declare it)', (field, props) => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const e = configError(() => new RookCluster(site, 'cluster', props as any));
    expectHelpful(e.message, { path: `test-site/cluster: ${field}`, value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });

  test('WHEN a pool sets deviceClass or requireSafeReplicaSize on a 1.2 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    expectHelpful(configError(() => cluster.addPool('a', { replicated: { size: 3 }, deviceClass: 'ssd' })).message, { path: 'test-site/cluster/a: deviceClass', value: '1.2.7' });
    expectHelpful(configError(() => cluster.addPool('b', { replicated: { size: 3, requireSafeReplicaSize: true } })).message, { path: 'test-site/cluster/b: replicated.requireSafeReplicaSize', value: '1.2.7' });
  });

  test('WHEN confirmDataDestruction() is called on a 1.2 site THEN it is rejected (no cleanupPolicy in v1.2.7)', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.confirmDataDestruction());
    expectHelpful(e.message, { path: 'test-site/cluster: confirmDataDestruction()', value: '1.2.7', fix: /by hand/ });
  });

  test('WHEN ceph-csi-operator settings are asked for on a 1.7 or a 1.2 site THEN the gate names 1.20.6', () => {
    for (const rook of ['1.7.11', '1.2.7'] as const) {
      const e = configError(() => requireFeature({ kubernetes: '1.16.0', rook }, 'cephCsiOperator', 'site/csi: operatorConfig'));
      expectHelpful(e.message, { path: 'site/csi: operatorConfig', value: rook, allowed: /v1\.20\.6 \(range >=1\.18\.0\)/ });
    }
  });
});

describe('GIVEN a field of Rook 1.2 on a newer site (bad input)', () => {
  test.each([['1.20.6', '1.33.0'], ['1.7.11', '1.19.0']] as const)('WHEN storage.directories is set on Rook %s THEN it says to use devices, naming v1.2.7', (rook, k8s) => {
    const { site } = newSite({ kubernetesVersion: k8s, rookVersion: rook });
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { directories: [{ path: '/var/lib/rook/osd0' }] } }));
    expectHelpful(e.message, { path: 'test-site/cluster: storage.directories', value: rook, allowed: /Rook .*v1\.2\.7/, fix: /devices, deviceFilter or devicePathFilter/ });
  });
});
