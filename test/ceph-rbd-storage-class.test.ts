/**
 * CephRbdStorageClass / CephRbdSnapshotClass: every prop lands on a valid StorageClass, defaults match upstream.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CephFilesystem, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass, RookCluster } from '../src';
import { synthApp } from '../src/pipeline/synth';
import {
  configError, expectHelpful, findManifest, manifests, newSite, rookClusterSite, synthError, UPSTREAM,
} from './helpers';

describe('GIVEN an RBD StorageClass with every prop set', () => {
  test('THEN it validates strictly and carries each setting', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'ceph-a', operatorNamespace: 'rook-system' });
    const pool = cluster.addPool('fast', { replicated: { size: 3 }, deviceClass: 'nvme' });
    new CephRbdStorageClass(site, 'fast-xfs', {
      pool, imageFeatures: ['layering', 'exclusive-lock', 'object-map', 'fast-diff'], fsType: 'xfs', reclaimPolicy: 'Retain',
      allowVolumeExpansion: false, volumeBindingMode: 'WaitForFirstConsumer', mountOptions: ['discard'], parameters: { mounter: 'rbd-nbd' },
    });
    new CephRbdSnapshotClass(site, 'snap', { cluster, deletionPolicy: 'Retain', isDefault: true });
    const r = synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-sc-')), upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const sc = findManifest(site, 'StorageClass', 'fast-xfs');
    expect(sc.provisioner).toBe('rook-system.rbd.csi.ceph.com');
    expect(sc.parameters).toMatchObject({ clusterID: 'ceph-a', pool: 'fast', imageFeatures: 'layering,exclusive-lock,object-map,fast-diff', 'csi.storage.k8s.io/fstype': 'xfs', mounter: 'rbd-nbd', 'csi.storage.k8s.io/node-stage-secret-namespace': 'ceph-a' });
    expect(sc).toMatchObject({ reclaimPolicy: 'Retain', allowVolumeExpansion: false, volumeBindingMode: 'WaitForFirstConsumer', mountOptions: ['discard'] });
    const vsc = findManifest(site, 'VolumeSnapshotClass', 'snap');
    expect(vsc).toMatchObject({ driver: 'rook-system.rbd.csi.ceph.com', deletionPolicy: 'Retain' });
    expect(vsc.metadata.annotations['snapshot.storage.kubernetes.io/is-default-class']).toBe('true');
  });

  test('WHEN an unknown image feature is asked for THEN the supported ones are listed', () => {
    const { site } = newSite();
    const pool = new RookCluster(site, 'cluster').addPool('p', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'sc', { pool, imageFeatures: ['layring' as any] }));
    expectHelpful(e.message, { path: 'test-site/sc: imageFeatures[0]', value: /layring/, allowed: /"layering", "exclusive-lock"/ });
  });

  test('WHEN a VolumeSnapshotClass is used on Kubernetes 1.19 THEN the versions with snapshot v1 are named', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new CephRbdSnapshotClass(site, 'snap', { cluster }));
    expectHelpful(e.message, { path: 'test-site/snap', value: '1.19.0', allowed: /Kubernetes >=1\.20\.0/ });
  });
});

describe('GIVEN RBD and CephFS class node options', () => {
  test('WHEN an RBD class sets mounter, map options and encryption THEN they are parameters', () => {
    const { site, cluster } = rookClusterSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'nbd', { pool, mounter: 'rbd-nbd', mapOptions: 'krbd:lock_on_read;nbd:try-netlink', unmapOptions: 'force', encrypted: true, encryptionKMSID: 'vault-1' });
    expect(findManifest(site, 'StorageClass', 'nbd').parameters).toMatchObject({ mounter: 'rbd-nbd', mapOptions: 'krbd:lock_on_read;nbd:try-netlink', unmapOptions: 'force', encrypted: 'true', encryptionKMSID: 'vault-1' });
  });

  test('WHEN encryptionKMSID is set without encrypted THEN it is refused', () => {
    const { site, cluster } = rookClusterSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, encryptionKMSID: 'vault-1' }));
    expectHelpful(e.message, { path: /encryptionKMSID/, allowed: /encrypted: true/, fix: /set encrypted: true/ });
  });

  test('WHEN map options hold spaces THEN they are refused', () => {
    const { site, cluster } = rookClusterSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, mapOptions: 'lock_on_read, queue_depth=1024' }));
    expect(e.message).toMatch(/mapOptions/);
    expect(e.message).toMatch(/no spaces/);
  });

  test('WHEN map options are set on Rook 1.2.7 THEN they are refused with the versions that have them', () => {
    const { site, cluster } = rookClusterSite('1.2.7');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, mapOptions: 'lock_on_read' }));
    expectHelpful(e.message, { path: 'test-site/c: mapOptions', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove mapOptions/ });
  });

  test('WHEN no node option is set THEN the classes carry none of these parameters', () => {
    const { site, cluster } = rookClusterSite();
    new CephRbdStorageClass(site, 'block', { pool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new CephFsStorageClass(site, 'files', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    const classes = manifests(site).filter((m) => m.kind === 'StorageClass');
    expect(classes.map((m) => m.metadata.name).sort()).toEqual(['block', 'files']);
    for (const sc of classes) {
      for (const key of ['mounter', 'mapOptions', 'unmapOptions', 'encrypted', 'encryptionKMSID', 'kernelMountOptions', 'fuseMountOptions']) expect(sc.parameters).not.toHaveProperty(key);
    }
  });
});

describe('GIVEN StorageClasses', () => {
  test('WHEN a StorageClass names a pool not in the site THEN synth fails, lists the pools, and nothing is written', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { cluster, pool: 'replicapol' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: 'test-site/block: pool', value: 'replicapol', allowed: /"replicapool"/, fix: /addPool/ });
    expect(e.message).toMatch(/nothing was written/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN clusterID is not the cluster namespace THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'rook-ceph' });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'block', { pool, clusterID: 'ceph' }));
    expectHelpful(e.message, { path: 'test-site/block: clusterID', value: 'ceph', allowed: '"rook-ceph"', fix: /remove clusterID/ });
  });

  test('WHEN an EC StorageClass puts the erasure-coded pool in `pool` THEN it says to pair it with a replicated metadata pool', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const meta = cluster.addPool('ec-meta', { replicated: { size: 3 } });
    const data = cluster.addPool('ec-data', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new CephRbdStorageClass(site, 'wrong', { pool: data });
    new CephRbdStorageClass(site, 'swapped', { pool: data, dataPool: meta });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/wrong: pool', value: 'ec-data', allowed: '"ec-meta"', fix: /dataPool: "ec-data"/ });
    expect(e.message).toMatch(/test-site\/swapped: dataPool[\s\S]*is replicated/);
  });
});
