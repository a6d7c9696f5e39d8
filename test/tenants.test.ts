/**
 * Multi-tenant Ceph (issue 11, tenant half) across the tenant constructs: subvolume groups and RADOS namespaces
 * together (their clusterIDs, on an ExternalCluster, on Rook 1.7), a client with NFS and the mirroring daemons. Each
 * construct's own scenarios are in its file (sub-volume-group, rados-namespace, ceph-client, nfs-server, rbd-mirror,
 * filesystem-mirror, nfs-storage-class, cephfs-snapshot-class, topolvm-snapshot-class).
 */
import {
  CephClient, CephFilesystem, CephFsStorageClass, CephFsExternalStorageClass, CephRbdStorageClass, ExternalCluster,
  CephFilesystemMirror, CephNfs, CephNfsStorageClass, CephBlockPoolRadosNamespace, CephRbdMirror, RookCluster, Site, CephFilesystemSubVolumeGroup,
} from '../src';
import { rookDerivedClusterId } from '../src/rook/csi-cluster-id';
import { csiRookSite, expectHelpful, refusedWritingNothing, synthError, validObjectsOf } from './helpers';
import { props120 } from './external-helpers';

describe('GIVEN a CephFS subvolume group and an RBD RADOS namespace on Rook 1.20', () => {
  test('WHEN their classes are built THEN each class carries its tenant\'s clusterID, fixed at synth, and everything validates', () => {
    const { app, site, cluster } = csiRookSite();
    const shared = new CephFilesystem(site, 'shared', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    const teamA = new CephFilesystemSubVolumeGroup(site, 'team-a', { filesystem: shared, quota: '1Ti', dataPool: 'ec', pinning: { export: 0 } });
    new CephFsStorageClass(site, 'cephfs-team-a', { subVolumeGroup: teamA });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const tenantB = new CephBlockPoolRadosNamespace(site, 'tenant-b', { blockPool: pool, clusterID: 'tenant-b' });
    new CephRbdStorageClass(site, 'block-tenant-b', { radosNamespace: tenantB });
    const objs = validObjectsOf(app);

    const svg = objs.find((o) => o.kind === 'CephFilesystemSubVolumeGroup');
    expect(svg.spec).toEqual({ filesystemName: 'shared', clusterID: teamA.clusterID, quota: '1Ti', dataPoolName: 'shared-ec', pinning: { export: 0 } });
    // the operator's own derivation: sha256("<namespace>-<filesystem>-file-<group>"), first 16 bytes in hex
    expect(teamA.clusterID).toBe(rookDerivedClusterId('rook-ceph-shared-file-team-a'));
    expect(teamA.clusterID).toMatch(/^[0-9a-f]{32}$/);
    const fsClass = objs.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'cephfs-team-a');
    expect(fsClass.parameters).toMatchObject({ clusterID: teamA.clusterID, fsName: 'shared', pool: 'shared-ec' });

    const rns = objs.find((o) => o.kind === 'CephBlockPoolRadosNamespace');
    expect(rns.spec).toEqual({ blockPoolName: 'replicapool', clusterID: 'tenant-b' });
    const rbdClass = objs.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'block-tenant-b');
    expect(rbdClass.parameters).toMatchObject({ clusterID: 'tenant-b', pool: 'replicapool' });
  });

  test('WHEN the tenants are on an ExternalCluster THEN pool and filesystem are checked against its rbdPools and filesystems', () => {
    const { app, site } = csiRookSite();
    const ext = new ExternalCluster(site, 'external', props120({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
    const ns = new CephBlockPoolRadosNamespace(site, 'tenant-x', { cluster: ext, blockPool: 'k8s-rbd' });
    new CephRbdStorageClass(site, 'ext-tenant-x', { radosNamespace: ns });
    new CephFilesystemSubVolumeGroup(site, 'group-x', { cluster: ext, filesystem: 'k8s-fs', dataPool: 'k8s-fs-data' });
    const objs = validObjectsOf(app);
    expect(objs.find((o) => o.kind === 'CephBlockPoolRadosNamespace').metadata.namespace).toBe('rook-ceph-external');
    expect(objs.find((o) => o.kind === 'CephFilesystemSubVolumeGroup').spec.dataPoolName).toBe('k8s-fs-data');
    expect(objs.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'ext-tenant-x').parameters.clusterID).toBe(ns.clusterID);
    const g = site.node.findChild('group-x') as CephFilesystemSubVolumeGroup;
    new CephFsExternalStorageClass(site, 'ext-cephfs-group-x', { cluster: ext, fsName: 'k8s-fs', subVolumeGroup: g });
    const sc = validObjectsOf(app).find((o) => o.kind === 'StorageClass' && o.metadata.name === 'ext-cephfs-group-x');
    expect(sc.parameters).toMatchObject({ clusterID: g.clusterID, fsName: 'k8s-fs', pool: 'k8s-fs-data' });
    expect(() => new CephFsExternalStorageClass(site, 'ext-cephfs-wrong', { cluster: ext, fsName: 'other-fs', subVolumeGroup: g })).toThrow(/is in filesystem "k8s-fs"/);
    const { app: app2, site: site2 } = csiRookSite();
    const ext2 = new ExternalCluster(site2, 'external', props120({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
    new CephBlockPoolRadosNamespace(site2, 'tenant-y', { cluster: ext2, blockPool: 'not-there' });
    expectHelpful(synthError(app2).message, { path: 'test-site/tenant-y: blockPool', value: '"not-there"', allowed: '"k8s-rbd"', fix: /rbdPools/ });
  });
});

describe('GIVEN a CephClient, an NFS server and the mirroring daemons', () => {
  test('THEN the client surfaces the Secret the operator writes, and a mirrored pool and filesystem with their daemons validate', () => {
    const { app, site, cluster } = csiRookSite();
    const c = new CephClient(site, 'glance', { cluster, caps: { mon: 'profile rbd', osd: 'profile rbd pool=images' } });
    const named = new CephClient(site, 'cinder', { cluster, caps: { mon: 'profile rbd' }, secretName: 'cinder-ceph-key' });
    expect(c.secretName).toBe('rook-ceph-client-glance');
    expect(named.secretName).toBe('cinder-ceph-key');
    expect(c.cephUser).toBe('client.glance');
    cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image', snapshotSchedules: [{ interval: '24h' }], peers: { secretNames: ['site-b-token'] } } });
    const myfs = new CephFilesystem(site, 'myfs', { cluster, mirroring: { snapshotSchedules: [{ path: '/', interval: '24h' }], snapshotRetention: [{ path: '/', duration: '7d' }] } });
    new CephRbdMirror(site, 'rbd-mirror', { cluster, count: 2 });
    new CephFilesystemMirror(site, 'fs-mirror', { cluster });
    const nfs = new CephNfs(site, 'my-nfs', { cluster, active: 2 });
    new CephNfsStorageClass(site, 'rook-nfs', { nfs, filesystem: myfs });
    const objs = validObjectsOf(app);
    expect(objs.find((o) => o.kind === 'CephBlockPool').spec.mirroring).toEqual({ enabled: true, mode: 'image', snapshotSchedules: [{ interval: '24h' }], peers: { secretNames: ['site-b-token'] } });
    expect(objs.find((o) => o.kind === 'CephFilesystem').spec.mirroring.enabled).toBe(true);
    expect(objs.find((o) => o.kind === 'StorageClass').parameters).toMatchObject({ nfsCluster: 'my-nfs', server: 'rook-ceph-nfs-my-nfs-a' });
  });
});

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {

  test('WHEN two tenants share a clusterID, or one takes the cluster namespace THEN synth fails', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
      new CephBlockPoolRadosNamespace(site, 'a', { blockPool: pool, clusterID: 'tenant' });
      new CephFilesystemSubVolumeGroup(site, 'b', { filesystem: new CephFilesystem(site, 'myfs', { cluster }), clusterID: 'tenant' });
      new CephBlockPoolRadosNamespace(site, 'c', { blockPool: pool, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/b: clusterID', value: '"tenant"', allowed: /unique/ });
    expectHelpful(m, { path: 'test-site/c: clusterID', value: '"rook-ceph"', allowed: /no CephCluster namespace/ });
  });

  test('WHEN subvolume groups or RADOS namespaces are declared on Rook 1.7 THEN they are refused', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
      const cluster = new RookCluster(site, 'cluster');
      new CephBlockPoolRadosNamespace(site, 'tenant', { blockPool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    });
    expectHelpful(m, { path: 'test-site/tenant', value: '"1.7.11"', allowed: /v1\.20\.6/ });
  });

  test('WHEN a client has no caps or a subvolume group two pinnings THEN the props are refused', () => {
    const { site, cluster } = csiRookSite();
    const m = refusedWritingNothing(() => new CephClient(site, 'empty', { cluster, caps: {} }));
    expectHelpful(m, { path: 'test-site/empty: caps', allowed: /mon, mgr, osd/ });
    const p = refusedWritingNothing(() => new CephFilesystemSubVolumeGroup(site, 'g', { filesystem: 'myfs', cluster, pinning: { distributed: 1, export: 2 } }));
    expectHelpful(p, { path: 'test-site/g: pinning.export', allowed: /exactly one/ });
  });
});
