/** ObjectStoreExposure (src/rook/object-store-exposure.ts): an Ingress or HTTPRoute in front of an object store. */
import { ObjectStoreExposure, RookCluster } from '../src';
import { configError, expectHelpful, newSite } from './helpers';

describe('GIVEN bad object-storage input', () => {
  test('WHEN an exposure is asked for a store on an external RGW THEN it is refused: there are no pods to select', () => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('ext', { gateway: { port: 80, externalRgwEndpoints: [{ hostname: 'rgw.example.com' }] } });
    const e = configError(() => new ObjectStoreExposure(site, 'x', { store, serviceType: 'LoadBalancer' }));
    expectHelpful(e.message, { path: 'test-site/x: store', value: /"ext"/, allowed: /runs in the cluster/, fix: /external RGW/ });
  });
});
