/** CephRbdMirror (src/rook/ceph-rbd-mirror.ts): the rbd-mirror daemon of a cluster. */
import { CephRbdMirror, RookCluster, Site } from '../src';
import { expectHelpful, refusedWritingNothing } from './helpers';

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN an CephRbdMirror runs in a cluster without any mirrored pool THEN synth fails with the pools to mirror', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      cluster.addPool('replicapool', { replicated: { size: 3 } });
      new CephRbdMirror(site, 'rbd-mirror', { cluster });
    });
    expectHelpful(m, { path: 'test-site/rbd-mirror: cluster', value: '["replicapool"]', allowed: /mirroring/, fix: /add mirroring: \{ mode: 'image' \} to a pool \(e\.g\. "replicapool"\)/ });
  });
});
