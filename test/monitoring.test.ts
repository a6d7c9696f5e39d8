/**
 * Monitoring: CSI and TopoLVM ServiceMonitors per Rook line and TopoLVM release, our own PrometheusRule with
 * per-alert overrides, and dashboard exposure through Ingress or HTTPRoute.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { CephCsi, CephCsiMetrics, CephFilesystem, DashboardExposure, ExternalCluster, RookCluster, RookOperator, StorageAlerts, TopoLVM, TopolvmMetrics } from '../src';
import { ALERT_NAMES, KNOWN_METRICS } from '../src/monitoring/alert-rules';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests, newSite, upstreamPath } from './helpers';
import { synthValid } from './upstream-compare';
import { App } from 'cdk8s';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { props120 } from './external-helpers';

const PROM = { clusterCrds: ['prometheus-operator@v0.93.0'] };

function rook(version: '1.20.6' | '1.7.11' | '1.2.7', extra: Record<string, unknown> = {}) {
  const kubernetesVersion = { '1.20.6': '1.33.0', '1.7.11': '1.19.0', '1.2.7': '1.16.0' }[version];
  const { app, site } = newSite({ kubernetesVersion, rookVersion: version, ...PROM, ...extra });
  // the older lines install the vendored manifests: their CSI metrics settings are operator settings the chart mapping lacks
  const operator = version === '1.20.6' ? new RookOperator(site, 'operator') : new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath(`rook/v${version}`) } });
  const csi = new CephCsi(site, 'csi', { operator });
  return { app, site, operator, csi };
}

function topolvmSite(version: '0.41.0' | '0.8.3' | '0.2.2', crds = true) {
  const kubernetesVersion = { '0.41.0': '1.33.0', '0.8.3': '1.19.0', '0.2.2': '1.16.0' }[version];
  const { app, site } = newSite({ kubernetesVersion, rookVersion: undefined, topolvmVersion: version, ...(crds ? PROM : {}) });
  const topolvm = version === '0.41.0'
    ? new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} } })
    : new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'systemd' }, scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } });
  return { app, site, topolvm };
}

/** Metric names a PromQL expression references (identifiers followed by a selector or an operator, not functions). */
function metricsOf(expr: string): string[] {
  const names: string[] = [];
  const tree = parser.parse(expr);
  tree.iterate({ enter: (n) => { if (n.type.name === 'Identifier' && n.node.parent?.type.name === 'VectorSelector') names.push(expr.slice(n.from, n.to)); } });
  return names;
}

function syntaxErrors(expr: string): number {
  let errors = 0;
  parser.parse(expr).iterate({ enter: (n) => { if (n.type.isError) errors++; } });
  return errors;
}

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

describe('GIVEN TopoLVM', () => {
  test('WHEN v0.41.0 with lvmd as a DaemonSet is scraped THEN controller, node and lvmd get metrics Services on 8080 and one ServiceMonitor', () => {
    const { app, site, topolvm } = topolvmSite('0.41.0');
    new TopolvmMetrics(site, 'topolvm-metrics', { topolvm, labels: { release: 'prometheus' } });
    const names = manifests(site).filter((o) => o.kind === 'Service' && o.metadata.labels?.['app.kubernetes.io/part-of'] === 'topolvm-metrics').map((o) => o.metadata.name).sort();
    expect(names).toEqual(['topolvm-controller-metrics', 'topolvm-lvmd-metrics', 'topolvm-node-metrics']);
    expect(findManifest(site, 'Service', 'topolvm-node-metrics').spec).toEqual({
      clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'topolvm', 'app.kubernetes.io/component': 'node' },
      ports: [{ name: 'metrics', port: 8080, targetPort: 8080, protocol: 'TCP' }],
    });
    const sm = findManifest(site, 'ServiceMonitor', 'topolvm');
    expect(sm.metadata).toEqual({ name: 'topolvm', namespace: topolvm.namespace, labels: { release: 'prometheus' } });
    synthValid(app);
  });

  test.each(['0.8.3', '0.2.2'] as const)('WHEN v%s with lvmd under systemd is scraped THEN controller and node only', (v) => {
    const { app, site, topolvm } = topolvmSite(v);
    new TopolvmMetrics(site, 'topolvm-metrics', { topolvm });
    expect(manifests(site).filter((o) => o.kind === 'Service' && o.metadata.name.endsWith('-metrics')).map((o) => o.metadata.name).sort()).toEqual(['topolvm-controller-metrics', 'topolvm-node-metrics']);
    synthValid(app);
  });

  test('WHEN lvmd metrics are asked for lvmd under systemd THEN it is refused: there are no lvmd pods', () => {
    const { site, topolvm } = topolvmSite('0.8.3');
    const e = configError(() => new TopolvmMetrics(site, 'm', { topolvm, lvmd: true }));
    expectHelpful(e.message, { path: 'test-site/m: lvmd', value: 'systemd', allowed: /daemonset/, fix: /remove lvmd/ });
  });
});

