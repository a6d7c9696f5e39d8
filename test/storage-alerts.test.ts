/** StorageAlerts (src/monitoring/storage-alerts.ts): our PrometheusRule for Ceph and TopoLVM, per-alert overrides, the monitoring warnings. */
import { CephFilesystem, ExternalCluster, RookCluster, StorageAlerts, TopoLVM } from '../src';
import { ALERT_NAMES, KNOWN_METRICS } from '../src/monitoring/alert-rules';
import { configError, expectHelpful, findManifest, newSite, nonEmpty } from './helpers';
import { synthValid } from './upstream-compare';
import { App } from 'cdk8s';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { props120 } from './external-helpers';
import { metricsOf, PROM, syntaxErrors, topolvmSite } from './monitoring-helpers';

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
    for (const r of nonEmpty<any>(rule().spec.groups.flatMap((g: any) => g.rules), 'alert rule')) {
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
