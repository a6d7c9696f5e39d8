/** DashboardExposure (src/rook/dashboard-exposure.ts): the Service, Ingress or HTTPRoute in front of the Ceph dashboard. */
import { DashboardExposure, RookCluster } from '../src';
import { configError, expectHelpful, findManifest, manifests, newSite, threeNodeRookSite } from './helpers';
import { synthValid } from './upstream-compare';
import * as kplus from 'cdk8s-plus-27';
import { placementOf } from '../src/site/layers';

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

describe('GIVEN the Ceph dashboard', () => {
  test('WHEN exposed through an Ingress with a cert-manager Certificate THEN the Service is ClusterIP, the Ingress terminates TLS with the issued Secret', () => {
    const { app, site } = newSite({ clusterCrds: ['cert-manager@v1.21.1'] });
    site.clusterProvides({ clusterIssuers: ['letsencrypt'] });
    const cluster = new RookCluster(site, 'cluster');
    new DashboardExposure(site, 'dashboard', { cluster, ingress: { host: 'ceph.example.com', className: 'nginx', certificate: { issuer: { name: 'letsencrypt' } } } });
    expect(findManifest(site, 'Service', 'rook-ceph-mgr-dashboard-external').spec.type).toBe('ClusterIP');
    const ing = findManifest(site, 'Ingress', 'rook-ceph-mgr-dashboard-external');
    expect(ing.spec.tls).toEqual([{ hosts: ['ceph.example.com'], secretName: 'rook-ceph-mgr-dashboard-external-tls' }]);
    expect(findManifest(site, 'Certificate', 'rook-ceph-mgr-dashboard-external-tls').spec).toEqual({
      secretName: 'rook-ceph-mgr-dashboard-external-tls', dnsNames: ['ceph.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    synthValid(app);
  });

  test('WHEN exposed through an HTTPRoute on a site that declares the Gateway API CRDs THEN the route points at the Service', () => {
    const { app, site } = newSite({ clusterCrds: ['gateway-api@v1.6.1'] });
    const cluster = new RookCluster(site, 'cluster', { dashboard: { ssl: false } });
    new DashboardExposure(site, 'dashboard', { cluster, httpRoute: { gateway: { name: 'public', namespace: 'gateways' }, hostnames: ['ceph.example.com'] } });
    expect(findManifest(site, 'HTTPRoute', 'rook-ceph-mgr-dashboard-external').spec.rules).toEqual([{ backendRefs: [{ group: '', kind: 'Service', name: 'rook-ceph-mgr-dashboard-external', port: 7000 }] }]);
    expect(site.warnings).toEqual([]);
    synthValid(app);
  });

  test('WHEN the HTTPRoute fronts an SSL dashboard THEN the site warns that the Gateway speaks HTTP to it', () => {
    const { site } = newSite({ clusterCrds: ['gateway-api@v1.6.1'] });
    const cluster = new RookCluster(site, 'cluster');
    new DashboardExposure(site, 'dashboard', { cluster, httpRoute: { gateway: { name: 'public' } } });
    expect(site.warnings.join('\n')).toMatch(/BackendTLSPolicy.*|dashboard\.ssl: false/);
  });

  test('WHEN an HTTPRoute is asked without the gateway-api CRDs declared THEN it is refused naming clusterCrds', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new DashboardExposure(site, 'dashboard', { cluster, httpRoute: { gateway: { name: 'public' } } }));
    expectHelpful(e.message, { path: 'test-site/dashboard: httpRoute', value: /no clusterCrds/, allowed: /gateway-api@<version>/, fix: /gateway-api@v1\.6\.1/ });
  });

  test('WHEN both tlsSecretName and certificate are given THEN it is refused', () => {
    const { site } = newSite({ clusterCrds: ['cert-manager@v1.21.1'] });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new DashboardExposure(site, 'dashboard', { cluster, ingress: { host: 'a.example.com', tlsSecretName: 'x', certificate: { issuer: { name: 'ca' } } } }));
    expectHelpful(e.message, { path: 'test-site/dashboard: ingress.certificate', allowed: /one of tlsSecretName \/ certificate/, fix: /cert-manager/ });
  });
});

describe('GIVEN a DashboardExposure (cdk8s-plus Service)', () => {
  test('THEN it selects the active mgr, has no externalIPs, and its ApiObject is placed in the tools layer', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'rook-ceph', dashboard: { enabled: true, ssl: true } });
    const dash = new DashboardExposure(site, 'dash', { cluster, serviceType: 'LoadBalancer' });
    expect(dash.node.findChild('Resource')).toBeInstanceOf(kplus.Service);
    expect(placementOf(dash.resource)?.layer).toBe('tools');
    const s = findManifest(site, 'Service', 'rook-ceph-mgr-dashboard-external');
    expect(s.spec).toEqual({
      type: 'LoadBalancer',
      selector: { app: 'rook-ceph-mgr', mgr_role: 'active', rook_cluster: 'rook-ceph' },
      ports: [{ name: 'dashboard-https', port: 8443, targetPort: 8443, protocol: 'TCP' }],
    });
  });
});
