/**
 * Pools, filesystems, the toolbox and the CSI class examples of Rook, rebuilt through the public API and compared
 * field by field (test/upstream-compare.ts): v1.20.6 pool.yaml, pool-ec.yaml, pool-builtin-mgr.yaml,
 * filesystem.yaml, filesystem-ec.yaml, toolbox.yaml, csi-rbd-storageclass.yaml, csi-cephfs-storageclass.yaml,
 * csi-rbd-snapshotclass.yaml, csi/rbd-storageclass-ec.yaml, csi/cephfs-storageclass-ec.yaml; v1.7.11 pool.yaml and
 * flex-storageclass{,-ec}.yaml; v1.2.7 pool.yaml and flex-storageclass{,-ec}.yaml.
 *
 * A field is a leaf of the upstream object; upstream keys without a value (`annotations:`, `labels:`,
 * `resources:`, `mountOptions:` with only comments under them) are no fields. Deliberate differences, per kind:
 * - CephBlockPool and CephFilesystem pools: we write `failureDomain: host` and `replicated.requireSafeReplicaSize:
 *   true` where the example leaves them out (the operator's defaults, written by every pool we render so the spec
 *   says where the copies go and that size 1 is refused).
 * - StorageClass: we write `volumeBindingMode: Immediate` (the API server's default, written by every class).
 * - Toolbox: the container command is our own script (no upstream code is copied); it reads the same mounts.
 * - Toolbox: the container script is our own (no upstream code is copied; it reads the same mounts), and
 *   cdk8s-plus writes a few API-server defaults explicitly.
 * - filesystem.yaml: the CephFilesystemSubVolumeGroup `myfs-csi` (CephFilesystemSubVolumeGroup.csiDefault) gets `spec.clusterID`
 *   (see test/tenants-upstream.test.ts). filesystem-ec.yaml's group names `filesystemName: myfs`, not the file's
 *   `myfs-ec`, so there only the CephFilesystem is compared.
 */
import {
  CephCsi, CephFilesystem, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass, FlexStorageClass, FlexVolume, RookCluster, RookOperator, CephFilesystemSubVolumeGroup, Toolbox,
} from '../src';
import { describeWithUpstream, newSite } from './helpers';
import { compareFile, printFieldReport, recordFields, synthValid } from './upstream-compare';

const mdsAntiAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution: [{
    labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rook-ceph-mds'] }] },
    topologyKey: 'kubernetes.io/hostname',
  }],
  preferredDuringSchedulingIgnoredDuringExecution: [{
    weight: 100,
    podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rook-ceph-mds'] }] }, topologyKey: 'topology.kubernetes.io/zone' },
  }],
};

const isKind = (kind: string) => (d: any) => d.kind === kind;

