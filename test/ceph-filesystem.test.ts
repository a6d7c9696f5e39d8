/** CephFilesystem (src/rook/ceph-filesystem.ts): data pools, MDS settings, the Rook line rules. */
import { CephCsi, CephFilesystem, CephFsStorageClass, RookCluster, RookOperator, synthApp } from '../src';
import {
  configError, expectHelpful, findManifest, newSite, rookClusterSite, synthError, threeNodeRookSite, UPSTREAM,
} from './helpers';
import { synthValid } from './upstream-compare';
import { testWithUpstream } from './upstream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('GIVEN CephFilesystem data pools', () => {
  test('WHEN the first data pool is erasure-coded THEN it is refused with the replicated-first layout as the fix', () => {
    const { site, cluster } = rookClusterSite();
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] }));
    expectHelpful(e.message, { path: 'test-site/fs: dataPools[0].erasureCoded', value: /"dataChunks":2/, allowed: /replicated first data pool/, fix: /before the erasure-coded pool/ });
  });

  test('WHEN a replicated pool comes first and an EC pool second THEN both are written and a class can use the EC pool', () => {
    const { site, cluster } = rookClusterSite();
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'ec-files', { filesystem: fs, dataPool: 'ec' });
    const spec = findManifest(site, 'CephFilesystem', 'fs').spec;
    expect(spec.dataPools.map((d: any) => d.name)).toEqual([undefined, 'ec']);
    expect(findManifest(site, 'StorageClass', 'ec-files').parameters.pool).toBe('fs-ec');
  });

  test('WHEN a data pool is unnamed THEN Rook\'s pool "<fs>-data<i>" is what a class refers to as "data<i>"', () => {
    const { site, cluster } = rookClusterSite();
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ replicated: { size: 3 } }] });
    new CephFsStorageClass(site, 'files', { filesystem: fs });
    expect(fs.dataPoolNames).toEqual(['data0']);
    expect(findManifest(site, 'StorageClass', 'files').parameters.pool).toBe('fs-data0');
  });

  test('WHEN a named pool takes the name an unnamed one has THEN it is refused as a duplicate', () => {
    const { site, cluster } = rookClusterSite();
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'data1', replicated: { size: 3 } }, { replicated: { size: 3 } }] }));
    expectHelpful(e.message, { path: /dataPools.*1.*name/, allowed: /unique names/, fix: /rename/ });
  });

  testWithUpstream('WHEN the site pins Rook 1.7.11 THEN data pool names stay handles: not written, the Ceph pools are "<fs>-data<i>", and the site validates strictly', () => {
    const { app, site, cluster } = rookClusterSite('1.7.11');
    const fs = new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'ec-files', { filesystem: fs, dataPool: 'ec' });
    const objs = synthValid(app);
    const f = objs.find((o) => o.kind === 'CephFilesystem');
    expect(f.spec.dataPools.map((d: any) => d.name)).toEqual([undefined, undefined]);
    expect(objs.find((o) => o.kind === 'StorageClass').parameters.pool).toBe('fs-data1');
  });

  test('WHEN preservePoolsOnDelete is set THEN it is written next to preserveFilesystemOnDelete', () => {
    const { site, cluster } = rookClusterSite();
    new CephFilesystem(site, 'fs', { cluster, preservePoolsOnDelete: true });
    expect(findManifest(site, 'CephFilesystem', 'fs').spec).toMatchObject({ preserveFilesystemOnDelete: true, preservePoolsOnDelete: true });
  });
});

