/** CephFilesystemSubVolumeGroup (src/rook/ceph-filesystem-sub-volume-group.ts): a CephFS tenant with its own clusterID, pinning and classes. */
import { CephFilesystem, CephFsStorageClass, RookCluster, Site, CephFilesystemSubVolumeGroup } from '../src';
import { csiRookSite, expectHelpful, refusedWritingNothing, validObjectsOf } from './helpers';
import { rookDerivedClusterId } from '../src/rook/csi-cluster-id';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a CephFS class of a subvolume group sets another clusterID THEN it is refused', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const g = new CephFilesystemSubVolumeGroup(site, 'g', { filesystem: new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster') }), clusterID: 'group-g' });
      new CephFsStorageClass(site, 'cephfs-g', { subVolumeGroup: g, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/cephfs-g: clusterID', value: '"rook-ceph"', allowed: '"group-g"' });
  });

  test('WHEN a subvolume group names a filesystem the site does not have THEN synth fails listing the site\'s filesystems', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      new CephFilesystem(site, 'myfs', { cluster });
      new CephFilesystemSubVolumeGroup(site, 'team-a', { filesystem: 'otherfs', cluster });
    });
    expectHelpful(m, { path: 'test-site/team-a: filesystem', value: '"otherfs"', allowed: '"myfs"', fix: /add the CephFilesystem/ });
  });

  test('WHEN a subvolume group is given the CephFilesystem of another site THEN synth fails', () => {
    const m = refusedWritingNothing((app) => {
      const other = new Site(app, 'other-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const otherFs = new CephFilesystem(other, 'myfs', { cluster: new RookCluster(other, 'cluster') });
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      new RookCluster(site, 'cluster');
      new CephFilesystemSubVolumeGroup(site, 'team-a', { filesystem: otherFs });
    });
    expectHelpful(m, { path: 'test-site/team-a: filesystem', value: 'other-site/myfs', allowed: /no CephFilesystem/, fix: /in this site/ });
  });
});

describe('GIVEN a CephFS subvolume group and an RBD RADOS namespace on Rook 1.20', () => {
  test('WHEN nothing but the filesystem is given THEN the group pins distributed: 1 and the derived clusterID is stable across runs', () => {
    const a = csiRookSite();
    const b = csiRookSite();
    const ga = new CephFilesystemSubVolumeGroup(a.site, 'g', { filesystem: new CephFilesystem(a.site, 'myfs', { cluster: a.cluster }) });
    const gb = new CephFilesystemSubVolumeGroup(b.site, 'g', { filesystem: new CephFilesystem(b.site, 'myfs', { cluster: b.cluster }) });
    expect(ga.clusterID).toBe(gb.clusterID);
    expect(validObjectsOf(a.app).find((o) => o.kind === 'CephFilesystemSubVolumeGroup').spec.pinning).toEqual({ distributed: 1 });
  });

  test('WHEN the chart\'s CSI group is asked for THEN it is <fs>-csi with group name "csi", as rook-ceph-cluster creates it', () => {
    const { app, site, cluster } = csiRookSite();
    const myfs = new CephFilesystem(site, 'myfs', { cluster });
    const g = CephFilesystemSubVolumeGroup.csiDefault(site, 'myfs-csi', myfs);
    const o = validObjectsOf(app).find((x) => x.kind === 'CephFilesystemSubVolumeGroup');
    expect(o.metadata).toEqual({ name: 'myfs-csi', namespace: 'rook-ceph' });
    expect(o.spec).toMatchObject({ name: 'csi', filesystemName: 'myfs', pinning: { distributed: 1 } });
    expect(g.clusterID).toBe(rookDerivedClusterId('rook-ceph-myfs-file-csi'));
  });
});