describe('GIVEN a site without the prometheus-operator CRDs declared', () => {
  test('WHEN a ServiceMonitor construct is made THEN it is refused naming clusterCrds, and nothing is emitted', () => {
    const { site, topolvm } = topolvmSite('0.41.0', false);
    const before = manifests(site).length;
    const e = configError(() => new TopolvmMetrics(site, 'topolvm-metrics', { topolvm }));
    expectHelpful(e.message, { path: 'test-site/topolvm-metrics', value: /no clusterCrds/, allowed: /prometheus-operator@<version>/, fix: /clusterCrds: \['prometheus-operator@<version>'\].*v0\.93\.0/ });
    expect(manifests(site).length).toBe(before);
  });

  test('WHEN StorageAlerts are made THEN the same refusal', () => {
    const { site, topolvm } = topolvmSite('0.41.0', false);
    const e = configError(() => new StorageAlerts(site, 'alerts', { topolvm }));
    expectHelpful(e.message, { path: 'test-site/alerts', value: /no clusterCrds/, allowed: /prometheus-operator/, fix: /v0\.93\.0/ });
  });
});

describe('GIVEN a Rook 1.20.6 cluster with a filesystem and TopoLVM 0.41.0 on one site', () => {
  function full(alerts?: Record<string, any>) {
    const { app, site } = newSite({ topolvmVersion: '0.41.0', ...PROM });
    const cluster = new RookCluster(site, 'cluster');
    new CephFilesystem(site, 'fs', { cluster, activeCount: 2 });
    const topolvm = new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} } });
    new StorageAlerts(site, 'alerts', { cluster, topolvm, alerts });
    return { app, site, rule: () => findManifest(site, 'PrometheusRule', 'storage-alerts') };
  }

  test('WHEN the alerts have defaults THEN one group per component, scoped to its namespace; MDS counted from the filesystem; no RGW alert without a store', () => {
    const { app, rule } = full();
    const r = rule();
    expect(r.metadata.namespace).toBe('rook-ceph');
    expect(r.spec.groups.map((g: any) => g.name)).toEqual(['ceph-rook-ceph', 'topolvm-topolvm-system']);
    const all = r.spec.groups.flatMap((g: any) => g.rules);
    expect(all.map((x: any) => x.alert)).toEqual(ALERT_NAMES.filter((n) => n !== 'CephRGWDaemonsDown'));
    const mds = all.find((x: any) => x.alert === 'CephMDSDaemonsDown');
    expect(mds.expr).toBe('count(ceph_mds_metadata{namespace="rook-ceph"}) < 2 or absent(ceph_mds_metadata{namespace="rook-ceph"})');
    const vg = all.find((x: any) => x.alert === 'TopolvmVolumeGroupLowSpace');
    expect(vg.expr).toContain('{namespace="topolvm-system"}');
    expect(vg).toMatchObject({ for: '10m', labels: { severity: 'warning' } });
    synthValid(app);
  });

  test('WHEN each rendered expression is parsed as PromQL THEN it has no syntax error and references only known metrics', () => {
    const { rule } = full();
    for (const r of rule().spec.groups.flatMap((g: any) => g.rules)) {
      expect([r.alert, syntaxErrors(r.expr)]).toEqual([r.alert, 0]);
      const used = metricsOf(r.expr);
      expect(used.length).toBeGreaterThan(0);
      for (const m of used) expect([r.alert, KNOWN_METRICS.includes(m as any)]).toEqual([r.alert, true]);
    }
    // the parse check can fail: a broken expression is reported
    expect(syntaxErrors('count(ceph_osd_up == ')).toBeGreaterThan(0);
  });

  test('WHEN an alert is overridden and another disabled THEN the threshold, for, severity and labels change and the disabled one is gone', () => {
    const { app, rule } = full({ CephOSDNearFull: { threshold: 0.7, for: '30m', severity: 'critical', labels: { team: 'storage' } }, CephHealthWarning: false });
    const rules = rule().spec.groups.flatMap((g: any) => g.rules);
    expect(rules.find((x: any) => x.alert === 'CephHealthWarning')).toBeUndefined();
    expect(rules.find((x: any) => x.alert === 'CephOSDNearFull')).toEqual({
      alert: 'CephOSDNearFull',
      expr: 'ceph_osd_stat_bytes_used{namespace="rook-ceph"} / ceph_osd_stat_bytes{namespace="rook-ceph"} > 0.7',
      for: '30m',
      labels: { team: 'storage', severity: 'critical' },
      annotations: expect.objectContaining({ description: expect.stringContaining('70%') }),
    });
    synthValid(app);
  });

  test('WHEN an unknown alert name is overridden THEN the error lists the known names', () => {
    const e = configError(() => full({ CephOsdNearFull: { threshold: 0.7 } }));
    expectHelpful(e.message, { path: 'test-site/alerts: alerts.CephOsdNearFull', value: /CephOsdNearFull|threshold/, allowed: /CephHealthError, .*CephOSDNearFull, .*TopolvmVolumeGroupLowSpace/, fix: /known alert names/ });
  });

  test('WHEN a threshold is given to an alert without one THEN the error names the fields that alert has', () => {
    const e = configError(() => full({ CephHealthError: { threshold: 1 } }));
    expectHelpful(e.message, { path: 'test-site/alerts: alerts.CephHealthError.threshold', value: '1', allowed: /fields of CephHealthError: for, severity, labels/, fix: /remove threshold/ });
  });

  test('WHEN a ratio threshold is out of range or for is not a duration THEN each is refused with the range or format', () => {
    const e = configError(() => full({ CephPoolNearQuota: { threshold: 80 } }));
    expectHelpful(e.message, { path: 'alerts.CephPoolNearQuota.threshold', value: '80', allowed: /from 0\.01 to 0\.99/, fix: /e\.g\. 0\.8/ });
    const d = configError(() => full({ CephPGsDegraded: { for: '10 minutes' } }));
    expectHelpful(d.message, { path: 'alerts.CephPGsDegraded.for', value: '10 minutes', allowed: /"5m"|30s/, fix: /5m/ });
  });

  test('WHEN an override is neither false nor an object THEN the error says what an override is', () => {
    const e = configError(() => full({ CephPGsDegraded: true }));
    expectHelpful(e.message, { path: /alerts\.CephPGsDegraded/, value: 'true', allowed: /false, or \{ threshold\?, for\?, severity\?, labels\? \}/, fix: /for: "10m"/ });
  });

  test('WHEN extra labels are not Prometheus label names THEN they are refused', () => {
    const e = configError(() => full({ CephPGsDegraded: { labels: { 'team.io/owner': 'x' } } }));
    expectHelpful(e.message, { path: /alerts\.CephPGsDegraded\.labels/, value: /team\.io\/owner|x/, allowed: /letters, digits and "_"/, fix: /team_io_owner/ });
  });
});