describe('GIVEN CephFilesystem MDS settings', () => {
  test('WHEN probes, labels, annotations, resources and a priority class are set THEN metadataServer carries them', () => {
    const { site, cluster } = rookClusterSite();
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
    const { site, cluster } = rookClusterSite();
    new CephFilesystem(site, 'fs', { cluster, mdsResources: { limits: { memory: '8Gi' } }, mdsCacheMemoryLimitFactor: 0.6, mdsCacheMemoryRequestFactor: 0.7 });
    expect(findManifest(site, 'CephFilesystem', 'fs').spec.metadataServer).toMatchObject({ cacheMemoryLimitFactor: 0.6, cacheMemoryRequestFactor: 0.7 });
    expect(configError(() => new CephFilesystem(site, 'fs2', { cluster, mdsCacheMemoryLimitFactor: 1.5 })).message).toMatch(/mdsCacheMemoryLimitFactor/);
    const old = rookClusterSite('1.7.11');
    const e = configError(() => new CephFilesystem(old.site, 'fs', { cluster: old.cluster, mdsCacheMemoryLimitFactor: 0.6 }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsCacheMemoryLimitFactor', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove mdsCacheMemoryLimitFactor/ });
  });

  test('WHEN an MDS probe is set on Rook 1.7.11 THEN it is refused with the versions that have it', () => {
    const { site, cluster } = rookClusterSite('1.7.11');
    const e = configError(() => new CephFilesystem(site, 'fs', { cluster, mdsLivenessProbe: { disabled: false } }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsLivenessProbe', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove mdsLivenessProbe/ });
  });

  test('WHEN MDS labels are set on Rook 1.2.7 THEN they are refused, on 1.7.11 written', () => {
    const old = rookClusterSite('1.2.7');
    const e = configError(() => new CephFilesystem(old.site, 'fs', { cluster: old.cluster, mdsLabels: { tier: 'storage' } }));
    expectHelpful(e.message, { path: 'test-site/fs: mdsLabels', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /mdsAnnotations/ });
    const mid = rookClusterSite('1.7.11');
    new CephFilesystem(mid.site, 'fs', { cluster: mid.cluster, mdsLabels: { tier: 'storage' } });
    expect(findManifest(mid.site, 'CephFilesystem', 'fs').spec.metadataServer.labels).toEqual({ tier: 'storage' });
  });
});

describe('GIVEN a CephFilesystem with a CephFS StorageClass', () => {
  test('THEN the filesystem has its pools and MDS settings, and the class uses fsName and pool <fs>-<dataPool>; everything validates', () => {
    const { app, site, cluster } = threeNodeRookSite();
    const fs = new CephFilesystem(site, 'myfs', { cluster, activeCount: 2, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'rook-cephfs', { filesystem: fs });
    new CephFsStorageClass(site, 'rook-cephfs-ec', { filesystem: fs, dataPool: 'ec' });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const objs = r.sites[0].files.flatMap((f) => f.objects);
    const cfs = objs.find((m) => m.kind === 'CephFilesystem');
    expect(cfs.spec.metadataServer).toEqual({ activeCount: 2, activeStandby: true });
    expect(cfs.spec.metadataPool.replicated.size).toBe(3);
    expect(cfs.spec.preserveFilesystemOnDelete).toBe(true);
    const sc = objs.find((m) => m.kind === 'StorageClass' && m.metadata.name === 'rook-cephfs');
    expect(sc.provisioner).toBe('rook-ceph.cephfs.csi.ceph.com');
    expect(sc.parameters).toMatchObject({ clusterID: 'rook-ceph', fsName: 'myfs', pool: 'myfs-replicated', 'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-cephfs-node' });
    expect(objs.find((m) => m.metadata.name === 'rook-cephfs-ec').parameters.pool).toBe('myfs-ec');
  });

  test('WHEN the class names a data pool the filesystem lacks THEN synth fails listing its data pools', () => {
    const { app, site, cluster } = threeNodeRookSite();
    const fs = new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'cephfs', { filesystem: fs, dataPool: 'data0' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: dataPool', value: 'data0', allowed: '"replicated"' });
  });

  test('WHEN the class names a filesystem the site lacks THEN synth fails', () => {
    const { app, site, cluster } = threeNodeRookSite();
    new CephFilesystem(site, 'myfs', { cluster });
    new CephFsStorageClass(site, 'cephfs', { filesystem: 'otherfs', cluster, dataPool: 'replicated' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: filesystem', value: 'otherfs', allowed: '"myfs"' });
  });

  test('WHEN the metadata pool is erasure-coded THEN it is rejected', () => {
    const { site, cluster } = threeNodeRookSite();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, metadataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } } }));
    expectHelpful(e.message, { path: 'test-site/myfs: metadataPool.erasureCoded', fix: /replicated/ });
  });

  test('WHEN the first data pool is erasure-coded THEN it is rejected with the fix', () => {
    const { site, cluster } = threeNodeRookSite();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] }));
    expectHelpful(e.message, { path: 'myfs: dataPools[0].erasureCoded', fix: /insert/ });
  });

  test('WHEN two data pools share a name THEN it is rejected', () => {
    const { site, cluster } = threeNodeRookSite();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'a', replicated: { size: 3 } }, { name: 'a', replicated: { size: 3 } }] }));
    expectHelpful(e.message, { path: 'myfs: dataPools[1].name', allowed: /unique/ });
  });

  test('WHEN a pool needs more hosts than the site declares THEN synth fails', () => {
    const { app, site, cluster } = threeNodeRookSite();
    new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 4 } }] });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/myfs: dataPools[0]', value: '4', allowed: /at most 3/ });
  });

  test('WHEN the CephFS driver is off THEN the CephFS class fails the driver check', () => {
    const { app, site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { cephfs: false } });
    const cluster = new RookCluster(site, 'cluster');
    new CephFsStorageClass(site, 'cephfs', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cephfs: provisioner', value: 'rook-ceph.cephfs.csi.ceph.com' });
  });
});

