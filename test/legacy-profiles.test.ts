/**
 * The Rook v1.7.11 and v1.2.7 profiles: what each version's CRDs accept, validated strictly against the
 * pinned CRDs (rook@v1.7.11 crds.yaml, rook@v1.2.7 common.yaml) and the Kubernetes schemas of the site. A field of
 * one construct refused on an older line is tested in that construct's file (rook-cluster, block-pool, ceph-csi).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CephRbdStorageClass, RookCluster, synthApp } from '../src';
import { FEATURES, ROOK_PROFILES } from '../src/versions';
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
