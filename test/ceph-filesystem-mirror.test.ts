/** CephFilesystemMirror (src/rook/ceph-filesystem-mirror.ts): the cephfs-mirror daemon of a cluster. */
import { CephFilesystem, CephFilesystemMirror, RookCluster, Site } from '../src';
import { expectHelpful, refusedWritingNothing } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a CephFilesystemMirror runs in a cluster without any mirrored filesystem THEN synth fails', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      new CephFilesystem(site, 'myfs', { cluster });
      new CephFilesystemMirror(site, 'fs-mirror', { cluster });
    });
    expectHelpful(m, { path: 'test-site/fs-mirror: cluster', value: '["myfs"]', fix: /to filesystem "myfs"/ });
  });
});
