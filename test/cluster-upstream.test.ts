/**
 * The CephCluster of Rook's examples, rebuilt through the public API and compared field by field: v1.20.6
 * cluster.yaml, cluster-test.yaml, cluster-stretched.yaml, cluster-multus-test.yaml, the `cephClusterSpec` of
 * rook-ceph-cluster-chart-values.yaml; v1.7.11 and v1.2.7 cluster.yaml; and cluster-external.yaml of all three
 * versions against ExternalCluster.
 *
 * Deliberate differences, each listed literally below with the reason:
 * - `cleanupPolicy` of cluster.yaml / the chart (confirmation "", sanitizeDisks, allowUninstallWithVolumes): we
 *   write no cleanup policy until `confirmDataDestruction()` is called, and then the whole block.
 * - defaults we pin where upstream leaves a field out (mgr modules, dashboard, crash collector): named per test.
 */
import { ExternalCluster, RookCluster } from '../src';
import { describeWithUpstream, newSite } from './helpers';
import { es, FSID, MONS } from './external-helpers';
import { compare, ours, printFieldReport, recordFields, synthValid, upstreamDocs, upstreamValues } from './upstream-compare';
import { App } from 'cdk8s';

/**
 * The upstream cleanup policy (confirmation "", quick zero sanitizing, no uninstall with volumes) as differences: we
 * write no cleanup policy until confirmDataDestruction() (then the whole block, confirmation included).
 */
function unsetCleanupPolicy(prefix: 'spec.' | ''): string[] {
  return [
    `${prefix}cleanupPolicy.allowUninstallWithVolumes: false -> (none)`,
    `${prefix}cleanupPolicy.confirmation: "" -> (none)`,
    `${prefix}cleanupPolicy.sanitizeDisks.dataSource: "zero" -> (none)`,
    `${prefix}cleanupPolicy.sanitizeDisks.iteration: 1 -> (none)`,
    `${prefix}cleanupPolicy.sanitizeDisks.method: "quick" -> (none)`,
  ];
}

function upstreamCluster(version: string, file: string): any {
  const c = upstreamDocs(version, file).find((d) => d.kind === 'CephCluster');
  if (!c) throw new Error(`no CephCluster in ${version}/${file}`);
  return c;
}

/** Synthesizes strictly, then compares the CephCluster with upstream's. */
function compareCluster(app: App, version: string, file: string): { equal: number; differences: string[] } {
  const u = upstreamCluster(version, file);
  return compare(u, ours(synthValid(app), 'CephCluster', u.metadata.name));
}

const healthCheck120 = {
  daemonHealth: { mon: { disabled: false, interval: '45s' }, osd: { disabled: false, interval: '60s' }, status: { disabled: false, interval: '60s' } },
  livenessProbe: { mon: { disabled: false }, mgr: { disabled: false }, osd: { disabled: false } },
};
const priorities = { mon: 'system-node-critical', osd: 'system-node-critical', mgr: 'system-cluster-critical' };
const testConfig = { global: { osd_pool_default_size: '1', mon_warn_on_pool_no_redundancy: 'false', bdev_flock_retry: '20', bluefs_buffered_io: 'false', mon_data_avail_warn: '10' } };

