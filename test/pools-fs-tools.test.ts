/**
 * Behaviour and bad input of pools (mirroring, status checks, built-in pools), filesystems (data pools, MDS
 * settings), the toolbox and the CSI class options, on the pinned Rook versions.
 */
import {
  CephCsi, CephFilesystem, CephFsStorageClass, CephRbdStorageClass, RookCluster, RookOperator, Toolbox,
} from '../src';
import { configError, expectHelpful, findManifest, manifests, newSite, synthError } from './helpers';
import { synthValid } from './upstream-compare';
import { testWithUpstream } from './upstream';

type Rook = '1.20.6' | '1.7.11' | '1.2.7';
const KUBE: Record<Rook, string> = { '1.20.6': '1.33.0', '1.7.11': '1.19.0', '1.2.7': '1.16.0' };

function rookSite(rookVersion: Rook = '1.20.6') {
  const { app, site } = newSite({ rookVersion, kubernetesVersion: KUBE[rookVersion] });
  const operator = new RookOperator(site, 'operator');
  if (rookVersion !== '1.2.7') new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

describe('GIVEN a mirrored BlockPool', () => {
  test('WHEN it has peers and snapshot schedules THEN the pool names the peer Secrets only and carries the schedules and the mirror check', () => {
    const { site, cluster } = rookSite();
    cluster.addPool('mirrored', {
      replicated: { size: 3 },
      mirroring: { mode: 'image', peers: { secretNames: ['site-b-bootstrap'] }, snapshotSchedules: [{ interval: '24h', startTime: '14:00:00-05:00' }] },
      statusCheck: { mirror: { interval: '30s', timeout: '10s' } },
    });
    const spec = findManifest(site, 'CephBlockPool', 'mirrored').spec;
    expect(spec.mirroring).toEqual({ enabled: true, mode: 'image', peers: { secretNames: ['site-b-bootstrap'] }, snapshotSchedules: [{ interval: '24h', startTime: '14:00:00-05:00' }] });
    expect(spec.statusCheck).toEqual({ mirror: { interval: '30s', timeout: '10s' } });
  });

  test('WHEN a bootstrap token instead of a Secret name is given as a peer THEN it is refused (peers are references, never key material)', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image', peers: { secretNames: ['eyJmc2lkIjoiYWJjIiwia2V5IjoiQVFE=='] } } }));
    expect(e.message).toMatch(/mirroring\.peers\.secretNames/);
    expect(e.message).not.toMatch(/AQD==/);
  });

  test('WHEN mirroring is enabled without a mode THEN it is refused with the modes', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { enabled: true } }));
    expectHelpful(e.message, { path: /mirroring\.mode/, allowed: /'image'.*'pool'/, fix: /mode: 'image'/ });
  });

  test("WHEN mode 'init-only' is set THEN it is written on Rook 1.20.6 and refused on 1.7.11", () => {
    const { site, cluster } = rookSite();
    cluster.addPool('init', { replicated: { size: 3 }, mirroring: { mode: 'init-only' } });
    expect(findManifest(site, 'CephBlockPool', 'init').spec.mirroring).toEqual({ enabled: true, mode: 'init-only' });
    const old = rookSite('1.7.11');
    const e = configError(() => old.cluster.addPool('init', { replicated: { size: 3 }, mirroring: { mode: 'init-only' } }));
    expectHelpful(e.message, { path: 'test-site/cluster/init: mirroring.mode', value: '1.7.11', allowed: /v1\.20\.6/, fix: /mode 'image'/ });
  });

  test('WHEN mirroring is off THEN no mode is needed (pool-builtin-mgr.yaml)', () => {
    const { site, cluster } = rookSite();
    cluster.addPool('plain', { replicated: { size: 3 }, mirroring: { enabled: false } });
    expect(findManifest(site, 'CephBlockPool', 'plain').spec.mirroring).toEqual({ enabled: false });
  });

  test('WHEN mirroring is set on Rook 1.2.7 THEN it is refused with the feature, the pinned version, the versions that have it and the fix', () => {
    const { cluster } = rookSite('1.2.7');
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image' } }));
    expect(e.message).toMatch(/spec\.mirroring/);
    expectHelpful(e.message, { path: 'test-site/cluster/mirrored: mirroring', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove mirroring/ });
  });

  test('WHEN the mirror status check is set on Rook 1.2.7 THEN it is refused the same way', () => {
    const { cluster } = rookSite('1.2.7');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, statusCheck: { mirror: { disabled: true } } }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: statusCheck', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove statusCheck/ });
  });

  test('WHEN the status check interval is not a duration THEN it is refused', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, statusCheck: { mirror: { interval: '60' } } }));
    expect(e.message).toMatch(/statusCheck\.mirror\.interval/);
    expect(e.message).toMatch(/"60s"/);
  });
});

