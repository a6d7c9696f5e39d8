/** CephFsExternalStorageClass (src/rook/ceph-fs-external-storage-class.ts): the CephFS class of a filesystem of an ExternalCluster. */
import { CephFsExternalStorageClass, ExternalCluster } from '../src';
import { props120 } from './external-helpers';
import { configError, expectHelpful, newSite, synthError } from './helpers';

describe('GIVEN StorageClasses for an external cluster', () => {
  test('WHEN the CephFS class names an unlisted filesystem THEN synth fails naming the listed ones', () => {
    const { app, site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120());
    new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: 'k8sfs' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: fsName', value: 'k8sfs', allowed: /"myfs"/, fix: /ceph fs ls/ });
  });

  test('WHEN the CephFS class names a pool that is not a data pool of the filesystem THEN synth fails', () => {
    const { app, site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120());
    new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: 'myfs', pool: 'myfs-metadata' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: pool', value: 'myfs-metadata', allowed: /"myfs-replicated"/ });
    expect(e.message).toMatch(/invalid pool layout/);
  });

  test('WHEN the CephFS clusterID is not the external namespace THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120());
    const e = configError(() => new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: 'myfs', clusterID: 'rook-ceph' }));
    expectHelpful(e.message, { path: 'cephfs: clusterID', value: 'rook-ceph', allowed: '"rook-ceph-external"', fix: /remove clusterID/ });
  });
});
