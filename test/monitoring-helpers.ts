/** Sites and PromQL helpers shared by the monitoring construct tests (CephCsiMetrics, TopoLVMMetrics, StorageAlerts). */
import { parser } from '@prometheus-io/lezer-promql';
import { CephCsi, RookOperator, TopoLVM } from '../src';
import { newSite, upstreamPath } from './helpers';

export const PROM = { clusterCrds: ['prometheus-operator@v0.93.0'] };

export function rook(version: '1.20.6' | '1.7.11' | '1.2.7', extra: Record<string, unknown> = {}) {
  const kubernetesVersion = { '1.20.6': '1.33.0', '1.7.11': '1.19.0', '1.2.7': '1.16.0' }[version];
  const { app, site } = newSite({ kubernetesVersion, rookVersion: version, ...PROM, ...extra });
  // the older lines install the vendored manifests: their CSI metrics settings are operator settings the chart mapping lacks
  const operator = version === '1.20.6' ? new RookOperator(site, 'operator') : new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath(`rook/v${version}`) } });
  const csi = new CephCsi(site, 'csi', { operator });
  return { app, site, operator, csi };
}

export function topolvmSite(version: '0.41.0' | '0.8.3' | '0.2.2', crds = true) {
  const kubernetesVersion = { '0.41.0': '1.33.0', '0.8.3': '1.19.0', '0.2.2': '1.16.0' }[version];
  const { app, site } = newSite({ kubernetesVersion, rookVersion: undefined, topolvmVersion: version, ...(crds ? PROM : {}) });
  const topolvm = version === '0.41.0'
    ? new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} } })
    : new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], lvmd: { mode: 'systemd' }, scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } });
  return { app, site, topolvm };
}

/** Metric names a PromQL expression references (identifiers followed by a selector or an operator, not functions). */
export function metricsOf(expr: string): string[] {
  const names: string[] = [];
  const tree = parser.parse(expr);
  tree.iterate({ enter: (n) => { if (n.type.name === 'Identifier' && n.node.parent?.type.name === 'VectorSelector') names.push(expr.slice(n.from, n.to)); } });
  return names;
}

export function syntaxErrors(expr: string): number {
  let errors = 0;
  parser.parse(expr).iterate({ enter: (n) => { if (n.type.isError) errors++; } });
  return errors;
}