describe('GIVEN a CephFilesystem on Rook v1.2.7 (part 8: valid, but it could not be written)', () => {
  const site12 = () => newSite({ kubernetesVersion: '1.16.4', rookVersion: '1.2.7' });

  test('WHEN a default filesystem and its class are declared THEN the site synthesizes with the v1.2.7 CRD\'s fields and pool names', () => {
    const { app, site } = site12();
    const myfs = new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster') });
    new CephFsStorageClass(site, 'cephfs', { filesystem: myfs });
    expect(() => synthApp(app, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-')), upstreamDir: UPSTREAM })).not.toThrow();
    const spec = findManifest(site, 'CephFilesystem', 'myfs').spec;
    expect(spec.dataPools).toEqual([{ failureDomain: 'host', replicated: { size: 3 } }]);
    expect(spec.preservePoolsOnDelete).toBe(true);
    expect(spec.preserveFilesystemOnDelete).toBeUndefined();
    expect(findManifest(site, 'StorageClass', 'cephfs').parameters.pool).toBe('myfs-data0');
  });

  test('WHEN the class names the filesystem and its second data pool by name THEN the pool is "<fs>-data1"', () => {
    const { site } = site12();
    const cluster = new RookCluster(site, 'cluster');
    new CephFilesystem(site, 'myfs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    new CephFsStorageClass(site, 'cephfs-ec', { filesystem: 'myfs', cluster, dataPool: 'ec' });
    expect(findManifest(site, 'StorageClass', 'cephfs-ec').parameters.pool).toBe('myfs-data1');
  });

  test('WHEN a v1.2.7 filesystem pool sets deviceClass THEN it is refused as not on this version', () => {
    const { site } = site12();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster'), dataPools: [{ name: 'ssd', replicated: { size: 3 }, deviceClass: 'ssd' }] }));
    expectHelpful(e.message, { path: 'test-site/myfs: dataPools[0].deviceClass', fix: /remove dataPools\[0\].deviceClass/ });
  });

  test('WHEN a v1.2.7 filesystem asks for 11 active MDS THEN it is refused with the v1.2.7 limit', () => {
    const { site } = site12();
    const e = configError(() => new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster'), activeCount: 11 }));
    expectHelpful(e.message, { path: 'test-site/myfs: activeCount', fix: /at most 10 active MDS/ });
  });

  test('WHEN the same filesystem is on Rook 1.20 THEN its pools keep their names', () => {
    const { site } = newSite();
    const myfs = new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster') });
    new CephFsStorageClass(site, 'cephfs', { filesystem: myfs });
    expect(findManifest(site, 'StorageClass', 'cephfs').parameters.pool).toBe('myfs-replicated');
  });
});
