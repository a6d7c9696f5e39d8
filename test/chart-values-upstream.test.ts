/**
 * The rook-ceph-cluster chart values of Rook v1.20.6 beyond `cephClusterSpec` (that one is in
 * test/cluster-upstream.test.ts), its external-mode values, the ceph-csi-drivers chart values, and the external
 * cluster examples (v1.20.6 common-external.yaml, external-common-external.yaml, external-cluster-external.yaml;
 * v1.7.11 and v1.2.7 common-external.yaml), rebuilt through the public API and compared field by field
 * (test/upstream-compare.ts).
 *
 * Chart values are no Kubernetes objects: each entry is turned into the object(s) the chart renders from it (the
 * chart's shape, as facts: a pool entry becomes a CephBlockPool named `name` with `spec`, and, with
 * `storageClass.enabled`, a StorageClass with `pool` / `clusterID` parameters, the `is-default-class` annotation
 * written "true" or "false", the `<operatorNamespace>.rbd.csi.ceph.com` provisioner and the release namespace put
 * into the `{{ .Release.Namespace }}` parameters; filesystems likewise plus the `<name>-csi` subvolume group; object
 * stores with the `<namespace>.ceph.rook.io/bucket` provisioner; the snapshot classes with the snapshotter secret;
 * the toolbox Deployment's container security context and resources; `monitoring` as the CephCluster's). Those are
 * compared with what we synthesize. The release namespace is `rook-ceph`, the operator's too.
 *
 * Deliberate differences, listed literally below with the reason:
 * - StorageClass `is-default-class: "false"`: we write the annotation only on the default class (an absent
 *   annotation means the same to Kubernetes).
 * - StorageClass `helm.sh/*` annotations: Helm hook bookkeeping, meaningless outside Helm (not compared: they are
 *   the chart's machinery, not the values' content).
 * - Pools: our pinned `requireSafeReplicaSize: true` / `failureDomain: host` where the entry leaves them out (see
 *   test/pools-fs-upstream.test.ts).
 * - CephFilesystem: our pinned `preserveFilesystemOnDelete: true` (deleting the object never deletes the data).
 * - CephFS class `csi.storage.k8s.io/fstype: ext4` (a values default copied from the RBD class): CephFS volumes are
 *   mounted as cephfs, so CephFsStorageClass has no fsType.
 * - Toolbox: cdk8s-plus writes a few API-server defaults explicitly.
 * - v1.2.7 common-external.yaml: we write RBAC `rbac.authorization.k8s.io/v1` (GA since Kubernetes 1.8; v1beta1 is
 *   gone in 1.22).
 * - external-common-external.yaml (the external cluster in the operator's namespace): its RBAC is the operator's own,
 *   installed with common.yaml (vendored operator here), which labels the objects.
 * - Bucket class `volumeBindingMode`: the chart writes Immediate; bucket classes have no volumes to bind, we omit it.
 */
import {
  CephCsi, CephFilesystem, CephFsSnapshotClass, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass, BucketStorageClass, RookCluster, RookOperator, CephFilesystemSubVolumeGroup, Toolbox,
} from '../src';
import { describeWithUpstream, newSite, upstreamPath } from './helpers';
import { compare, compareFile, ours, printFieldReport, recordFields, synthValid, upstreamValues } from './upstream-compare';
import { FSID, MONS, es, props120 } from './external-helpers';
import { ExternalCluster } from '../src';

const FILE = 'v1.20.6/rook-ceph-cluster-chart-values.yaml';
const NS = 'rook-ceph';

function values(file = 'rook-ceph-cluster-chart-values.yaml'): any {
  return upstreamValues('v1.20.6', file);
}

/** `{{ .Release.Namespace }}` in a values string, as the chart's `tpl` renders it. */
const release = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v).replace('{{ .Release.Namespace }}', NS)]));
const defaultClass = (isDefault: boolean) => ({ 'storageclass.kubernetes.io/is-default-class': isDefault ? 'true' : 'false' });
const empty = (x: unknown) => x === undefined || x === null || (Array.isArray(x) && x.length === 0) || (typeof x === 'object' && Object.keys(x as object).length === 0);

