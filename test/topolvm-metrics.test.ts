/** TopoLVMMetrics (src/monitoring/topolvm-metrics.ts): metrics Services and the ServiceMonitor of TopoLVM per release. */
import { TopoLVMMetrics } from '../src';
import { configError, expectHelpful, findManifest, manifests } from './helpers';
import { synthValid } from './upstream-compare';
import { topolvmSite } from './monitoring-helpers';

describe('GIVEN TopoLVM', () => {
  test('WHEN v0.41.0 with lvmd as a DaemonSet is scraped THEN controller, node and lvmd get metrics Services on 8080 and one ServiceMonitor', () => {
    const { app, site, topolvm } = topolvmSite('0.41.0');
    new TopoLVMMetrics(site, 'topolvm-metrics', { topolvm, labels: { release: 'prometheus' } });
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
    new TopoLVMMetrics(site, 'topolvm-metrics', { topolvm });
    expect(manifests(site).filter((o) => o.kind === 'Service' && o.metadata.name.endsWith('-metrics')).map((o) => o.metadata.name).sort()).toEqual(['topolvm-controller-metrics', 'topolvm-node-metrics']);
    synthValid(app);
  });

  test('WHEN lvmd metrics are asked for lvmd under systemd THEN it is refused: there are no lvmd pods', () => {
    const { site, topolvm } = topolvmSite('0.8.3');
    const e = configError(() => new TopoLVMMetrics(site, 'm', { topolvm, lvmd: true }));
    expectHelpful(e.message, { path: 'test-site/m: lvmd', value: 'systemd', allowed: /daemonset/, fix: /remove lvmd/ });
  });
});
