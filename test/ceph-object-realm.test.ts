/** CephObjectRealm (src/rook/ceph-object-realm.ts): the CephObjectRealm at the top of an object multisite. */
import { CephObjectRealm, RookCluster } from '../src';
import { configError, expectHelpful, findManifest, newSite } from './helpers';

describe('GIVEN an object multisite realm', () => {
  test('WHEN a realm is declared for a cluster THEN the CephObjectRealm is in the cluster namespace, named after the id, with no pull', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'ceph-a' });
    const realm = new CephObjectRealm(site, 'realm-a', { cluster });
    const m = findManifest(site, 'CephObjectRealm', 'realm-a');
    expect(m.metadata).toEqual({ name: 'realm-a', namespace: 'ceph-a' });
    expect(m.spec).toBeUndefined();
    expect([realm.objectName, realm.namespace]).toEqual(['realm-a', 'ceph-a']);
  });

  test('WHEN a secondary site pulls the realm THEN spec.pull.endpoint is the master zone endpoint', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new CephObjectRealm(site, 'realm', { cluster, name: 'realm-b', pullEndpoint: 'http://10.2.105.133:80' });
    expect(findManifest(site, 'CephObjectRealm', 'realm-b').spec).toEqual({ pull: { endpoint: 'http://10.2.105.133:80' } });
  });

  test('WHEN the pull endpoint is not an http(s) URL THEN it is refused', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new CephObjectRealm(site, 'realm', { cluster, pullEndpoint: '10.2.105.133:80' }));
    expectHelpful(e.message, { path: /realm: pullEndpoint/, value: /10\.2\.105\.133:80/ });
    expect(e.message).toMatch(/not an http\(s\) URL/);
  });

  test('WHEN the site pins Rook 1.2.7 THEN the realm is refused with the versions that have multisite', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new CephObjectRealm(site, 'realm', { cluster }));
    expectHelpful(e.message, { path: /realm/, value: /1\.2\.7/, allowed: /v1\.7\.11/, fix: /multisite/ });
  });
});
