/**
 * The reference site dc1-local: bare-metal kubeadm, Rook v1.20.6, Kubernetes 1.33.0.
 */
import { App } from 'cdk8s';
import { dc1Local } from '../src/sites/dc1-local';
import { renderSite } from '../src/pipeline/synth';
import { findManifest, manifests, nonEmpty } from './helpers';

describe('GIVEN the dc1-local site', () => {
  const site = dc1Local(new App());

  test('THEN the CephCluster selects OSD disks by path, runs 3 mons one per node, and never confirms cleanup', () => {
    const c = findManifest(site, 'CephCluster', 'rook-ceph');
    expect(c.metadata.namespace).toBe('rook-ceph');
    expect(c.spec.mon).toEqual({ count: 3, allowMultiplePerNode: false });
    expect(c.spec.storage.devicePathFilter).toMatch(/^\^\/dev\/disk\/by-path\//);
    expect(c.spec.storage.useAllDevices).toBe(false);
    expect(c.spec.cephVersion.image).toBe('quay.io/ceph/ceph:v20.2.4');
    expect(c.spec.dataDirHostPath).toBe('/var/lib/rook');
    expect(c.spec.cleanupPolicy).toBeUndefined();
  });

  test('THEN replicapool is replicated size 3 across hosts, and the EC pair is a replicated metadata pool plus a 2+1 data pool', () => {
    expect(findManifest(site, 'CephBlockPool', 'replicapool').spec).toEqual({ failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true } });
    expect(findManifest(site, 'CephBlockPool', 'ec-meta').spec.replicated.size).toBe(3);
    expect(findManifest(site, 'CephBlockPool', 'ec-data').spec.erasureCoded).toEqual({ dataChunks: 2, codingChunks: 1 });
  });

  test('THEN rook-ceph-block is the only default class and rook-ceph-block-ec pairs ec-meta with ec-data', () => {
    const block = findManifest(site, 'StorageClass', 'rook-ceph-block');
    expect(block.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(block.metadata.namespace).toBeUndefined();
    expect(block.provisioner).toBe('rook-ceph.rbd.csi.ceph.com');
    expect(block.parameters).toMatchObject({ clusterID: 'rook-ceph', pool: 'replicapool', imageFeatures: 'layering', 'csi.storage.k8s.io/fstype': 'ext4' });
    const ec = findManifest(site, 'StorageClass', 'rook-ceph-block-ec');
    expect(ec.parameters).toMatchObject({ pool: 'ec-meta', dataPool: 'ec-data' });
    expect(ec.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBeUndefined();
  });

  test('THEN the VolumeSnapshotClass uses the RBD driver and provisioner secret of the cluster namespace', () => {
    const vsc = findManifest(site, 'VolumeSnapshotClass', 'csi-rbdplugin-snapclass');
    expect(vsc.driver).toBe('rook-ceph.rbd.csi.ceph.com');
    expect(vsc.parameters['csi.storage.k8s.io/snapshotter-secret-namespace']).toBe('rook-ceph');
  });

  test('THEN objects land in ordered layer folders: namespace, cluster, pools, classes', () => {
    const files = renderSite(site).files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining([
      '00-crds/namespace_rook-ceph.yaml',
      '30-cluster/cephcluster_rook-ceph_rook-ceph.yaml',
      '40-pools/cephblockpool_rook-ceph_replicapool.yaml',
      '50-classes/storageclass_rook-ceph-block.yaml',
    ]));
    // cluster-scoped objects carry no namespace; namespaced ones always do
    for (const kind of ['Namespace', 'StorageClass', 'VolumeSnapshotClass']) {
      for (const m of nonEmpty(manifests(site).filter((x) => x.kind === kind), kind)) expect(m.metadata.namespace).toBeUndefined();
    }
    for (const kind of ['CephCluster', 'CephBlockPool']) {
      for (const m of nonEmpty(manifests(site).filter((x) => x.kind === kind), kind)) expect(m.metadata.namespace).toBe('rook-ceph');
    }
  });
});

describe('GIVEN the dc1-local site on Argo CD (issue 3)', () => {
  const site = dc1Local(new App());
  const files = renderSite(site).files;

  test('THEN the operator is the rook-ceph chart v1.20.6, CSI runs RBD and CephFS Drivers, and the toolbox is in the tools layer', () => {
    const app = findManifest(site, 'Application', 'dc1-local-rook-ceph-operator');
    expect(app.spec.source).toMatchObject({ chart: 'rook-ceph', targetRevision: 'v1.20.6' });
    expect(findManifest(site, 'Driver', 'rook-ceph.rbd.csi.ceph.com').metadata.namespace).toBe('rook-ceph');
    expect(findManifest(site, 'Driver', 'rook-ceph.cephfs.csi.ceph.com').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('2');
    expect(findManifest(site, 'OperatorConfig', 'ceph-csi-operator-config').spec.driverSpecDefaults.controllerPlugin.replicas).toBe(2);
    expect(files.map((f) => f.path)).toContain('60-tools/deployment_rook-ceph_rook-ceph-tools.yaml');
  });

  test('THEN the site Application points at dist/dc1-local of the platform repository', () => {
    const app = files.find((f) => f.path === 'gitops/application_dc1-local-storage.yaml')!.objects[0];
    expect(app.spec.source).toMatchObject({ repoURL: 'https://git.example.com/platform/storage.git', path: 'dist/dc1-local', targetRevision: 'main' });
  });
});
