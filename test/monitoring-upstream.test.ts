/**
 * Monitoring and dashboard exposure, rebuilt from the public API and compared field by field with Rook v1.20.6's
 * examples: monitoring/csi-metrics-service-monitor.yaml, dashboard-ingress-https.yaml, dashboard-loadbalancer.yaml.
 * monitoring/service-monitor.yaml and exporter-service-monitor.yaml (the mgr and ceph-exporter ServiceMonitors) are
 * not compared: our API does not emit them (Rook writes them itself when the CephCluster enables monitoring).
 *
 * Deliberate differences:
 * - dashboard-ingress-https.yaml: the Ingress routes to the exposure's own Service (`rook-ceph-mgr-dashboard-external`,
 *   by port number), not to the operator-created `rook-ceph-mgr-dashboard` by port name, and shares that Service's
 *   name; the shared exposure helper (also behind ObjectStoreExposure) always routes to a Service it emits.
 * - dashboard-loadbalancer.yaml: the port is named `dashboard-https` (our name says the protocol, as for the other
 *   exposures); `sessionAffinity: None` is the API default, and we write no defaults.
 */
import { CephCsi, CephCsiMetrics, DashboardExposure, RookCluster, RookOperator } from '../src';
import { describeWithUpstream, newSite } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';

describeWithUpstream('GIVEN the Rook v1.20.6 monitoring and dashboard examples, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 monitoring examples'));

  test('WHEN monitoring/csi-metrics-service-monitor.yaml is rebuilt THEN every field is equal', () => {
    const { app, site } = newSite({ clusterCrds: ['prometheus-operator@v0.93.0'] });
    const operator = new RookOperator(site, 'operator');
    new CephCsiMetrics(site, 'csi-metrics', { csi: new CephCsi(site, 'csi', { operator }), labels: { team: 'rook' }, interval: '5s' });
    const objs = synthValid(app);
    const c = compareFile(objs, 'v1.20.6', 'monitoring/csi-metrics-service-monitor.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(10);
    recordFields('v1.20.6/monitoring/csi-metrics-service-monitor.yaml', c.equal);
  });

  test('WHEN dashboard-ingress-https.yaml is rebuilt THEN only the backend Service differs', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new DashboardExposure(site, 'dashboard', {
      cluster,
      ingress: {
        host: 'rook-ceph.example.com',
        className: 'nginx',
        tlsSecretName: 'rook-ceph.example.com',
        annotations: {
          'kubernetes.io/tls-acme': 'true',
          'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
          'nginx.ingress.kubernetes.io/server-snippet': 'proxy_ssl_verify off;\n',
        },
      },
    });
    const objs = synthValid(app);
    const renamed = objs.map((o) => (o.kind === 'Ingress' ? { ...o, metadata: { ...o.metadata, name: 'rook-ceph-mgr-dashboard' } } : o));
    const c = compareFile(renamed, 'v1.20.6', 'dashboard-ingress-https.yaml');
    expect(objs.find((o) => o.kind === 'Ingress').metadata.name).toBe('rook-ceph-mgr-dashboard-external'); // the name is the exposure's (see header)
    expect(c.differences).toEqual({
      'Ingress/rook-ceph-mgr-dashboard': [
        // our own ClusterIP Service, addressed by port number (header)
        'spec.rules[0].http.paths[0].backend.service.name: "rook-ceph-mgr-dashboard" -> "rook-ceph-mgr-dashboard-external"',
        'spec.rules[0].http.paths[0].backend.service.port.name: "https-dashboard" -> (none)',
        'spec.rules[0].http.paths[0].backend.service.port.number: (none) -> 8443',
      ],
    });
    expect(c.equal).toBe(13);
    recordFields('v1.20.6/dashboard-ingress-https.yaml', c.equal);
  });

  test('WHEN dashboard-loadbalancer.yaml is rebuilt THEN only the port name and the default sessionAffinity differ', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new DashboardExposure(site, 'dashboard', { cluster, serviceType: 'LoadBalancer', name: 'rook-ceph-mgr-dashboard-loadbalancer' });
    const objs = synthValid(app);
    const c = compareFile(objs, 'v1.20.6', 'dashboard-loadbalancer.yaml');
    expect(c.differences).toEqual({
      'Service/rook-ceph-mgr-dashboard-loadbalancer': [
        // the port name says the protocol (header)
        'spec.ports[0].name: "dashboard" -> "dashboard-https"',
        // the API default; we write no defaults
        'spec.sessionAffinity: "None" -> (none)',
      ],
    });
    expect(c.equal).toBe(13);
    recordFields('v1.20.6/dashboard-loadbalancer.yaml', c.equal);
  });
});