/** The StorageClass fields the chart writes from a class entry (Helm hook annotations left out, see the header). */
function chartClass(sc: any, provisioner: string, parameters: Record<string, string>): any {
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name: sc.name, ...(empty(sc.labels) ? {} : { labels: sc.labels }), annotations: { ...defaultClass(sc.isDefault === true), ...(sc.annotations ?? {}) } },
    provisioner,
    parameters: { ...parameters, ...release(sc.parameters ?? {}) },
    reclaimPolicy: sc.reclaimPolicy ?? 'Delete',
    allowVolumeExpansion: sc.allowVolumeExpansion ?? true,
    volumeBindingMode: sc.volumeBindingMode ?? 'Immediate',
    ...(empty(sc.mountOptions) ? {} : { mountOptions: sc.mountOptions }),
    ...(empty(sc.allowedTopologies) ? {} : { allowedTopologies: sc.allowedTopologies }),
  };
}

function site120() {
  const { app, site } = newSite();
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

afterAll(() => printFieldReport('Rook cluster chart values (beyond cephClusterSpec)'));

/**
 * The Pod Security labels our namespace without privileged pods adds to upstream's (whose examples set none): baseline,
 * pinned to the site's Kubernetes minor (issue 18 part 4).
 */
function psaBaseline(minor: string): string[] {
  return ['audit', 'enforce', 'warn'].flatMap((m) => [
    `metadata.labels.pod-security.kubernetes.io/${m}-version: (none) -> "${minor}"`,
    `metadata.labels.pod-security.kubernetes.io/${m}: (none) -> "baseline"`,
  ]).sort();
}

describeWithUpstream('GIVEN the rook-ceph-cluster chart values of Rook v1.20.6, each entry as the object the chart renders', () => {
  test('WHEN cephBlockPools (pool + storageClass) is rebuilt with CephBlockPool and CephRbdStorageClass THEN every field is equal but the listed ones', () => {
    const [entry] = values().cephBlockPools;
    const { app, site, cluster } = site120();
    const pool = cluster.addPool('ceph-blockpool', { failureDomain: 'host', replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'ceph-block', {
      pool, isDefault: true, reclaimPolicy: 'Delete', allowVolumeExpansion: true, volumeBindingMode: 'Immediate', imageFeatures: ['layering'], fsType: 'ext4',
    });
    const objs = synthValid(app);
    const p = compare({ apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: entry.name, namespace: NS }, spec: entry.spec }, ours(objs, 'CephBlockPool', entry.name));
    expect(p.differences).toEqual([
      'spec.replicated.requireSafeReplicaSize: (none) -> true', // our pinned default (see the header)
    ]);
    const sc = compare(chartClass(entry.storageClass, `${NS}.rbd.csi.ceph.com`, { pool: entry.name, clusterID: NS }), ours(objs, 'StorageClass', entry.storageClass.name));
    expect(sc.differences).toEqual([]);
    expect(p.equal + sc.equal).toBe(27);
    recordFields(FILE, p.equal + sc.equal);
  });

  test('WHEN cephFileSystems (filesystem + storageClass) is rebuilt with CephFilesystem, its csi group and CephFsStorageClass THEN every field is equal but the listed ones', () => {
    const [entry] = values().cephFileSystems;
    const { app, site, cluster } = site120();
    const filesystem = new CephFilesystem(site, 'ceph-filesystem', {
      cluster,
      metadataPool: { replicated: { size: 3 } },
      dataPools: [{ name: 'data0', failureDomain: 'host', replicated: { size: 3 } }],
      activeCount: 1,
      activeStandby: true,
      mdsResources: { limits: { memory: '4Gi' }, requests: { cpu: '1000m', memory: '4Gi' } },
      mdsPriorityClassName: 'system-cluster-critical',
    });
    const group = CephFilesystemSubVolumeGroup.csiDefault(site, 'ceph-filesystem-csi', filesystem);
    new CephFsStorageClass(site, 'ceph-filesystem-class', { name: 'ceph-filesystem', filesystem, dataPool: 'data0', isDefault: false, reclaimPolicy: 'Delete', allowVolumeExpansion: true, volumeBindingMode: 'Immediate' });
    const objs = synthValid(app);
    const f = compare({ apiVersion: 'ceph.rook.io/v1', kind: 'CephFilesystem', metadata: { name: entry.name, namespace: NS }, spec: entry.spec }, ours(objs, 'CephFilesystem', entry.name));
    expect(f.differences).toEqual([
      // our pinned defaults (see the header)
      'spec.dataPools[0].replicated.requireSafeReplicaSize: (none) -> true',
      'spec.metadataPool.failureDomain: (none) -> "host"',
      'spec.metadataPool.replicated.requireSafeReplicaSize: (none) -> true',
      // our pinned default: deleting the CephFilesystem keeps the Ceph filesystem and its data (see the header)
      'spec.preserveFilesystemOnDelete: (none) -> true',
    ]);
    // the chart's group of every filesystem: name csi, distributed pinning
    const g = compare(
      { apiVersion: 'ceph.rook.io/v1', kind: 'CephFilesystemSubVolumeGroup', metadata: { name: `${entry.name}-csi`, namespace: NS }, spec: { name: 'csi', filesystemName: entry.name, pinning: { distributed: 1 } } },
      ours(objs, 'CephFilesystemSubVolumeGroup', `${entry.name}-csi`),
    );
    // we write the clusterID the operator would derive (see test/tenants-upstream.test.ts)
    expect(g.differences).toEqual([`spec.clusterID: (none) -> "${group.clusterID}"`]);
    const sc = compare(chartClass(entry.storageClass, `${NS}.cephfs.csi.ceph.com`, { fsName: entry.name, pool: `${entry.name}-${entry.storageClass.pool}`, clusterID: NS }), ours(objs, 'StorageClass', entry.storageClass.name));
    expect(sc.differences).toEqual([
      // the annotation only on the default class (see the header)
      'metadata.annotations.storageclass.kubernetes.io/is-default-class: "false" -> (none)',
      // a CephFS volume is mounted as cephfs; ceph-csi's CephFS driver has no use for an fstype, so the class has no such prop
      'parameters.csi.storage.k8s.io/fstype: "ext4" -> (none)',
    ]);
    expect([f.equal, g.equal, sc.equal]).toEqual([14, 7, 18]);
    recordFields(FILE, f.equal + g.equal + sc.equal);
  });

  test('WHEN cephObjectStores (store + storageClass) is rebuilt with CephObjectStore and BucketStorageClass THEN every field is equal but the listed ones', () => {
    const [entry] = values().cephObjectStores;
    const { app, site, cluster } = site120();
    const store = cluster.addObjectStore('ceph-objectstore', {
      metadataPool: { failureDomain: 'host', replicated: { size: 3 } },
      dataPool: { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 }, parameters: { bulk: 'true' } },
      preservePoolsOnDelete: true,
      gateway: { port: 80, instances: 1, resources: { limits: { memory: '2Gi' }, requests: { cpu: '1000m', memory: '1Gi' } }, priorityClassName: 'system-cluster-critical' },
    });
    new BucketStorageClass(site, 'ceph-bucket', { store, reclaimPolicy: 'Delete', region: 'us-east-1' });
    const objs = synthValid(app);
    const o = compare({ apiVersion: 'ceph.rook.io/v1', kind: 'CephObjectStore', metadata: { name: entry.name, namespace: NS }, spec: entry.spec }, ours(objs, 'CephObjectStore', entry.name));
    expect(o.differences).toEqual([
      'spec.metadataPool.replicated.requireSafeReplicaSize: (none) -> true', // our pinned default (see the header)
    ]);
    const s = entry.storageClass;
    const sc = compare({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: s.name },
      provisioner: `${NS}.ceph.rook.io/bucket`, reclaimPolicy: s.reclaimPolicy, volumeBindingMode: s.volumeBindingMode,
      parameters: { objectStoreName: entry.name, objectStoreNamespace: NS, ...s.parameters },
    }, ours(objs, 'StorageClass', s.name));
    expect(sc.differences).toEqual([
      'volumeBindingMode: "Immediate" -> (none)', // a bucket class binds no volumes (see the header)
    ]);
    expect([o.equal, sc.equal]).toEqual([17, 8]);
    recordFields(FILE, o.equal + sc.equal);
  });

  test('WHEN the two volume snapshot classes are rebuilt with CephFsSnapshotClass and CephRbdSnapshotClass THEN every field is equal but the listed ones', () => {
    const v = values();
    const { app, site, cluster } = site120();
    const fsv = v.cephFileSystemVolumeSnapshotClass;
    const rbdv = v.cephBlockPoolsVolumeSnapshotClass;
    new CephFsSnapshotClass(site, 'fs-snap', { cluster, name: fsv.name, isDefault: fsv.isDefault, deletionPolicy: fsv.deletionPolicy });
    new CephRbdSnapshotClass(site, 'rbd-snap', { cluster, name: rbdv.name, isDefault: rbdv.isDefault, deletionPolicy: rbdv.deletionPolicy });
    const objs = synthValid(app);
    // the chart renders them only with enabled: true (false in the values); compared as it would render them
    expect([fsv.enabled, rbdv.enabled]).toEqual([false, false]);
    const chartSnap = (e: any, driver: 'cephfs' | 'rbd') => ({
      apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass',
      metadata: { name: e.name, annotations: { 'snapshot.storage.kubernetes.io/is-default-class': e.isDefault ? 'true' : 'false', ...e.annotations } },
      driver: `${NS}.${driver}.csi.ceph.com`,
      parameters: { clusterID: NS, 'csi.storage.k8s.io/snapshotter-secret-name': `rook-csi-${driver}-provisioner`, 'csi.storage.k8s.io/snapshotter-secret-namespace': NS, ...e.parameters },
      deletionPolicy: e.deletionPolicy,
    });
    const f = compare(chartSnap(fsv, 'cephfs'), ours(objs, 'VolumeSnapshotClass', fsv.name));
    expect(f.differences).toEqual([]);
    const r = compare(chartSnap(rbdv, 'rbd'), ours(objs, 'VolumeSnapshotClass', rbdv.name));
    expect(r.differences).toEqual([
      // the annotation only on the default class (see the header)
      'metadata.annotations.snapshot.storage.kubernetes.io/is-default-class: "false" -> (none)',
    ]);
    expect([f.equal, r.equal]).toEqual([9, 8]);
    recordFields(FILE, f.equal + r.equal);
  });

  test('WHEN the toolbox entry is rebuilt with Toolbox THEN its container security context and resources are equal', () => {
    const t = values().toolbox;
    const { app, site, cluster } = site120();
    new Toolbox(site, 'toolbox', { cluster, resources: t.resources });
    const objs = synthValid(app);
    const container = ours(objs, 'Deployment', 'rook-ceph-tools').spec.template.spec.containers[0];
    const c = compare({ securityContext: t.containerSecurityContext, resources: t.resources }, { securityContext: container.securityContext, resources: container.resources });
    expect(c.differences).toEqual([
      // cdk8s-plus writes these API-server defaults explicitly (as for toolbox.yaml, test/pools-fs-upstream.test.ts)
      'securityContext.allowPrivilegeEscalation: (none) -> true',
      'securityContext.privileged: (none) -> false',
      'securityContext.readOnlyRootFilesystem: (none) -> false',
    ]);
    expect(c.equal).toBe(7);
    recordFields(FILE, c.equal);
  });

  test('WHEN the monitoring entry is rebuilt on RookCluster THEN enabled and metricsDisabled are the CephCluster\'s; the chart\'s own rules are no CephCluster field', () => {
    const m = values().monitoring;
    const { app, site } = newSite();
    new RookOperator(site, 'operator');
    new RookCluster(site, 'cluster', { monitoring: { enabled: m.enabled, metricsDisabled: m.metricsDisabled } });
    const objs = synthValid(app);
    const c = compare(
      { monitoring: { enabled: m.enabled, metricsDisabled: m.metricsDisabled, createPrometheusRules: m.createPrometheusRules } },
      { monitoring: ours(objs, 'CephCluster', 'rook-ceph').spec.monitoring },
    );
    expect(c.differences).toEqual([
      // the chart's PrometheusRule of Rook's alerts (off in the values): we write our own alerts, StorageAlerts (see src/monitoring/alert-rules.ts)
      'monitoring.createPrometheusRules: false -> (none)',
    ]);
    expect(c.equal).toBe(2);
    recordFields(FILE, c.equal);
    // ingress.dashboard is an empty map in the values: no Ingress is rendered, nothing to compare (DashboardExposure builds one)
    expect(values().ingress).toEqual({ dashboard: {} });
  });

  test('WHEN cephImage is rebuilt on RookCluster THEN the CephCluster\'s cephVersion is the repository:tag image and allowUnsupported', () => {
    const i = values().cephImage;
    const { app, site } = newSite();
    new RookOperator(site, 'operator');
    new RookCluster(site, 'cluster', { cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4', allowUnsupported: false } });
    const objs = synthValid(app);
    // the chart writes cephVersion.image as "<repository>:<tag>"
    const c = compare({ cephVersion: { image: `${i.repository}:${i.tag}`, allowUnsupported: i.allowUnsupported } }, { cephVersion: ours(objs, 'CephCluster', 'rook-ceph').spec.cephVersion });
    expect(c.differences).toEqual([]);
    expect(c.equal).toBe(2);
    recordFields(FILE, c.equal);
  });
});

describeWithUpstream('GIVEN the external-cluster chart values of Rook v1.20.6 (rook-ceph-cluster-chart-values-external.yaml)', () => {
  test('WHEN its cephClusterSpec is rebuilt with ExternalCluster THEN every field is equal, and the empty pool / filesystem / store lists render nothing', () => {
    const v = values('rook-ceph-cluster-chart-values-external.yaml');
    const { app, site } = newSite();
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS,
      healthCheck: { daemonHealth: { mon: { disabled: false, interval: '45s' } } },
      secrets: { mon: es('mon', 'ceph-secret'), csiRbdNode: es('rbd-node', 'userKey'), csiRbdProvisioner: es('rbd-prov', 'userKey'), csiCephfsNode: es('fs-node', 'userKey'), csiCephfsProvisioner: es('fs-prov', 'userKey') },
    });
    const objs = synthValid(app);
    const cluster = objs.find((o) => o.kind === 'CephCluster');
    const c = compare({ spec: v.cephClusterSpec }, { spec: cluster.spec });
    expect(c.differences).toEqual([]);
    expect(c.equal).toBe(4);
    recordFields('v1.20.6/rook-ceph-cluster-chart-values-external.yaml', c.equal);
    // cephBlockPools / cephFileSystems / cephObjectStores are empty maps there: the chart renders no pool, filesystem,
    // store or class from them, and an ExternalCluster without rbdPools / filesystems none either
    expect([v.cephBlockPools, v.cephFileSystems, v.cephObjectStores]).toEqual([{}, {}, {}]);
    expect(objs.filter((o) => ['CephBlockPool', 'CephFilesystem', 'CephObjectStore', 'StorageClass'].includes(o.kind))).toEqual([]);
  });
});

