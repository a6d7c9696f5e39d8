/**
 * A Site's `clusterCrds`: the CRDs the target cluster has from elsewhere, which constructs that emit those kinds require.
 */
import { configError, expectHelpful, newSite } from './helpers';

describe('GIVEN a site that declares the Prometheus operator CRDs of its cluster', () => {
  test('THEN requireClusterCrds returns the declared source and the site validates against it', () => {
    const { site } = newSite({ clusterCrds: ['prometheus-operator@v0.93.0'] });
    expect(site.requireClusterCrds('prometheus-operator', 'x', 'ServiceMonitors')).toBe('prometheus-operator@v0.93.0');
    expect(site.clusterCrds).toEqual(['prometheus-operator@v0.93.0']);
    expect(site.schemaSources).toContain('prometheus-operator@v0.93.0');
  });
});

describe('GIVEN a site without clusterCrds', () => {
  test('WHEN a construct requires the Prometheus operator CRDs THEN the error names the field, the missing source and the fix', () => {
    const { site } = newSite();
    const e = configError(() => site.requireClusterCrds('prometheus-operator', 'cluster: monitoring.enabled', 'ServiceMonitors'));
    expectHelpful(e.message, { path: 'cluster: monitoring.enabled', value: /no clusterCrds/, allowed: /prometheus-operator@<version>/, fix: /prometheus-operator@v0\.93\.0/ });
  });
});

describe('GIVEN a site that names a CRD source that is not pinned', () => {
  test('THEN construction fails with the pinned names', () => {
    const e = configError(() => newSite({ clusterCrds: ['prometheus-operator@v0.50.0'] }));
    expectHelpful(e.message, { path: 'clusterCrds[0]', value: 'prometheus-operator@v0.50.0', allowed: /prometheus-operator@v0\.93\.0/ });
  });
});