describe('GIVEN BlockPool CRUSH updates', () => {
  test('WHEN enableCrushUpdates is set on Rook 1.20.6 THEN it is written', () => {
    const { site, cluster } = rookSite();
    cluster.addPool('p', { replicated: { size: 3 }, enableCrushUpdates: true, deviceClass: 'ssd' });
    expect(findManifest(site, 'CephBlockPool', 'p').spec).toMatchObject({ enableCrushUpdates: true, deviceClass: 'ssd' });
  });

  test('WHEN enableCrushUpdates is set on Rook 1.7.11 THEN it is refused with the versions that have it', () => {
    const { cluster } = rookSite('1.7.11');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, enableCrushUpdates: true }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: enableCrushUpdates', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove enableCrushUpdates/ });
  });
});

describe('GIVEN a hybrid BlockPool', () => {
  test('WHEN the primary copy goes to ssd and the others to hdd THEN replicated.hybridStorage is written', () => {
    const { site, cluster } = rookSite();
    cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' } } });
    expect(findManifest(site, 'CephBlockPool', 'hybrid').spec.replicated.hybridStorage).toEqual({ primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' });
  });

  test('WHEN both classes are the same THEN it is refused', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'ssd' } } }));
    expectHelpful(e.message, { path: /replicated\.hybridStorage\.secondaryDeviceClass/, allowed: /two different device classes/, fix: /deviceClass/ });
  });

  test('WHEN hybridStorage is set on Rook 1.2.7 THEN it is refused with the versions that have it', () => {
    const { cluster } = rookSite('1.2.7');
    const e = configError(() => cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' } } }));
    expectHelpful(e.message, { path: 'test-site/cluster/hybrid: replicated.hybridStorage', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove replicated\.hybridStorage/ });
  });
});