describe('GIVEN a Rook 1.20.6 cluster with two object stores', () => {
  test('WHEN alerts watch it THEN the RGW alert expects the gateway instances of its local stores', () => {
    const { app, site } = newSite(PROM);
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('a', { gateway: { port: 80, instances: 2 } });
    cluster.addObjectStore('b', { gateway: { port: 80 } });
    new StorageAlerts(site, 'alerts', { cluster });
    const rules = findManifest(site, 'PrometheusRule', 'storage-alerts').spec.groups.flatMap((g: any) => g.rules);
    expect(rules.find((x: any) => x.alert === 'CephRGWDaemonsDown').expr).toBe('count(ceph_rgw_metadata{namespace="rook-ceph"}) < 3 or absent(ceph_rgw_metadata{namespace="rook-ceph"})');
    expect(rules.find((x: any) => x.alert === 'CephMDSDaemonsDown')).toBeUndefined();
    synthValid(app);
  });
});

describe('GIVEN Ceph alerts on a local RookCluster and the monitoring.enabled setting of that cluster', () => {
  function alerted(clusterProps: Record<string, any>, withFs = false) {
    const { app, site } = newSite(PROM);
    const cluster = new RookCluster(site, 'cluster', clusterProps);
    new StorageAlerts(site, 'alerts', { cluster });
    // added after the alerts: the MDS alert still counts it, and the warning names it
    if (withFs) new CephFilesystem(site, 'fs', { cluster });
    synthValid(app);
    const rules = findManifest(site, 'PrometheusRule', 'storage-alerts').spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.alert));
    return { site, rules };
  }

  test('WHEN the cluster leaves monitoring unset THEN the site is written with one warning naming the silent alerts, the ones absent() fires, and the fix', () => {
    const { site, rules } = alerted({}, true);
    expect(rules).toContain('CephMDSDaemonsDown');
    expect(site.warnings).toHaveLength(1);
    const w = site.warnings[0];
    expect(w).toMatch(/^test-site\/alerts: the cluster test-site\/cluster does not set monitoring\.enabled: true/);
    // every Ceph alert written is named: the metric-reading ones never fire, the absent() one fires all the time
    const silent = rules.filter((r: string) => r !== 'CephMDSDaemonsDown');
    expect(w).toContain(`${silent.join(', ')} would never fire`);
    expect(w).toContain('CephMDSDaemonsDown would fire all the time');
    expect(w).toMatch(/Fix: set monitoring: \{ enabled: true \} on test-site\/cluster/);
  });

  test('WHEN monitoring.enabled is false or metricsDisabled is true THEN the warning says so; a disabled alert is not named', () => {
    const off = alerted({ monitoring: { enabled: false } });
    expect(off.site.warnings).toHaveLength(1);
    expect(off.site.warnings[0]).toContain('does not set monitoring.enabled: true');
    const { app, site } = newSite(PROM);
    const cluster = new RookCluster(site, 'cluster', { monitoring: { enabled: true, metricsDisabled: true } });
    new StorageAlerts(site, 'alerts', { cluster, alerts: { CephHealthWarning: false } });
    synthValid(app);
    expect(site.warnings).toHaveLength(1);
    expect(site.warnings[0]).toContain('sets monitoring.metricsDisabled: true');
    expect(site.warnings[0]).toMatch(/Fix: remove monitoring\.metricsDisabled/);
    expect(site.warnings[0]).not.toContain('CephHealthWarning');
    expect(site.warnings[0]).toContain('CephHealthError');
  });

  test('WHEN the cluster sets monitoring.enabled: true THEN no warning', () => {
    const { site, rules } = alerted({ monitoring: { enabled: true } }, true);
    expect(rules.length).toBeGreaterThan(0);
    expect(site.warnings).toEqual([]);
  });

  test('WHEN the alerts watch an external cluster THEN no warning (its mgr is scraped where it runs)', () => {
    const { app, site } = newSite(PROM);
    const cluster = new ExternalCluster(site, 'ext', props120());
    new StorageAlerts(site, 'alerts', { cluster });
    synthValid(app);
    expect(site.warnings).toEqual([]);
  });
});

