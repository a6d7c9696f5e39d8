/** DashboardExposure (src/rook/dashboard-exposure.ts): the Service, Ingress or HTTPRoute in front of the Ceph dashboard. */
import { DashboardExposure } from '../src';
import { configError, expectHelpful, manifests, threeNodeRookSite } from './helpers';

describe('GIVEN the toolbox and the dashboard exposure', () => {
  test('THEN the dashboard Service follows the cluster\'s SSL setting and port', () => {
    const { site, cluster } = threeNodeRookSite({ dashboard: { ssl: false } });
    new DashboardExposure(site, 'dash', { cluster, serviceType: 'NodePort', nodePort: 30700 });
    const s = manifests(site).find((m) => m.kind === 'Service');
    expect(s.spec.ports).toEqual([{ name: 'dashboard-http', port: 7000, targetPort: 7000, protocol: 'TCP', nodePort: 30700 }]);
    expect(s.spec.selector).toEqual({ app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: 'rook-ceph' });
  });

  test('WHEN the exposure says ssl: true but the cluster serves HTTP THEN it is rejected', () => {
    const { site, cluster } = threeNodeRookSite({ dashboard: { ssl: false } });
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster, ssl: true }));
    expectHelpful(e.message, { path: 'test-site/dash: ssl', value: 'true', allowed: 'false', fix: /dashboard\.ssl on the RookCluster/ });
  });

  test('WHEN the cluster\'s dashboard is disabled THEN the exposure is rejected', () => {
    const { site, cluster } = threeNodeRookSite({ dashboard: { enabled: false } });
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster }));
    expectHelpful(e.message, { path: 'test-site/dash: cluster', fix: /enable the dashboard/ });
  });

  test('WHEN a ClusterIP Service gets a nodePort THEN it is rejected', () => {
    const { site, cluster } = threeNodeRookSite();
    const e = configError(() => new DashboardExposure(site, 'dash', { cluster, serviceType: 'ClusterIP', nodePort: 30000 }));
    expectHelpful(e.message, { path: 'test-site/dash: nodePort', fix: /remove nodePort/ });
  });
});
