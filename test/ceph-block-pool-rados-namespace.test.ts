/** CephBlockPoolRadosNamespace (src/rook/ceph-block-pool-rados-namespace.ts): an RBD tenant with its own clusterID, mirroring and classes. */
import { CephRbdSnapshotClass, CephRbdStorageClass, CephBlockPoolRadosNamespace, RookCluster, Site } from '../src';
import { csiRookSite, expectHelpful, refusedWritingNothing, validObjectsOf } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a RADOS namespace is mirrored but its pool is not THEN synth fails naming the pool to mirror', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
      new CephBlockPoolRadosNamespace(site, 'tenant', { blockPool: pool, mirroring: { mode: 'image' } });
    });
    expectHelpful(m, { path: 'test-site/tenant: mirroring', value: '"replicapool"', allowed: /no mirrored pools/, fix: /to pool "replicapool"/ });
  });

  test('WHEN an RBD class of a RADOS namespace sets a clusterID that is not the namespace\'s THEN it is refused with the namespace\'s clusterID', () => {
    let want = '';
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
      const ns = new CephBlockPoolRadosNamespace(site, 'tenant-b', { blockPool: pool });
      want = ns.clusterID;
      new CephRbdStorageClass(site, 'block-tenant-b', { radosNamespace: ns, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/block-tenant-b: clusterID', value: '"rook-ceph"', allowed: `"${want}"`, fix: /remove clusterID/ });
  });
});

describe('GIVEN a CephFS subvolume group and an RBD RADOS namespace on Rook 1.20', () => {
  test('WHEN an RBD snapshot class names the namespace THEN it carries the namespace\'s clusterID (ceph-csi places snapshots by it)', () => {
    const { app, site, cluster } = csiRookSite();
    const ns = new CephBlockPoolRadosNamespace(site, 'tenant-b', { blockPool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new CephRbdSnapshotClass(site, 'rbd-snap-tenant-b', { cluster, radosNamespace: ns });
    expect(validObjectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass').parameters.clusterID).toBe(ns.clusterID);
  });
});
