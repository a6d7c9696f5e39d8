/** CephClient (src/rook/ceph-client.ts): a Ceph user with caps and the Secret the operator writes for it. */
import { CephClient, synthApp } from '../src';
import { csiRookSite, UPSTREAM } from './helpers';

describe('GIVEN a CephClient whose caps name pools', () => {
  test('WHEN a pool is not in the site THEN the site is written with a warning naming it; known and built-in pools are quiet', () => {
    const { app, site, cluster } = csiRookSite();
    cluster.addPool('images', { replicated: { size: 3 } });
    new CephClient(site, 'cinder', { cluster, caps: { mon: 'profile rbd', osd: 'profile rbd pool=images, profile rbd pool=volumes, allow rw pool=.nfs' } });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/test-site\/cinder: caps\.osd: pool "volumes" is not a pool/);
    expect(r.warnings[0]).toMatch(/fix: add the pool .* \(pools: "images"\)/);
  });
});
