/**
 * CephRbdStorageClass / CephRbdSnapshotClass: every prop lands on a valid StorageClass, defaults match upstream.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CephRbdSnapshotClass, CephRbdStorageClass, RookCluster } from '../src';
import { synthApp } from '../src/pipeline/synth';
import { configError, expectHelpful, findManifest, newSite, UPSTREAM } from './helpers';

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