describe('GIVEN the built-in Ceph pools', () => {
  test('WHEN a normal pool is named ".mgr" THEN it is refused and pointed at cephName', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('mgr', { name: '.mgr', replicated: { size: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/mgr: name', value: '".mgr"', allowed: /only as cephName/, fix: /name: 'builtin-mgr', cephName: '\.mgr'/ });
  });

  test('WHEN a normal pool is named ".rgw.root" or ".nfs" THEN it is refused the same way', () => {
    const { cluster } = rookSite();
    for (const name of ['.rgw.root', '.nfs']) {
      const e = configError(() => cluster.addPool(`p${name.length}`, { name, replicated: { size: 3 } }));
      expectHelpful(e.message, { path: /: name/, value: `"${name}"`, allowed: /\.mgr, \.nfs|\.rgw\.root/, fix: new RegExp(`cephName: '${name.replace(/\./g, '\\.')}'`) });
    }
  });

  test('WHEN any other name starts with "." THEN it is refused as reserved', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('hidden', { name: '.hidden', replicated: { size: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/hidden: name', value: '".hidden"', allowed: /DNS-1123/, fix: /without the leading/ });
  });

  test('WHEN a cephName outside the built-ins is given THEN zod lists the built-ins', () => {
    const { cluster } = rookSite();
    const e = configError(() => cluster.addPool('x', { cephName: '.other' as any, replicated: { size: 3 } }));
    expect(e.message).toMatch(/cephName/);
    expect(e.message).toMatch(/\.mgr/);
  });

  test('WHEN two CephBlockPools manage .mgr in one cluster THEN synth fails naming the first', () => {
    const { app, cluster } = rookSite();
    cluster.addPool('builtin-mgr', { cephName: '.mgr', replicated: { size: 3 } });
    cluster.addPool('mgr-again', { cephName: '.mgr', replicated: { size: 3 } });
    expectHelpful(synthError(app).message, { path: 'test-site/cluster/mgr-again: cephName', value: '".mgr"', allowed: /one CephBlockPool per built-in pool/, fix: /builtin-mgr/ });
  });
});

describe('GIVEN CephFilesystem data pools', () => {
  test('WHEN the first data pool is erasure-coded THEN it is refused with the replicated-first layout as the fix', () => {
    const { site, cluster } = rookSite();
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] }));
    expectHelpful(e.message, { path: 'test-site/fs: dataPools[0].erasureCoded', value: /"dataChunks":2/, allowed: /replicated first data pool/, fix: /before the erasure-coded pool/ });
  });

  test('WHEN a replicated pool comes first and an EC pool second THEN both are written and a class can use the EC pool', () => {
    const { site, cluster } = rookSite();
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'ec-files', { filesystem: fs, dataPool: 'ec' });
    const spec = findManifest(site, 'CephFilesystem', 'fs').spec;
    expect(spec.dataPools.map((d: any) => d.name)).toEqual([undefined, 'ec']);
    expect(findManifest(site, 'StorageClass', 'ec-files').parameters.pool).toBe('fs-ec');
  });

  test('WHEN a data pool is unnamed THEN Rook\'s pool "<fs>-data<i>" is what a class refers to as "data<i>"', () => {
    const { site, cluster } = rookSite();
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ replicated: { size: 3 } }] });
    new CephFsStorageClass(site, 'files', { filesystem: fs });
    expect(fs.dataPoolNames).toEqual(['data0']);
    expect(findManifest(site, 'StorageClass', 'files').parameters.pool).toBe('fs-data0');
  });

  test('WHEN a named pool takes the name an unnamed one has THEN it is refused as a duplicate', () => {
    const { site, cluster } = rookSite();
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'data1', replicated: { size: 3 } }, { replicated: { size: 3 } }] }));
    expectHelpful(e.message, { path: /dataPools.*1.*name/, allowed: /unique names/, fix: /rename/ });
  });

  testWithUpstream('WHEN the site pins Rook 1.7.11 THEN data pool names stay handles: not written, the Ceph pools are "<fs>-data<i>", and the site validates strictly', () => {
    const { app, site, cluster } = rookSite('1.7.11');
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'ec-files', { filesystem: fs, dataPool: 'ec' });
    const objs = synthValid(app);
    const f = objs.find((o) => o.kind === 'CephFilesystem');
    expect(f.spec.dataPools.map((d: any) => d.name)).toEqual([undefined, undefined]);
    expect(objs.find((o) => o.kind === 'StorageClass').parameters.pool).toBe('fs-data1');
  });

  test('WHEN preservePoolsOnDelete is set THEN it is written next to preserveFilesystemOnDelete', () => {
    const { site, cluster } = rookSite();
    new CephFilesystem(site, 'fs', { cluster, preservePoolsOnDelete: true });
    expect(findManifest(site, 'CephFilesystem', 'fs').spec).toMatchObject({ preserveFilesystemOnDelete: true, preservePoolsOnDelete: true });
  });
});

