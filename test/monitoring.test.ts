/**
 * Monitoring across its constructs: the prometheus-operator CRDs every monitoring construct needs, and the pinned
 * PrometheusRule CRD's patterns. Each construct's own scenarios are in ceph-csi-metrics, topolvm-metrics,
 * storage-alerts and dashboard-exposure .test.ts.
 */
import { StorageAlerts, TopoLVMMetrics } from '../src';
import { configError, expectHelpful, manifests } from './helpers';
import { topolvmSite } from './monitoring-helpers';

describe('GIVEN a site without the prometheus-operator CRDs declared', () => {
  test('WHEN a ServiceMonitor construct is made THEN it is refused naming clusterCrds, and nothing is emitted', () => {
    const { site, topolvm } = topolvmSite('0.41.0', false);
    const before = manifests(site).length;
    const e = configError(() => new TopoLVMMetrics(site, 'topolvm-metrics', { topolvm }));
    expectHelpful(e.message, { path: 'test-site/topolvm-metrics', value: /no clusterCrds/, allowed: /prometheus-operator@<version>/, fix: /clusterCrds: \['prometheus-operator@<version>'\].*v0\.93\.0/ });
    expect(manifests(site).length).toBe(before);
  });

  test('WHEN StorageAlerts are made THEN the same refusal', () => {
    const { site, topolvm } = topolvmSite('0.41.0', false);
    const e = configError(() => new StorageAlerts(site, 'alerts', { topolvm }));
    expectHelpful(e.message, { path: 'test-site/alerts', value: /no clusterCrds/, allowed: /prometheus-operator/, fix: /v0\.93\.0/ });
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
