/** CephObjectZoneGroup (src/rook/ceph-object-zone-group.ts): a CephObjectZoneGroup of a realm of the site. */
import { CephObjectRealm, CephObjectZoneGroup, RookCluster } from '../src';
import { configError, expectHelpful, findManifest, newSite } from './helpers';

describe('GIVEN a zone group of an object multisite realm', () => {
  test('WHEN it is given the CephObjectRealm THEN it takes the realm\'s cluster namespace and names the realm', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'ceph-a' });
    const realm = new CephObjectRealm(site, 'realm', { cluster, name: 'realm-a' });
    const group = new CephObjectZoneGroup(site, 'zonegroup-a', { realm });
    expect(findManifest(site, 'CephObjectZoneGroup', 'zonegroup-a')).toMatchObject({ metadata: { name: 'zonegroup-a', namespace: 'ceph-a' }, spec: { realm: 'realm-a' } });
    expect([group.realmName, group.cluster]).toEqual(['realm-a', cluster]);
  });

  test('WHEN the realm is given by name without a cluster THEN it is refused: the namespace is unknown', () => {
    const { site } = newSite();
    new RookCluster(site, 'cluster');
    const e = configError(() => new CephObjectZoneGroup(site, 'zonegroup-a', { realm: 'realm-a' }));
    expectHelpful(e.message, { path: 'test-site/zonegroup-a: cluster', value: /realm-a/, fix: /pass cluster: <RookCluster>/ });
  });

  test('WHEN the realm is given by the name of a realm of the site, with the cluster THEN it is accepted', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new CephObjectRealm(site, 'realm-a', { cluster });
    new CephObjectZoneGroup(site, 'zonegroup-a', { realm: 'realm-a', cluster });
    expect(findManifest(site, 'CephObjectZoneGroup', 'zonegroup-a').spec).toEqual({ realm: 'realm-a' });
  });
});