describeWithUpstream('GIVEN the RBAC and cluster examples for an external cluster in its own namespace', () => {
  function external(rookVersion?: '1.7.11' | '1.2.7') {
    const { app, site } = rookVersion ? newSite({ rookVersion, kubernetesVersion: rookVersion === '1.7.11' ? '1.22.0' : '1.16.0' }) : newSite();
    new RookOperator(site, 'operator');
    new ExternalCluster(site, 'ext', rookVersion
      ? { namespace: 'rook-ceph-external', fsid: FSID, monEndpoints: MONS, healthCheck: rookVersion === '1.7.11' ? { daemonHealth: { mon: { disabled: false, interval: '45s' } } } : undefined, secrets: { mon: es('mon', rookVersion === '1.2.7' ? 'admin-secret' : 'ceph-secret') } }
      : props120({ namespace: 'rook-ceph-external', healthCheck: { daemonHealth: { mon: { disabled: false, interval: '45s' } } } }));
    return synthValid(app);
  }

  test('WHEN v1.20.6 common-external.yaml is compared with an ExternalCluster in rook-ceph-external THEN every field is equal', () => {
    const c = compareFile(external(), 'v1.20.6', 'common-external.yaml');
    // upstream's examples set no Pod Security labels; ours give the external cluster's namespace baseline (no pods of
    // its own need more), pinned to the site's Kubernetes minor
    expect(c.differences).toEqual({ 'Namespace/rook-ceph-external': psaBaseline('v1.33') });
    expect(c.equal).toBe(44);
    recordFields('v1.20.6/common-external.yaml', c.equal);
  });

  // the external/ examples: the external cluster in the operator's own namespace rook-ceph
  // (vendored operator: its common.yaml holds the operator namespace's RBAC that external-common-external.yaml repeats)
  // the vendored common.yaml labels its objects; external-common-external.yaml repeats them without the labels
  const commonYamlLabels = [
    'metadata.labels.app.kubernetes.io/name: (none) -> "rook-ceph"',
    'metadata.labels.app.kubernetes.io/part-of: (none) -> "rook-ceph-operator"',
    'metadata.labels.operator: (none) -> "rook"',
    'metadata.labels.storage-backend: (none) -> "ceph"',
  ];
  const labelled = {
    // the operator's namespace runs the CSI node plugins: privileged (upstream's examples set no Pod Security labels)
    'Namespace/rook-ceph': ['audit', 'enforce', 'warn'].map((m) => `metadata.labels.pod-security.kubernetes.io/${m}: (none) -> "privileged"`),
    'Role/rook-ceph-cmd-reporter': commonYamlLabels,
    'RoleBinding/rook-ceph-cluster-mgmt': commonYamlLabels,
    'RoleBinding/rook-ceph-cmd-reporter': commonYamlLabels,
    'ServiceAccount/rook-ceph-cmd-reporter': commonYamlLabels,
    'ServiceAccount/rook-ceph-default': commonYamlLabels,
  };
  test.each([['external-common-external.yaml', 44, labelled], ['external-cluster-external.yaml', 8, {}]] as const)(
    'WHEN v1.20.6 %s is compared with an ExternalCluster in the operator namespace (vendored operator) THEN every field is equal but the listed ones', (file, equal, differences) => {
      const { app, site } = newSite();
      new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.20.6') } });
      new ExternalCluster(site, 'ext', props120({ name: 'rook-ceph-external', namespace: 'rook-ceph', healthCheck: { daemonHealth: { mon: { disabled: false, interval: '45s' } } } }));
      const c = compareFile(synthValid(app), 'v1.20.6', file);
      expect(c.differences).toEqual(differences);
      expect(c.equal).toBe(equal);
      recordFields(`v1.20.6/${file}`, c.equal);
    });

  test.each([
    ['1.7.11', 40, { 'Namespace/rook-ceph-external': psaBaseline('v1.22') }],
    ['1.2.7', 37, {
      // we write rbac.authorization.k8s.io/v1 (GA since Kubernetes 1.8, served by 1.16; v1beta1 is gone in 1.22)
      'Role/rook-ceph-cmd-reporter': ['apiVersion: "rbac.authorization.k8s.io/v1beta1" -> "rbac.authorization.k8s.io/v1"'],
      'RoleBinding/rook-ceph-cluster-mgmt': ['apiVersion: "rbac.authorization.k8s.io/v1beta1" -> "rbac.authorization.k8s.io/v1"'],
      'RoleBinding/rook-ceph-cmd-reporter': ['apiVersion: "rbac.authorization.k8s.io/v1beta1" -> "rbac.authorization.k8s.io/v1"'],
    }],
  ] as const)(
    'WHEN v%s common-external.yaml is compared with an ExternalCluster in rook-ceph-external THEN every field is equal but the listed ones', (version, equal, differences) => {
      const c = compareFile(external(version), `v${version}`, 'common-external.yaml');
      expect(c.differences).toEqual(differences);
      expect(c.equal).toBe(equal);
      recordFields(`v${version}/common-external.yaml`, c.equal);
    });
});

