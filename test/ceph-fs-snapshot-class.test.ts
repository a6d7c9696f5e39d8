/** CephFsSnapshotClass (src/rook/ceph-fs-snapshot-class.ts): the VolumeSnapshotClass of CephFS volumes of a filesystem or subvolume group. */
import { CephFilesystem, CephFsSnapshotClass, CephFilesystemSubVolumeGroup } from '../src';
import { csiRookSite, validObjectsOf } from './helpers';

describe('GIVEN a CephFS subvolume group and an RBD RADOS namespace on Rook 1.20', () => {
  test('WHEN a CephFS snapshot class names the group THEN it carries the group\'s clusterID', () => {
    const { app, site, cluster } = csiRookSite();
    const g = new CephFilesystemSubVolumeGroup(site, 'g', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    new CephFsSnapshotClass(site, 'cephfs-snap-g', { subVolumeGroup: g });
    const o = validObjectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass');
    expect(o.driver).toBe('rook-ceph.cephfs.csi.ceph.com');
    expect(o.parameters.clusterID).toBe(g.clusterID);
  });
});
