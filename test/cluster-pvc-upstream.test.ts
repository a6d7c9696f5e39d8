/**
 * OSDs and mons on PVCs, rebuilt through the public API and compared field by field with Rook v1.20.6's
 * cluster-on-pvc.yaml (network-attached gp2-csi volumes, portable OSDs) and cluster-on-local-pvc.yaml (a
 * `kubernetes.io/no-provisioner` class with six static local PersistentVolumes, OSDs not portable).
 *
 * A field is a leaf (scalar or empty list) of the upstream object; upstream keys with no value (`resources:` with
 * only comments under it) are no fields. Deliberate differences, listed literally in each test:
 * - `spec.storage.useAllNodes: false`, `spec.storage.useAllDevices: false`: we write both whenever OSDs are on device
 *   sets, so Rook never also consumes the nodes' empty disks (its defaults would be read from an unset field).
 * - cluster-on-local-pvc.yaml `spec.mgr`: the example sets only `count: 1`; we write our defaults
 *   `allowMultiplePerNode: false` and the `rook` module, as for every cluster.
 * - the gp2-csi class of cluster-on-pvc.yaml is not in the file (it is the EKS one); we declare it with
 *   `BlockStorageClass.fromExisting`, which writes nothing.
 */
import { BlockStorageClass, RookCluster } from '../src';
import { describeWithUpstream, newSite } from './helpers';
import { compare, compareFile, ours, printFieldReport, recordFields, synthValid, upstreamDocs } from './upstream-compare';

/** The upgrade knobs both examples set. */
const upgradeKnobs = { skipUpgradeChecks: false, continueUpgradeAfterChecksEvenIfNotHealthy: false } as const;

/** Both examples: an OSD prepare pod stays off hosts that already run an OSD or a prepare pod of the set. */
const prepareAntiAffinity = {
  preferredDuringSchedulingIgnoredDuringExecution: [{
    weight: 100,
    podAffinityTerm: {
      labelSelector: {
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['rook-ceph-osd'] },
          { key: 'app', operator: 'In', values: ['rook-ceph-osd-prepare'] },
        ],
      },
      topologyKey: 'kubernetes.io/hostname',
    },
  }],
};

const priorityClassNames = { mon: 'system-node-critical', osd: 'system-node-critical', mgr: 'system-cluster-critical' } as const;

describeWithUpstream('GIVEN the Rook v1.20.6 OSD-on-PVC examples, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 OSD-on-PVC examples'));

  test('WHEN cluster-on-pvc.yaml is rebuilt on an existing gp2-csi EBS class THEN only our useAll* pins differ', () => {
    const { app, site } = newSite();
    const gp2 = BlockStorageClass.fromExisting(site, 'gp2-csi', { name: 'gp2-csi', provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' });
    new RookCluster(site, 'cluster', {
      ...upgradeKnobs,
      mon: { count: 3, allowMultiplePerNode: false, volumeClaim: { storageClass: gp2, size: '10Gi' } },
      cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4', allowUnsupported: false },
      mgr: { count: 2, allowMultiplePerNode: false, modules: [{ name: 'rook', enabled: false }] },
      dashboard: { enabled: true, ssl: true },
      crashCollector: { disable: false },
      logCollector: { enabled: true, periodicity: 'daily', maxLogSize: '500M' },
      storage: {
        allowDeviceClassUpdate: false,
        allowOsdCrushWeightUpdate: true,
        onlyApplyOSDPlacement: false,
        storageClassDeviceSets: [{
          name: 'set1',
          count: 3,
          size: '10Gi',
          storageClass: gp2,
          portable: true,
          tuneDeviceClass: true,
          tuneFastDeviceClass: false,
          encrypted: false,
          spreadAcross: [{ level: 'host' }],
          preparePlacement: {
            podAntiAffinity: prepareAntiAffinity,
            topologySpreadConstraints: [{
              maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rook-ceph-osd-prepare'] }] },
            }],
          },
        }],
      },
      priorityClassNames,
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
    });
    const objs = synthValid(app);
    const [up] = upstreamDocs('v1.20.6', 'cluster-on-pvc.yaml');
    const c = compare(up, ours(objs, 'CephCluster', 'rook-ceph'));
    expect(c.differences).toEqual([
      'spec.storage.useAllDevices: (none) -> false', // our pin with device sets: no OSDs on the nodes' own disks
      'spec.storage.useAllNodes: (none) -> false', // our pin with device sets
    ].sort());
    expect(c.equal).toBe(62);
    recordFields('v1.20.6/cluster-on-pvc.yaml', c.equal);
    // fromExisting writes no StorageClass
    expect(objs.filter((o) => o.kind === 'StorageClass')).toEqual([]);
  });

  test('WHEN cluster-on-local-pvc.yaml is rebuilt with a local BlockStorageClass and its six disks THEN the class and PVs are equal and the cluster differs only by our pins', () => {
    const { app, site } = newSite();
    const disks = [0, 1, 2].flatMap((h) => [
      { name: `local${h}-0`, node: `host${h}`, path: '/dev/sdb', size: '10Gi', volumeMode: 'Filesystem' as const },
      { name: `local${h}-1`, node: `host${h}`, path: '/dev/sdc', size: '10Gi', volumeMode: 'Block' as const },
    ]);
    const local = new BlockStorageClass(site, 'local-storage', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer', localVolumes: disks });
    new RookCluster(site, 'cluster', {
      ...upgradeKnobs,
      mon: { count: 3, allowMultiplePerNode: false, volumeClaim: { storageClass: local, size: '10Gi' } },
      cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4', allowUnsupported: false },
      mgr: { count: 1 },
      dashboard: { enabled: true, ssl: true },
      crashCollector: { disable: false },
      storage: {
        onlyApplyOSDPlacement: false,
        storageClassDeviceSets: [{
          name: 'set1',
          count: 3,
          size: '10Gi',
          storageClass: local,
          portable: false,
          tuneDeviceClass: true,
          tuneFastDeviceClass: false,
          encrypted: false,
          placement: {
            topologySpreadConstraints: [{
              maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rook-ceph-osd', 'rook-ceph-osd-prepare'] }] },
            }],
          },
          preparePlacement: { podAntiAffinity: prepareAntiAffinity },
        }],
      },
      priorityClassNames,
      disruptionManagement: { managePodBudgets: true, osdMaintenanceTimeout: 30 },
    });
    const objs = synthValid(app);
    const c = compareFile(objs, 'v1.20.6', 'cluster-on-local-pvc.yaml');
    expect(c.differences).toEqual({
      'CephCluster/rook-ceph': [
        'spec.mgr.allowMultiplePerNode: (none) -> false', // our default, written for every cluster
        'spec.mgr.modules[0].enabled: (none) -> true', // our default module list
        'spec.mgr.modules[0].name: (none) -> "rook"', // our default module list
        'spec.storage.useAllDevices: (none) -> false', // our pin with device sets
        'spec.storage.useAllNodes: (none) -> false', // our pin with device sets
      ].sort(),
    });
    expect(c.equal).toBe(126);
    recordFields('v1.20.6/cluster-on-local-pvc.yaml', c.equal);
  });
});
