/** CephNfsStorageClass and CephNfsSnapshotClass (src/rook/ceph-nfs-storage-class.ts): classes of an CephNfs's exports. */
import { CephCsi, CephFilesystem, CephNfs, CephNfsStorageClass, RookCluster, RookOperator, Site } from '../src';
import { expectHelpful, refusedWritingNothing } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN an NFS class is used without the NFS CSI driver THEN synth fails on the provisioner', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      new CephCsi(site, 'csi', { operator: new RookOperator(site, 'operator') });
      const cluster = new RookCluster(site, 'cluster');
      new CephNfsStorageClass(site, 'rook-nfs', { nfs: new CephNfs(site, 'my-nfs', { cluster }), filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    });
    expectHelpful(m, { path: 'test-site/rook-nfs: provisioner', value: '"rook-ceph.nfs.csi.ceph.com"', fix: /enable that driver/ });
  });
});