describe('GIVEN the reference site neco-hyperconverged with StorageAlerts', () => {
  test('WHEN it is synthesized THEN its CephCluster enables monitoring and no monitoring warning is raised', () => {
    const app = new App();
    const site = necoHyperconverged(app);
    synthValid(app);
    expect(findManifest(site, 'CephCluster', 'ceph-hyperconverged').spec.monitoring).toEqual({ enabled: true });
    expect(site.warnings.filter((w) => /monitoring/.test(w))).toEqual([]);
  });
});

describe('GIVEN only TopoLVM', () => {
  test('WHEN StorageAlerts watch TopoLVM 0.41.0 THEN only the TopoLVM group is written, in the TopoLVM namespace', () => {
    const { app, site, topolvm } = topolvmSite('0.41.0');
    new StorageAlerts(site, 'alerts', { topolvm });
    const r = findManifest(site, 'PrometheusRule', 'storage-alerts');
    expect(r.metadata.namespace).toBe(topolvm.namespace);
    expect(r.spec.groups.map((g: any) => g.rules.map((x: any) => x.alert))).toEqual([['TopolvmVolumeGroupLowSpace']]);
    synthValid(app);
  });

  test('WHEN TopoLVM 0.2.2 has no volume group size metric THEN no TopoLVM rule is written and the site warns why', () => {
    const { app, site, topolvm } = topolvmSite('0.2.2');
    new StorageAlerts(site, 'alerts', { topolvm, alerts: { CephHealthError: { for: '1m' } } });
    expect(findManifest(site, 'PrometheusRule', 'storage-alerts').spec.groups).toEqual([]);
    expect(site.warnings.join('\n')).toMatch(/topolvm_volumegroup_size_bytes .*0\.8\.2.*Fix:/);
    synthValid(app);
  });

  test('WHEN neither cluster nor topolvm is given THEN it is refused', () => {
    const { site } = topolvmSite('0.41.0');
    const e = configError(() => new StorageAlerts(site, 'alerts', {}));
    expectHelpful(e.message, { path: 'test-site/alerts: cluster', allowed: /cluster: .* and\/or topolvm/, fix: /pass the cluster/ });
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

describe('GIVEN the pinned PrometheusRule CRD, whose patterns use Go inline flags after the anchor', () => {
  test('WHEN such a pattern is compiled by the validator THEN the flag applies instead of the pattern accepting anything', () => {
    const { goRegExp } = require('../src/validation/validator');
    const re: RegExp = goRegExp('^(?i)(abort|warn)?$', 'u');
    expect(re.test('ABORT')).toBe(true);
    expect(re.test('explode')).toBe(false);
  });
});
