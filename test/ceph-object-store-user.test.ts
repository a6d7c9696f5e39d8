/** CephObjectStoreUser (src/rook/ceph-object-store-user.ts): a CephObjectStoreUser of a store of the site. */
import { CephObjectStore, CephObjectStoreUser, RookCluster } from '../src';
import { expectHelpful, newSite, synthFailsWritingNothing } from './helpers';

describe('GIVEN bad object-storage input', () => {
  test('WHEN a user names a store that is not in the site THEN synth fails listing the stores there are', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('s3', { gateway: { port: 80 } });
    new CephObjectStoreUser(site, 'user', { store: 'my-store', cluster });
    expectHelpful(synthFailsWritingNothing(app), { path: 'test-site/user: store', value: /"my-store"/, allowed: /"s3"/, fix: /addObjectStore/ });
  });

  test('WHEN a user names a store of another site THEN synth fails saying whose store it is', () => {
    const { app, site } = newSite();
    const other = new (site.constructor as any)(app, 'other-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const foreign: CephObjectStore = new RookCluster(other, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    new RookCluster(site, 'cluster');
    new CephObjectStoreUser(site, 'user', { store: foreign });
    const m = synthFailsWritingNothing(app);
    expectHelpful(m, { path: 'test-site/user: store', value: /"s3"/, allowed: /declares no CephObjectStore/ });
    expect(m).toMatch(/belongs to site "other-site"/);
  });
});