describeWithUpstream('GIVEN the ceph-csi-drivers chart values of Rook v1.20.6, as the OperatorConfig and Drivers they configure', () => {
  test('WHEN CephCsi is built with the same drivers THEN the OperatorConfig defaults and the Driver names and namespace are equal, ours adding the listed settings', () => {
    const v = values('ceph-csi-drivers-chart-values.yaml');
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { rbd: v.drivers.rbd.enabled, cephfs: v.drivers.cephfs.enabled, nfs: v.drivers.nfs.enabled } });
    const objs = synthValid(app);
    const oc = objs.find((o) => o.kind === 'OperatorConfig');
    const c = compare(
      { metadata: { namespace: v.operatorConfig.namespace }, spec: { driverSpecDefaults: v.operatorConfig.driverSpecDefaults } },
      { metadata: { namespace: oc.metadata.namespace }, spec: oc.spec },
    );
    expect(c.differences).toEqual([
      // the settings CephCsi carries from its props / the pinned operator settings into the defaults of every driver
      // (the chart leaves them to the ceph-csi operator; compared with the rook-ceph chart's csi values in test/operator-upstream.test.ts)
      'spec.driverSpecDefaults.cephFsClientType: (none) -> "kernel"',
      'spec.driverSpecDefaults.controllerPlugin.deploymentStrategy.type: (none) -> "Recreate"',
      'spec.driverSpecDefaults.deployCsiAddons: (none) -> false',
      'spec.driverSpecDefaults.enableMetadata: (none) -> true',
      'spec.driverSpecDefaults.fsGroupPolicy: (none) -> "File"',
      'spec.driverSpecDefaults.generateOMapInfo: (none) -> false',
      'spec.driverSpecDefaults.log.verbosity: (none) -> 0',
      'spec.driverSpecDefaults.nodePlugin.enableSeLinuxHostMount: (none) -> false',
      'spec.driverSpecDefaults.nodePlugin.kubeletDirPath: (none) -> "/var/lib/kubelet"',
    ]);
    // each enabled driver is a Driver of its name in the operator namespace; a disabled one is not written
    // (a disabled driver's name is not rendered, so only its enabled flag is a field)
    const entries = Object.entries(v.drivers as Record<string, { enabled: boolean; name: string }>);
    const drivers = Object.fromEntries(entries.map(([k, e]) => [k, e.enabled ? { enabled: true, name: e.name } : { enabled: false }]));
    const ourDrivers = Object.fromEntries(entries.map(([k, e]) => {
      const found = objs.find((o) => o.kind === 'Driver' && o.metadata.name === e.name && o.metadata.namespace === v.operatorConfig.namespace);
      return [k, found ? { enabled: true, name: found.metadata.name } : { enabled: false }];
    }));
    const d = compare(drivers, ourDrivers);
    // nvmeof is off in the values and CephCsi has no NVMe-oF driver: equal by its absence
    expect(d.differences).toEqual([]);
    expect([c.equal, d.equal]).toEqual([4, 6]);
    recordFields('v1.20.6/ceph-csi-drivers-chart-values.yaml', c.equal + d.equal);
  });
});