describe('GIVEN CephFilesystem MDS settings', () => {
  test('WHEN probes, labels, annotations, resources and a priority class are set THEN metadataServer carries them', () => {
    const { site, cluster } = rookSite();
    new CephFilesystem(site, 'fs', {
      cluster,
      mdsLivenessProbe: { probe: { initialDelaySeconds: 10, timeoutSeconds: 5 } },
      mdsStartupProbe: { disabled: true },
      mdsLabels: { tier: 'storage' },
      mdsAnnotations: { 'example.com/owner': 'storage-team' },
      mdsResources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } },
      mdsPriorityClassName: 'system-cluster-critical',
    });
    expect(findManifest(site, 'CephFilesystem', 'fs').spec.metadataServer).toEqual({
      activeCount: 1,
      activeStandby: true,
      livenessProbe: { probe: { initialDelaySeconds: 10, timeoutSeconds: 5 } },
      startupProbe: { disabled: true },
      labels: { tier: 'storage' },
      annotations: { 'example.com/owner': 'storage-team' },
      resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } },
      priorityClassName: 'system-cluster-critical',
    });
  });

  test('WHEN the MDS cache factors are set THEN they are written; out of 0..1 or on Rook 1.7.11 they are refused', () => {
    const { site, cluster } = rookSite();
    new CephFilesystem(site, 'fs', { cluster, mdsResources: { limits: { memory: '8Gi' } }, mdsCacheMemoryLimitFactor: 0.6, mdsCacheMemoryRequestFactor: 0.7 });
    expect(findManifest(site, 'CephFilesystem', 'fs').spec.metadataServer).toMatchObject({ cacheMemoryLimitFactor: 0.6, cacheMemoryRequestFactor: 0.7 });
    expect(configError(() => new CephFilesystem(site, 'fs2', { cluster, mdsCacheMemoryLimitFactor: 1.5 })).message).toMatch(/mdsCacheMemoryLimitFactor/);
    const old = rookSite('1.7.11');
    const e = configError(() => new CephFilesystem(old.site, 'fs', { cluster: old.cluster, mdsCacheMemoryLimitFactor: 0.6 }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsCacheMemoryLimitFactor', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove mdsCacheMemoryLimitFactor/ });
  });

  test('WHEN an MDS probe is set on Rook 1.7.11 THEN it is refused with the versions that have it', () => {
    const { site, cluster } = rookSite('1.7.11');
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, mdsLivenessProbe: { disabled: false } }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsLivenessProbe', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove mdsLivenessProbe/ });
  });

  test('WHEN MDS labels are set on Rook 1.2.7 THEN they are refused, on 1.7.11 written', () => {
    const old = rookSite('1.2.7');
    const e = configError(() => new CephFilesystem(old.site, 'fs', { cluster: old.cluster, mdsLabels: { tier: 'storage' } }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsLabels', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /mdsAnnotations/ });
    const mid = rookSite('1.7.11');
    new CephFilesystem(mid.site, 'fs', { cluster: mid.cluster, mdsLabels: { tier: 'storage' } });
    expect(findManifest(mid.site, 'CephFilesystem', 'fs').spec.metadataServer.labels).toEqual({ tier: 'storage' });
  });
});

describe('GIVEN the Toolbox', () => {
  test('WHEN it is added THEN the optional rook-config-override ConfigMap is mounted read-only where the script merges it into ceph.conf', () => {
    const { site, cluster } = rookSite();
    new Toolbox(site, 'tools', { cluster });
    const pod = findManifest(site, 'Deployment', 'rook-ceph-tools').spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'rook-config-override')).toEqual({ name: 'rook-config-override', configMap: { name: 'rook-config-override', optional: true } });
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === 'rook-config-override');
    expect(mount).toEqual({ name: 'rook-config-override', mountPath: '/etc/rook-config-override', readOnly: true });
    expect(pod.containers[0].command[2]).toContain(`${mount.mountPath}/config`);
  });

  test('WHEN imagePullPolicy is set THEN it is written; unset, the Kubernetes default for the image is', () => {
    const a = rookSite();
    new Toolbox(a.site, 'tools', { cluster: a.cluster, image: 'quay.io/ceph/ceph:v20', imagePullPolicy: 'Never' });
    expect(findManifest(a.site, 'Deployment', 'rook-ceph-tools').spec.template.spec.containers[0].imagePullPolicy).toBe('Never');
    const b = rookSite();
    new Toolbox(b.site, 'tools', { cluster: b.cluster, image: 'quay.io/ceph/ceph:latest' });
    expect(findManifest(b.site, 'Deployment', 'rook-ceph-tools').spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  test('WHEN imagePullPolicy is not a policy THEN it is refused with the policies', () => {
    const { site, cluster } = rookSite();
    const e = configError(() => new Toolbox(site, 'tools', { cluster, imagePullPolicy: 'Sometimes' as any }));
    expect(e.message).toMatch(/imagePullPolicy/);
    expect(e.message).toMatch(/IfNotPresent/);
  });
});

describe('GIVEN RBD and CephFS class node options', () => {
  test('WHEN an RBD class sets mounter, map options and encryption THEN they are parameters', () => {
    const { site, cluster } = rookSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'nbd', { pool, mounter: 'rbd-nbd', mapOptions: 'krbd:lock_on_read;nbd:try-netlink', unmapOptions: 'force', encrypted: true, encryptionKMSID: 'vault-1' });
    expect(findManifest(site, 'StorageClass', 'nbd').parameters).toMatchObject({ mounter: 'rbd-nbd', mapOptions: 'krbd:lock_on_read;nbd:try-netlink', unmapOptions: 'force', encrypted: 'true', encryptionKMSID: 'vault-1' });
  });

  test('WHEN encryptionKMSID is set without encrypted THEN it is refused', () => {
    const { site, cluster } = rookSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, encryptionKMSID: 'vault-1' }));
    expectHelpful(e.message, { path: /encryptionKMSID/, allowed: /encrypted: true/, fix: /set encrypted: true/ });
  });

  test('WHEN map options hold spaces THEN they are refused', () => {
    const { site, cluster } = rookSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, mapOptions: 'lock_on_read, queue_depth=1024' }));
    expect(e.message).toMatch(/mapOptions/);
    expect(e.message).toMatch(/no spaces/);
  });

  test('WHEN map options are set on Rook 1.2.7 THEN they are refused with the versions that have them', () => {
    const { site, cluster } = rookSite('1.2.7');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'c', { pool, mapOptions: 'lock_on_read' }));
    expectHelpful(e.message, { path: 'test-site/c: mapOptions', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove mapOptions/ });
  });

  test('WHEN a CephFS class sets the mounter and mount options THEN they are parameters; encryption on Rook 1.7.11 is refused', () => {
    const { site, cluster } = rookSite();
    const filesystem = new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'files', { filesystem, mounter: 'kernel', kernelMountOptions: 'ms_mode=secure', fuseMountOptions: 'debug', mountOptions: ['noatime'] });
    const sc = findManifest(site, 'StorageClass', 'files');
    expect(sc.parameters).toMatchObject({ mounter: 'kernel', kernelMountOptions: 'ms_mode=secure', fuseMountOptions: 'debug' });
    expect(sc.mountOptions).toEqual(['noatime']);
    const old = rookSite('1.7.11');
    const fs17 = new CephFilesystem(old.site, 'myfs', { cluster: old.cluster });
    const e = configError(() => new CephFsStorageClass(old.site, 'files', { filesystem: fs17, encrypted: true }));
    expectHelpful(e.message, { path: 'test-site/files: encrypted', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove encrypted/ });
  });

  test('WHEN no node option is set THEN the classes carry none of these parameters', () => {
    const { site, cluster } = rookSite();
    new CephRbdStorageClass(site, 'block', { pool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new CephFsStorageClass(site, 'files', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    for (const sc of manifests(site).filter((m) => m.kind === 'StorageClass')) {
      for (const key of ['mounter', 'mapOptions', 'unmapOptions', 'encrypted', 'encryptionKMSID', 'kernelMountOptions', 'fuseMountOptions']) expect(sc.parameters).not.toHaveProperty(key);
    }
  });
});