function site120() {
  const { app, site } = newSite();
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

afterAll(() => printFieldReport('Rook pool / filesystem / toolbox / CSI class examples'));

describeWithUpstream('GIVEN the Rook v1.20.6 pool examples, rebuilt through the public API', () => {
  test('WHEN pool.yaml is rebuilt (mirroring off, the mirror status check) THEN every field is equal', () => {
    const { app, cluster } = site120();
    cluster.addPool('replicapool', {
      failureDomain: 'host',
      replicated: { size: 3, requireSafeReplicaSize: true },
      parameters: { compression_mode: 'none' },
      mirroring: { enabled: false, mode: 'image' },
      statusCheck: { mirror: { disabled: false, interval: '60s' } },
    });
    const objs = synthValid(app);
    const c = compareFile(objs, 'v1.20.6', 'pool.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(12);
    recordFields('v1.20.6/pool.yaml', c.equal);
  });

  test('WHEN pool-ec.yaml is rebuilt THEN every field is equal', () => {
    const { app, cluster } = site120();
    cluster.addPool('ec-pool', { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 }, parameters: { compression_mode: 'none' } });
    const c = compareFile(synthValid(app), 'v1.20.6', 'pool-ec.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(8);
    recordFields('v1.20.6/pool-ec.yaml', c.equal);
  });

  test('WHEN pool-builtin-mgr.yaml is rebuilt (cephName .mgr) THEN every field is equal', () => {
    const { app, cluster } = site120();
    cluster.addPool('builtin-mgr', {
      cephName: '.mgr',
      failureDomain: 'host',
      replicated: { size: 3, requireSafeReplicaSize: true },
      parameters: { compression_mode: 'none' },
      mirroring: { enabled: false },
    });
    const c = compareFile(synthValid(app), 'v1.20.6', 'pool-builtin-mgr.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(10);
    recordFields('v1.20.6/pool-builtin-mgr.yaml', c.equal);
  });
});

describeWithUpstream('GIVEN the Rook v1.20.6 filesystem examples, rebuilt through the public API', () => {
  test('WHEN filesystem.yaml is rebuilt (named data pool, MDS probes, priority class) THEN every field is equal but the pinned metadata pool failure domain', () => {
    const { app, site, cluster } = site120();
    const myfs = new CephFilesystem(site, 'myfs', {
      cluster,
      metadataPool: { replicated: { size: 3, requireSafeReplicaSize: true }, parameters: { compression_mode: 'none' } },
      dataPools: [{ name: 'replicated', failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true }, parameters: { compression_mode: 'none' } }],
      preserveFilesystemOnDelete: true,
      activeCount: 1,
      activeStandby: true,
      mdsPlacement: { podAntiAffinity: mdsAntiAffinity },
      mdsPriorityClassName: 'system-cluster-critical',
      mdsLivenessProbe: { disabled: false },
      mdsStartupProbe: { disabled: false },
    });
    const group = CephFilesystemSubVolumeGroup.csiDefault(site, 'myfs-csi', myfs);
    const c = compareFile(synthValid(app), 'v1.20.6', 'filesystem.yaml');
    expect(c.differences).toEqual({
      // our pinned default (see the file comment)
      'CephFilesystem/myfs': ['spec.metadataPool.failureDomain: (none) -> "host"'],
      // we write the clusterID the operator would derive (see the file comment)
      'CephFilesystemSubVolumeGroup/myfs-csi': [`spec.clusterID: (none) -> "${group.clusterID}"`],
    });
    expect(c.equal).toBe(34);
    recordFields('v1.20.6/filesystem.yaml', c.equal);
  });

  test('WHEN filesystem-ec.yaml is rebuilt (an unnamed replicated default data pool, then a named EC pool) THEN every field is equal but the pinned defaults', () => {
    const { app, site, cluster } = site120();
    const fs = new CephFilesystem(site, 'myfs-ec', {
      cluster,
      metadataPool: { replicated: { size: 3 } },
      dataPools: [{ replicated: { size: 3 } }, { name: 'erasurecoded', erasureCoded: { dataChunks: 2, codingChunks: 1 }, parameters: { compression_mode: 'none' } }],
      preserveFilesystemOnDelete: true,
      activeCount: 1,
      activeStandby: true,
      mdsPlacement: { podAntiAffinity: mdsAntiAffinity },
    });
    const c = compareFile(synthValid(app), 'v1.20.6', 'filesystem-ec.yaml', isKind('CephFilesystem'));
    expect(c.differences).toEqual({
      // our pinned defaults (see the file comment)
      'CephFilesystem/myfs-ec': [
        'spec.dataPools[0].failureDomain: (none) -> "host"',
        'spec.dataPools[0].replicated.requireSafeReplicaSize: (none) -> true',
        'spec.dataPools[1].failureDomain: (none) -> "host"',
        'spec.metadataPool.failureDomain: (none) -> "host"',
        'spec.metadataPool.replicated.requireSafeReplicaSize: (none) -> true',
      ],
    });
    expect(c.equal).toBe(22);
    recordFields('v1.20.6/filesystem-ec.yaml', c.equal);
    // the unnamed default pool is the Ceph pool "<fs>-data0", the EC pool "<fs>-erasurecoded"
    expect(fs.dataPoolNames).toEqual(['data0', 'erasurecoded']);
    expect([fs.cephPoolName('data0'), fs.cephPoolName('erasurecoded')]).toEqual(['myfs-ec-data0', 'myfs-ec-erasurecoded']);
  });
});

describeWithUpstream('GIVEN the Rook v1.20.6 toolbox example, rebuilt through the public API', () => {
  test('WHEN toolbox.yaml is rebuilt THEN every field is equal but the script (ours), with the config-override mount', () => {
    const { app, site, cluster } = site120();
    new Toolbox(site, 'toolbox', { cluster, image: 'quay.io/ceph/ceph:v20', imagePullPolicy: 'IfNotPresent' });
    const c = compareFile(synthValid(app), 'v1.20.6', 'toolbox.yaml');
    // the container script is our own, so its one field differs (not listed: that would copy upstream code)
    const script = 'spec.template.spec.containers[0].command[2]:';
    const differences = c.differences['Deployment/rook-ceph-tools'];
    expect(differences.filter((x) => x.startsWith(script))).toHaveLength(1);
    expect(differences.filter((x) => !x.startsWith(script))).toEqual([
      // cdk8s-plus writes these API-server defaults explicitly (the values the server would fill in)
      'spec.minReadySeconds: (none) -> 0',
      'spec.progressDeadlineSeconds: (none) -> 600',
      'spec.strategy.rollingUpdate.maxSurge: (none) -> "25%"',
      'spec.strategy.rollingUpdate.maxUnavailable: (none) -> "25%"',
      'spec.strategy.type: (none) -> "RollingUpdate"',
      'spec.template.spec.automountServiceAccountToken: (none) -> true',
      'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: (none) -> true',
      'spec.template.spec.containers[0].securityContext.privileged: (none) -> false',
      'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: (none) -> false',
      'spec.template.spec.hostNetwork: (none) -> false',
      'spec.template.spec.restartPolicy: (none) -> "Always"',
      'spec.template.spec.setHostnameAsFQDN: (none) -> false',
      'spec.template.spec.terminationGracePeriodSeconds: (none) -> 30',
    ]);
    expect(c.equal).toBe(50);
    recordFields('v1.20.6/toolbox.yaml', c.equal);
  });
});

describeWithUpstream('GIVEN the Rook v1.20.6 CSI class examples, rebuilt through the public API', () => {
  test('WHEN csi-rbd-storageclass.yaml is rebuilt THEN pool and class are equal but the pinned binding mode', () => {
    const { app, site, cluster } = site120();
    const pool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true } });
    new CephRbdStorageClass(site, 'rook-ceph-block', { pool, imageFeatures: ['layering'], fsType: 'ext4', allowVolumeExpansion: true, reclaimPolicy: 'Delete' });
    const c = compareFile(synthValid(app), 'v1.20.6', 'csi-rbd-storageclass.yaml');
    expect(c.differences).toEqual({ 'StorageClass/rook-ceph-block': ['volumeBindingMode: (none) -> "Immediate"'] });
    expect(c.equal).toBe(26);
    recordFields('v1.20.6/csi-rbd-storageclass.yaml', c.equal);
  });

  test('WHEN csi/rbd-storageclass-ec.yaml is rebuilt THEN the pool pair and class are equal but the pinned defaults', () => {
    const { app, site, cluster } = site120();
    const pool = cluster.addPool('replicated-metadata-pool', { replicated: { size: 2 } });
    const dataPool = cluster.addPool('ec-data-pool', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new CephRbdStorageClass(site, 'rook-ceph-block', { pool, dataPool });
    const c = compareFile(synthValid(app), 'v1.20.6', 'csi/rbd-storageclass-ec.yaml');
    expect(c.differences).toEqual({
      // our pinned defaults (see the file comment)
      'CephBlockPool/replicated-metadata-pool': ['spec.failureDomain: (none) -> "host"', 'spec.replicated.requireSafeReplicaSize: (none) -> true'],
      'CephBlockPool/ec-data-pool': ['spec.failureDomain: (none) -> "host"'],
      'StorageClass/rook-ceph-block': ['volumeBindingMode: (none) -> "Immediate"'],
    });
    expect(c.equal).toBe(31);
    recordFields('v1.20.6/csi/rbd-storageclass-ec.yaml', c.equal);
  });

  test('WHEN csi-cephfs-storageclass.yaml is rebuilt THEN the class is equal but the pinned binding mode', () => {
    const { app, site, cluster } = site120();
    const filesystem = new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'rook-cephfs', { filesystem, dataPool: 'replicated' });
    const c = compareFile(synthValid(app), 'v1.20.6', 'csi-cephfs-storageclass.yaml');
    expect(c.differences).toEqual({ 'StorageClass/rook-cephfs': ['volumeBindingMode: (none) -> "Immediate"'] });
    expect(c.equal).toBe(17);
    recordFields('v1.20.6/csi-cephfs-storageclass.yaml', c.equal);
  });

  test('WHEN csi/cephfs-storageclass-ec.yaml is rebuilt THEN the class on the EC data pool is equal but the pinned binding mode', () => {
    const { app, site, cluster } = site120();
    const filesystem = new CephFilesystem(site, 'myfs-ec', {
      cluster,
      dataPools: [{ replicated: { size: 3 } }, { name: 'erasurecoded', erasureCoded: { dataChunks: 2, codingChunks: 1 } }],
    });
    new CephFsStorageClass(site, 'rook-cephfs', { filesystem, dataPool: 'erasurecoded' });
    const c = compareFile(synthValid(app), 'v1.20.6', 'csi/cephfs-storageclass-ec.yaml');
    expect(c.differences).toEqual({ 'StorageClass/rook-cephfs': ['volumeBindingMode: (none) -> "Immediate"'] });
    expect(c.equal).toBe(17);
    recordFields('v1.20.6/csi/cephfs-storageclass-ec.yaml', c.equal);
  });

  test('WHEN csi-rbd-snapshotclass.yaml is rebuilt THEN every field is equal', () => {
    const { app, site, cluster } = site120();
    new CephRbdSnapshotClass(site, 'csi-rbdplugin-snapclass', { cluster, deletionPolicy: 'Delete' });
    const c = compareFile(synthValid(app), 'v1.20.6', 'csi-rbd-snapshotclass.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(8);
    recordFields('v1.20.6/csi-rbd-snapshotclass.yaml', c.equal);
  });
});

