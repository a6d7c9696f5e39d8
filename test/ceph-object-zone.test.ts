/** CephObjectZone (src/rook/ceph-object-zone.ts): a multisite zone of a zone group, holding the pools of its stores. */
import { CephObjectRealm, CephObjectZone, CephObjectZoneGroup, RookCluster } from '../src';
import { expectHelpful, newSite, synthFailsWritingNothing } from './helpers';

describe('GIVEN bad object-storage input', () => {
  test('WHEN a zone names a zone group that is not in the site THEN synth fails (zone → zone group → realm)', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const realm = new CephObjectRealm(site, 'realm-a', { cluster });
    new CephObjectZoneGroup(site, 'zonegroup-a', { realm });
    new CephObjectZone(site, 'zone-a', { zoneGroup: 'zonegroup-b', cluster, metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } } });
    new CephObjectZoneGroup(site, 'zonegroup-c', { realm: 'realm-x', cluster });
    const m = synthFailsWritingNothing(app);
    expectHelpful(m, { path: 'test-site/zone-a: zoneGroup', value: /"zonegroup-b"/, allowed: /"zonegroup-a"/ });
    expectHelpful(m, { path: 'test-site/zonegroup-c: realm', value: /"realm-x"/, allowed: /"realm-a"/ });
  });
});