describeWithUpstream('GIVEN the CephCluster examples of Rook, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook CephCluster examples'));

  test('WHEN v1.20.6 cluster.yaml is rebuilt THEN every field is equal but the cleanup policy', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', {
      cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4', allowUnsupported: false },
      dataDirHostPath: '/var/lib/rook',
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      waitTimeoutForHealthyOSDInMinutes: 10,
      upgradeOSDRequiresHealthyPGs: false,
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: false }] },
      dashboard: { enabled: true, ssl: true },
      monitoring: { enabled: false, metricsDisabled: false, exporter: { perfCountersPrioLimit: 5, statsPeriodSeconds: 5 } },
      network: { connections: { encryption: { enabled: false }, compression: { enabled: false }, requireMsgr2: false } },
      crashCollector: { disable: false },
      logCollector: { enabled: true, periodicity: 'daily', maxLogSize: '500M' },
      security: { cephx: { csi: { keyType: 'aes' } } },
      csi: { readAffinity: { enabled: false } },
      removeOSDsIfOutAndSafeToRemove: false,
      priorityClassNames: priorities,
      storage: { useAllNodes: true, useAllDevices: true, allowDeviceClassUpdate: false, allowOsdCrushWeightUpdate: false, scheduleAlways: false, onlyApplyOSDPlacement: false },
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
      healthCheck: { ...healthCheck120, startupProbe: { mon: { disabled: false }, mgr: { disabled: false }, osd: { disabled: false } } },
    });
    const c = compareCluster(app, 'v1.20.6', 'cluster.yaml');
    expect(c.differences).toEqual([
      // no cleanup policy until confirmDataDestruction() (then the whole block is written, confirmation included)
      ...unsetCleanupPolicy('spec.'),
    ]);
    expect(c.equal).toBe(56);
    recordFields('v1.20.6/cluster.yaml', c.equal);
  });

  test('WHEN v1.20.6 cluster-test.yaml is rebuilt THEN every field is equal but the TLS default', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', {
      name: 'my-cluster',
      cephVersion: { image: 'quay.io/ceph/ceph:v20', allowUnsupported: true },
      dataDirHostPath: '/var/lib/rook',
      mon: { count: 1, allowMultiplePerNode: true },
      mgr: { count: 1, allowMultiplePerNode: true, modules: [{ name: 'rook', enabled: false }] },
      dashboard: { enabled: true },
      crashCollector: { disable: true },
      storage: { useAllNodes: true, useAllDevices: true, allowDeviceClassUpdate: true, allowOsdCrushWeightUpdate: false },
      monitoring: { enabled: false },
      healthCheck: { daemonHealth: { mon: { interval: '45s', timeout: '600s' } } },
      priorityClassNames: { all: 'system-node-critical', mgr: 'system-cluster-critical' },
      disruptionManagement: { managePodBudgets: true },
      cephConfig: testConfig,
      security: { cephx: { csi: { keyType: 'aes' } } },
      skipUpgradeChecks: true,
    });
    const c = compareCluster(app, 'v1.20.6', 'cluster-test.yaml');
    expect(c.differences).toEqual([
      'spec.dashboard.ssl: (none) -> true', // our pinned default: the dashboard is served over TLS unless ssl: false
    ]);
    expect(c.equal).toBe(32);
    recordFields('v1.20.6/cluster-test.yaml', c.equal);
  });

  test('WHEN v1.20.6 cluster-stretched.yaml is rebuilt THEN every field is equal but our pinned defaults and the empty device filter', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', {
      dataDirHostPath: '/var/lib/rook',
      mon: { count: 5, allowMultiplePerNode: false, stretchCluster: { failureDomainLabel: 'topology.kubernetes.io/zone', subFailureDomain: 'host', zones: [{ name: 'a', arbiter: true }, { name: 'b' }, { name: 'c' }] } },
      mgr: { count: 2 },
      cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4', allowUnsupported: true },
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      storage: { useAllNodes: true, useAllDevices: true },
      placement: {
        osd: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b', 'c'] }] }] } } },
        arbiter: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
      },
      dashboard: { enabled: true, ssl: true },
      priorityClassNames: priorities,
      disruptionManagement: { managePodBudgets: true },
    });
    const c = compareCluster(app, 'v1.20.6', 'cluster-stretched.yaml');
    expect(c.differences).toEqual([
      'spec.crashCollector.disable: (none) -> false', // our pinned default: the crash collector runs
      'spec.mgr.allowMultiplePerNode: (none) -> false', // our pinned default: one mgr per node, so the standby survives a node
      // our pinned default mgr modules (the rook orchestrator module on), where the example lists none
      'spec.mgr.modules[0].enabled: (none) -> true',
      'spec.mgr.modules[0].name: (none) -> "rook"',
      // an empty deviceFilter means no filter; we refuse the empty regular expression and leave the field out
      'spec.storage.deviceFilter: "" -> (none)',
    ]);
    expect(c.equal).toBe(33);
    recordFields('v1.20.6/cluster-stretched.yaml', c.equal);
  });

  test('WHEN v1.20.6 cluster-multus-test.yaml is rebuilt THEN every field is equal but our pinned defaults', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster', {
      name: 'my-cluster',
      dataDirHostPath: '/var/lib/rook',
      cephVersion: { image: 'quay.io/ceph/ceph:v20', allowUnsupported: true },
      mon: { count: 1 },
      mgr: { count: 1 },
      dashboard: { enabled: true },
      crashCollector: { disable: true },
      network: { provider: 'multus', selectors: { public: 'public-net', cluster: 'cluster-net' } },
      storage: { useAllNodes: true, useAllDevices: true },
      cephConfig: testConfig,
      security: { cephx: { csi: { keyType: 'aes' } } },
    });
    const c = compareCluster(app, 'v1.20.6', 'cluster-multus-test.yaml');
    expect(c.differences).toEqual([
      'spec.dashboard.ssl: (none) -> true', // our pinned default: TLS
      'spec.mgr.allowMultiplePerNode: (none) -> false', // our pinned default: one mgr per node
      // our pinned default mgr modules (the rook orchestrator module on), where the example lists none
      'spec.mgr.modules[0].enabled: (none) -> true',
      'spec.mgr.modules[0].name: (none) -> "rook"',
      'spec.mon.allowMultiplePerNode: (none) -> false', // our pinned default: one mon per node
    ]);
    expect(c.equal).toBe(22);
    recordFields('v1.20.6/cluster-multus-test.yaml', c.equal);
  });

  test('WHEN the cephClusterSpec of the v1.20.6 rook-ceph-cluster chart values is rebuilt THEN our spec equals it but the image and the cleanup policy', () => {
    const { app, site } = newSite();
    const res = (cpu: string | undefined, reqMem: string, limMem?: string) => ({ requests: { ...(cpu ? { cpu } : {}), memory: reqMem }, ...(limMem ? { limits: { memory: limMem } } : {}) });
    new RookCluster(site, 'cluster', {
      cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4' },
      dataDirHostPath: '/var/lib/rook',
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      waitTimeoutForHealthyOSDInMinutes: 10,
      upgradeOSDRequiresHealthyPGs: false,
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: false }] },
      dashboard: { enabled: true, ssl: true },
      network: { connections: { encryption: { enabled: false }, compression: { enabled: false }, requireMsgr2: false } },
      crashCollector: { disable: false },
      logCollector: { enabled: true, periodicity: 'daily', maxLogSize: '500M' },
      security: { cephx: { csi: { keyType: 'aes' } } },
      removeOSDsIfOutAndSafeToRemove: false,
      priorityClassNames: priorities,
      storage: { useAllNodes: true, useAllDevices: true },
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
      healthCheck: healthCheck120,
      resources: {
        'mgr': res('500m', '512Mi', '1Gi'),
        'mon': res('1000m', '1Gi', '2Gi'),
        'osd': res('1000m', '4Gi', '4Gi'),
        'prepareosd': res('500m', '50Mi'),
        'mgr-sidecar': res('100m', '40Mi', '100Mi'),
        'crashcollector': res('100m', '60Mi', '60Mi'),
        'logcollector': res('100m', '100Mi', '1Gi'),
        'cleanup': res('500m', '100Mi', '1Gi'),
        'exporter': res('50m', '50Mi', '128Mi'),
        'cmd-reporter': res('500m', '100Mi', '1Gi'),
      },
    });
    const chart = chartValues();
    const c = compare(chart.cephClusterSpec, ours(synthValid(app), 'CephCluster', 'rook-ceph').spec);
    expect(c.differences).toEqual([
      // the chart takes the image from its own `cephImage` value; we always pin the image in the spec
      'cephVersion.image: (none) -> "quay.io/ceph/ceph:v20.2.4"',
      // no cleanup policy until confirmDataDestruction() (then the whole block is written, confirmation included)
      ...unsetCleanupPolicy(''),
    ]);
    expect(c.equal).toBe(67);
    recordFields('v1.20.6/rook-ceph-cluster-chart-values.yaml', c.equal);
  });

  test('WHEN v1.7.11 cluster.yaml is rebuilt THEN every field is equal but the cleanup policy, and a pinned default', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.22.0', rookVersion: '1.7.11' });
    new RookCluster(site, 'cluster', {
      cephVersion: { image: 'quay.io/ceph/ceph:v16.2.6', allowUnsupported: false },
      dataDirHostPath: '/var/lib/rook',
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      waitTimeoutForHealthyOSDInMinutes: 10,
      mon: { count: 3, allowMultiplePerNode: false },
      mgr: { count: 1, modules: [{ name: 'pg_autoscaler', enabled: true }] },
      dashboard: { enabled: true, ssl: true },
      monitoring: { enabled: false, rulesNamespace: 'rook-ceph' },
      crashCollector: { disable: false },
      removeOSDsIfOutAndSafeToRemove: false,
      storage: { useAllNodes: true, useAllDevices: true, onlyApplyOSDPlacement: false },
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30, pgHealthCheckTimeout: 0, manageMachineDisruptionBudgets: false, machineDisruptionBudgetNamespace: 'openshift-machine-api' },
      healthCheck: healthCheck120,
    });
    const c = compareCluster(app, 'v1.7.11', 'cluster.yaml');
    expect(c.differences).toEqual([
      // no cleanup policy until confirmDataDestruction() (then the whole block is written, confirmation included)
      ...unsetCleanupPolicy('spec.'),
      'spec.mgr.allowMultiplePerNode: (none) -> false', // our pinned default: one mgr per node
    ]);
    expect(c.equal).toBe(38);
    recordFields('v1.7.11/cluster.yaml', c.equal);
  });

  test('WHEN v1.2.7 cluster.yaml is rebuilt THEN every field is equal but the default mgr module', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    new RookCluster(site, 'cluster', {
      cephVersion: { image: 'ceph/ceph:v14.2.8', allowUnsupported: false },
      dataDirHostPath: '/var/lib/rook',
      skipUpgradeChecks: false,
      continueUpgradeAfterChecksEvenIfNotHealthy: false,
      mon: { count: 3, allowMultiplePerNode: false },
      dashboard: { enabled: true, ssl: true },
      monitoring: { enabled: false, rulesNamespace: 'rook-ceph' },
      network: { hostNetwork: false },
      crashCollector: { disable: false },
      rbdMirroring: { workers: 0 },
      removeOSDsIfOutAndSafeToRemove: false,
      storage: { useAllNodes: true, useAllDevices: true },
      disruptionManagement: { managePodBudgets: false, osdMaintenanceTimeout: 30, manageMachineDisruptionBudgets: false, machineDisruptionBudgetNamespace: 'openshift-machine-api' },
    });
    const c = compareCluster(app, 'v1.2.7', 'cluster.yaml');
    expect(c.differences).toEqual([
      // our pinned default mgr modules (the rook orchestrator module on), where the example lists none
      'spec.mgr.modules[0].enabled: (none) -> true',
      'spec.mgr.modules[0].name: (none) -> "rook"',
    ]);
    expect(c.equal).toBe(25);
    recordFields('v1.2.7/cluster.yaml', c.equal);
  });

  test('WHEN v1.20.6 cluster-external.yaml is rebuilt with ExternalCluster THEN every field is equal', () => {
    const { app, site } = newSite();
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS,
      healthCheck: { daemonHealth: { mon: { disabled: false, interval: '45s' } } },
      secrets: { mon: es('mon', 'ceph-secret'), csiRbdNode: es('rbd-node', 'userKey'), csiRbdProvisioner: es('rbd-prov', 'userKey'), csiCephfsNode: es('fs-node', 'userKey'), csiCephfsProvisioner: es('fs-prov', 'userKey') },
    });
    const c = compareCluster(app, 'v1.20.6', 'cluster-external.yaml');
    expect(c.differences).toEqual([]);
    expect(c.equal).toBe(8);
    recordFields('v1.20.6/cluster-external.yaml', c.equal);
  });

  test('WHEN v1.7.11 cluster-external.yaml is rebuilt with ExternalCluster THEN every field is equal', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.22.0', rookVersion: '1.7.11' });
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS,
      healthCheck: { daemonHealth: { mon: { disabled: false, interval: '45s' } } },
      secrets: { mon: es('mon', 'ceph-secret') },
    });
    const c = compareCluster(app, 'v1.7.11', 'cluster-external.yaml');
    expect(c.differences).toEqual([]);
    expect(c.equal).toBe(8);
    recordFields('v1.7.11/cluster-external.yaml', c.equal);
  });

  test('WHEN v1.2.7 cluster-external.yaml is rebuilt with ExternalCluster THEN every field is equal', () => {
    const { app, site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS, cephVersion: { image: 'ceph/ceph:v14.2.8' }, dataDirHostPath: '/var/lib/rook',
      secrets: { mon: es('mon', 'admin-secret') },
    });
    const c = compareCluster(app, 'v1.2.7', 'cluster-external.yaml');
    expect(c.differences).toEqual([]);
    expect(c.equal).toBe(7);
    recordFields('v1.2.7/cluster-external.yaml', c.equal);
  });
});

/** The chart values file is one YAML document without a kind. */
function chartValues(): any {
  return upstreamValues('v1.20.6', 'rook-ceph-cluster-chart-values.yaml');
}
