/** CephCsiMetrics (src/monitoring/ceph-csi-metrics.ts): the CSI metrics ports, Services and ServiceMonitor per Rook line. */
import { CephCsiMetrics } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests } from './helpers';
import { synthValid } from './upstream-compare';
import { rook } from './monitoring-helpers';

describe('GIVEN Rook v1.20.6 with the ceph-csi operator', () => {
  test('WHEN CSI metrics are asked THEN each Driver gets a liveness metrics port, metrics Services exist for both plugins, and the ServiceMonitor selects them', () => {
    const { app, site } = (() => { const r = rook('1.20.6'); new CephCsiMetrics(r.site, 'csi-metrics', { csi: r.csi, interval: '30s' }); return r; })();
    expect(findManifest(site, 'Driver', 'rook-ceph.rbd.csi.ceph.com').spec.liveness).toEqual({ metricsPort: 9080 });
    expect(findManifest(site, 'Driver', 'rook-ceph.cephfs.csi.ceph.com').spec.liveness).toEqual({ metricsPort: 9081 });
    const svc = findManifest(site, 'Service', 'csi-rbdplugin-provisioner-metrics');
    expect(svc.metadata.labels).toEqual({ app: 'csi-metrics' });
    expect(svc.spec.selector).toEqual({ app: 'rook-ceph.rbd.csi.ceph.com-ctrlplugin' });
    expect(svc.spec.ports).toEqual([{ name: 'csi-http-metrics', port: 9080, targetPort: 9080, protocol: 'TCP' }]);
    expect(findManifest(site, 'Service', 'csi-cephfsplugin-metrics').spec.selector).toEqual({ app: 'rook-ceph.cephfs.csi.ceph.com-nodeplugin' });
    const sm = findManifest(site, 'ServiceMonitor', 'csi-metrics');
    expect(sm.spec.selector.matchLabels).toEqual({ app: 'csi-metrics' });
    expect(sm.spec.endpoints).toEqual([{ port: 'csi-http-metrics', path: '/metrics', interval: '30s' }]);
    const objs = synthValid(app);
    expect(objs.filter((o) => o.kind === 'Service' && o.metadata.labels?.app === 'csi-metrics').map((o) => o.metadata.name).sort())
      .toEqual(['csi-cephfsplugin-metrics', 'csi-cephfsplugin-provisioner-metrics', 'csi-rbdplugin-metrics', 'csi-rbdplugin-provisioner-metrics']);
  });

  test('WHEN gRPC metrics are asked THEN the error names the Rook lines that have them', () => {
    const { csi, site } = rook('1.20.6');
    const e = configError(() => new CephCsiMetrics(site, 'csi-metrics', { csi, grpc: true }));
    expectHelpful(e.message, { path: 'test-site/csi-metrics: grpc', value: '1.20.6', allowed: /Rook .*v1\.2\.7, .*v1\.7\.11/, fix: /remove grpc/ });
  });

  test('WHEN two drivers are given the same port THEN it is refused (the node plugins share the host network)', () => {
    const { csi, site } = rook('1.20.6');
    const e = configError(() => new CephCsiMetrics(site, 'csi-metrics', { csi, ports: { rbd: 9100, cephfs: 9100 } }));
    expectHelpful(e.message, { path: 'test-site/csi-metrics: ports', value: '9100', allowed: /distinct port per driver/, fix: /own port/ });
  });
});

describeWithUpstream('GIVEN Rook v1.7.11 (operator ConfigMap), vendored', () => {
  test('WHEN CSI metrics use other ports and gRPC THEN only those operator keys are set and the ServiceMonitor scrapes both endpoints of the operator-made Services', () => {
    const { app, site, operator, csi } = rook('1.7.11');
    new CephCsiMetrics(site, 'csi-metrics', { csi, ports: { rbd: 9180 }, grpc: true });
    const cm = findManifest(site, 'ConfigMap', 'rook-ceph-operator-config');
    expect(cm.data.CSI_RBD_LIVENESS_METRICS_PORT).toBe('9180');
    expect(cm.data.CSI_CEPHFS_LIVENESS_METRICS_PORT).toBeUndefined();
    expect(cm.data.ROOK_CSI_ENABLE_GRPC_METRICS).toBe('true');
    expect(manifests(site).filter((o) => o.kind === 'Service' && o.metadata.labels?.app === 'csi-metrics')).toEqual([]);
    expect(findManifest(site, 'ServiceMonitor', 'csi-metrics').spec.endpoints.map((e: any) => e.port)).toEqual(['csi-http-metrics', 'csi-grpc-metrics']);
    expect(operator.namespace).toBe('rook-ceph');
    synthValid(app);
  });
});

describeWithUpstream('GIVEN Rook v1.2.7 (operator environment), vendored', () => {
  test('WHEN CSI metrics are asked with defaults THEN nothing of the operator changes and both endpoints are scraped (1.2.7 enables gRPC metrics)', () => {
    const { app, site, csi } = rook('1.2.7');
    const before = JSON.stringify(findManifest(site, 'Deployment', 'rook-ceph-operator').spec.template.spec.containers[0].env);
    new CephCsiMetrics(site, 'csi-metrics', { csi });
    expect(JSON.stringify(findManifest(site, 'Deployment', 'rook-ceph-operator').spec.template.spec.containers[0].env)).toBe(before);
    expect(findManifest(site, 'ServiceMonitor', 'csi-metrics').spec.endpoints.map((e: any) => e.port)).toEqual(['csi-http-metrics', 'csi-grpc-metrics']);
    synthValid(app);
  });

  test('WHEN the CephFS port is moved THEN it becomes the operator environment variable', () => {
    const { site, csi } = rook('1.2.7');
    new CephCsiMetrics(site, 'csi-metrics', { csi, ports: { cephfs: 9181 }, grpc: false });
    const env = findManifest(site, 'Deployment', 'rook-ceph-operator').spec.template.spec.containers[0].env;
    expect(env).toEqual(expect.arrayContaining([{ name: 'CSI_CEPHFS_LIVENESS_METRICS_PORT', value: '9181' }, { name: 'ROOK_CSI_ENABLE_GRPC_METRICS', value: 'false' }]));
    expect(findManifest(site, 'ServiceMonitor', 'csi-metrics').spec.endpoints.map((e: any) => e.port)).toEqual(['csi-http-metrics']);
  });
});