describeWithUpstream('GIVEN the Rook v1.7.11 and v1.2.7 pool and flex class examples, rebuilt through the public API', () => {
  const legacySite = (rookVersion: '1.7.11' | '1.2.7') => {
    const { app, site } = newSite({ kubernetesVersion: rookVersion === '1.7.11' ? '1.19.0' : '1.16.0', rookVersion });
    new RookOperator(site, 'operator');
    const cluster = new RookCluster(site, 'cluster');
    return { app, site, cluster };
  };

  test('WHEN v1.7.11 pool.yaml is rebuilt THEN every field is equal', () => {
    const { app, cluster } = legacySite('1.7.11');
    cluster.addPool('replicapool', {
      failureDomain: 'host',
      replicated: { size: 3, requireSafeReplicaSize: true },
      parameters: { compression_mode: 'none' },
      mirroring: { enabled: false, mode: 'image' },
      statusCheck: { mirror: { disabled: false, interval: '60s' } },
    });
    const c = compareFile(synthValid(app), 'v1.7.11', 'pool.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(12);
    recordFields('v1.7.11/pool.yaml', c.equal);
  });

  test('WHEN v1.2.7 pool.yaml is rebuilt THEN every field is equal', () => {
    const { app, cluster } = legacySite('1.2.7');
    cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
    const c = compareFile(synthValid(app), 'v1.2.7', 'pool.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(6);
    recordFields('v1.2.7/pool.yaml', c.equal);
  });

  const FLEX_LINES = [['1.7.11', 'ext4'], ['1.2.7', 'xfs']] as const;

  test.each(FLEX_LINES)('WHEN v%s flex-storageclass.yaml is rebuilt THEN pool and class are equal but the pinned defaults', (version, fsType) => {
    const { app, site, cluster } = legacySite(version);
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new FlexStorageClass(site, 'rook-ceph-block', { pool, fsType });
    const c = compareFile(synthValid(app), `v${version}`, 'flex-storageclass.yaml');
    expect(c.differences).toEqual({
      // our pinned defaults (see the file comment); Rook v1.2.7's CRD has no requireSafeReplicaSize, so it is left out there
      'CephBlockPool/replicapool': version === '1.7.11' ? ['spec.failureDomain: (none) -> "host"', 'spec.replicated.requireSafeReplicaSize: (none) -> true'] : ['spec.failureDomain: (none) -> "host"'],
      // every class writes its reclaim policy and binding mode (the API server's defaults)
      'StorageClass/rook-ceph-block': ['reclaimPolicy: (none) -> "Delete"', 'volumeBindingMode: (none) -> "Immediate"'],
    });
    expect(c.equal).toBe(13);
    recordFields(`v${version}/flex-storageclass.yaml`, c.equal);
  });

  test.each(FLEX_LINES)('WHEN v%s flex-storageclass-ec.yaml is rebuilt THEN the pool pair and class are equal but the pinned defaults', (version, fsType) => {
    const { app, site, cluster } = legacySite(version);
    new FlexVolume(site, 'flex', { platform: 'kubelet-default' });
    const pool = cluster.addPool('replicated-metadata-pool', { replicated: { size: 2 } });
    const dataPool = cluster.addPool('ec-data-pool', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new FlexStorageClass(site, 'rook-ceph-block', { pool, dataPool, fsType });
    const c = compareFile(synthValid(app), `v${version}`, 'flex-storageclass-ec.yaml');
    expect(c.differences).toEqual({
      // our pinned defaults (see the file comment); Rook v1.2.7's CRD has no requireSafeReplicaSize, so it is left out there
      'CephBlockPool/replicated-metadata-pool': version === '1.7.11' ? ['spec.failureDomain: (none) -> "host"', 'spec.replicated.requireSafeReplicaSize: (none) -> true'] : ['spec.failureDomain: (none) -> "host"'],
      'CephBlockPool/ec-data-pool': ['spec.failureDomain: (none) -> "host"'],
      // every class writes its reclaim policy and binding mode (the API server's defaults)
      'StorageClass/rook-ceph-block': ['reclaimPolicy: (none) -> "Delete"', 'volumeBindingMode: (none) -> "Immediate"'],
    });
    expect(c.equal).toBe(20);
    recordFields(`v${version}/flex-storageclass-ec.yaml`, c.equal);
  });
});
