/** CephFsStorageClass (src/rook/ceph-fs-storage-class.ts): the CephFS CSI class of a local filesystem or subvolume group. */
import { CephFilesystem, CephFsStorageClass } from '../src';
import { configError, expectHelpful, findManifest, rookClusterSite } from './helpers';

describe('GIVEN RBD and CephFS class node options', () => {
  test('WHEN a CephFS class sets the mounter and mount options THEN they are parameters; encryption on Rook 1.7.11 is refused', () => {
    const { site, cluster } = rookClusterSite();
    const filesystem = new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'files', { filesystem, mounter: 'kernel', kernelMountOptions: 'ms_mode=secure', fuseMountOptions: 'debug', mountOptions: ['noatime'] });
    const sc = findManifest(site, 'StorageClass', 'files');
    expect(sc.parameters).toMatchObject({ mounter: 'kernel', kernelMountOptions: 'ms_mode=secure', fuseMountOptions: 'debug' });
    expect(sc.mountOptions).toEqual(['noatime']);
    const old = rookClusterSite('1.7.11');
    const fs17 = new CephFilesystem(old.site, 'myfs', { cluster: old.cluster });
    const e = configError(() => new CephFsStorageClass(old.site, 'files', { filesystem: fs17, encrypted: true }));
    expectHelpful(e.message, { path: 'test-site/files: encrypted', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove encrypted/ });
  });
});
