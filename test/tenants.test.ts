/**
 * Multi-tenant Ceph (issue 11, tenant half): subvolume groups and RADOS namespaces with a clusterID fixed at synth and
 * the classes that carry it, Ceph clients, NFS, mirroring daemons, the CephFS and TopoLVM snapshot classes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CephClient, CephCsi, CephFilesystem, CephFsSnapshotClass, CephFsStorageClass, CephFsExternalStorageClass, CephRbdSnapshotClass, CephRbdStorageClass, ConfigError, ExternalCluster, FilesystemMirror, NfsServer, NfsStorageClass, RadosNamespace, RbdMirror, RookCluster, RookOperator, Site, SiteProps, SubVolumeGroup, synthApp, TopoLVM, TopolvmSnapshotClass, TopolvmStorageClass } from '../src';
import { rookDerivedClusterId } from '../src/rook/csi-cluster-id';
import { expectHelpful, newSite, synthError, UPSTREAM } from './helpers';
import { props120 } from './external-helpers';

function rookSite(props: Partial<SiteProps> = {}) {
  const { app, site } = newSite(props);
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true, nfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

/**
 * Builds a site with `build`; the mistake must be refused either while building (a ConfigError) or at synth, and in
 * both cases no file is written. Returns the message.
 */
function refused(build: (app: App) => void): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gs-app-')) });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
  let message: string;
  try {
    build(app);
    message = synthError(app, out).message;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    message = e.message;
  }
  expect(fs.readdirSync(out)).toEqual([]);
  return message;
}

function objectsOf(app: App): any[] {
  const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
  expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  return r.sites.flatMap((s) => s.files.flatMap((f) => f.objects));
}

describe('GIVEN a CephFS subvolume group and an RBD RADOS namespace on Rook 1.20', () => {
  test('WHEN their classes are built THEN each class carries its tenant\'s clusterID, fixed at synth, and everything validates', () => {
    const { app, site, cluster } = rookSite();
    const shared = new CephFilesystem(site, 'shared', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 2, codingChunks: 1 } }] });
    const teamA = new SubVolumeGroup(site, 'team-a', { filesystem: shared, quota: '1Ti', dataPool: 'ec', pinning: { export: 0 } });
    new CephFsStorageClass(site, 'cephfs-team-a', { subVolumeGroup: teamA });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const tenantB = new RadosNamespace(site, 'tenant-b', { blockPool: pool, clusterID: 'tenant-b' });
    new CephRbdStorageClass(site, 'block-tenant-b', { radosNamespace: tenantB });
    const objs = objectsOf(app);

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

  test('WHEN an RBD snapshot class names the namespace THEN it carries the namespace\'s clusterID (ceph-csi places snapshots by it)', () => {
    const { app, site, cluster } = rookSite();
    const ns = new RadosNamespace(site, 'tenant-b', { blockPool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new CephRbdSnapshotClass(site, 'rbd-snap-tenant-b', { cluster, radosNamespace: ns });
    expect(objectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass').parameters.clusterID).toBe(ns.clusterID);
  });

  test('WHEN the tenants are on an ExternalCluster THEN pool and filesystem are checked against its rbdPools and filesystems', () => {
    const { app, site } = rookSite();
    const ext = new ExternalCluster(site, 'external', props120({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
    const ns = new RadosNamespace(site, 'tenant-x', { cluster: ext, blockPool: 'k8s-rbd' });
    new CephRbdStorageClass(site, 'ext-tenant-x', { radosNamespace: ns });
    new SubVolumeGroup(site, 'group-x', { cluster: ext, filesystem: 'k8s-fs', dataPool: 'k8s-fs-data' });
    const objs = objectsOf(app);
    expect(objs.find((o) => o.kind === 'CephBlockPoolRadosNamespace').metadata.namespace).toBe('rook-ceph-external');
    expect(objs.find((o) => o.kind === 'CephFilesystemSubVolumeGroup').spec.dataPoolName).toBe('k8s-fs-data');
    expect(objs.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'ext-tenant-x').parameters.clusterID).toBe(ns.clusterID);
    const g = site.node.findChild('group-x') as SubVolumeGroup;
    new CephFsExternalStorageClass(site, 'ext-cephfs-group-x', { cluster: ext, fsName: 'k8s-fs', subVolumeGroup: g });
    const sc = objectsOf(app).find((o) => o.kind === 'StorageClass' && o.metadata.name === 'ext-cephfs-group-x');
    expect(sc.parameters).toMatchObject({ clusterID: g.clusterID, fsName: 'k8s-fs', pool: 'k8s-fs-data' });
    expect(() => new CephFsExternalStorageClass(site, 'ext-cephfs-wrong', { cluster: ext, fsName: 'other-fs', subVolumeGroup: g })).toThrow(/is in filesystem "k8s-fs"/);
    const { app: app2, site: site2 } = rookSite();
    const ext2 = new ExternalCluster(site2, 'external', props120({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
    new RadosNamespace(site2, 'tenant-y', { cluster: ext2, blockPool: 'not-there' });
    expectHelpful(synthError(app2).message, { path: 'test-site/tenant-y: blockPool', value: '"not-there"', allowed: '"k8s-rbd"', fix: /rbdPools/ });
  });

  test('WHEN nothing but the filesystem is given THEN the group pins distributed: 1 and the derived clusterID is stable across runs', () => {
    const a = rookSite();
    const b = rookSite();
    const ga = new SubVolumeGroup(a.site, 'g', { filesystem: new CephFilesystem(a.site, 'myfs', { cluster: a.cluster }) });
    const gb = new SubVolumeGroup(b.site, 'g', { filesystem: new CephFilesystem(b.site, 'myfs', { cluster: b.cluster }) });
    expect(ga.clusterID).toBe(gb.clusterID);
    expect(objectsOf(a.app).find((o) => o.kind === 'CephFilesystemSubVolumeGroup').spec.pinning).toEqual({ distributed: 1 });
  });

  test('WHEN the chart\'s CSI group is asked for THEN it is <fs>-csi with group name "csi", as rook-ceph-cluster creates it', () => {
    const { app, site, cluster } = rookSite();
    const myfs = new CephFilesystem(site, 'myfs', { cluster });
    const g = SubVolumeGroup.csiDefault(site, 'myfs-csi', myfs);
    const o = objectsOf(app).find((x) => x.kind === 'CephFilesystemSubVolumeGroup');
    expect(o.metadata).toEqual({ name: 'myfs-csi', namespace: 'rook-ceph' });
    expect(o.spec).toMatchObject({ name: 'csi', filesystemName: 'myfs', pinning: { distributed: 1 } });
    expect(g.clusterID).toBe(rookDerivedClusterId('rook-ceph-myfs-file-csi'));
  });

  test('WHEN a CephFS snapshot class names the group THEN it carries the group\'s clusterID', () => {
    const { app, site, cluster } = rookSite();
    const g = new SubVolumeGroup(site, 'g', { filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    new CephFsSnapshotClass(site, 'cephfs-snap-g', { subVolumeGroup: g });
    const o = objectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass');
    expect(o.driver).toBe('rook-ceph.cephfs.csi.ceph.com');
    expect(o.parameters.clusterID).toBe(g.clusterID);
  });
});

describe('GIVEN a CephClient, an NFS server and the mirroring daemons', () => {
  test('THEN the client surfaces the Secret the operator writes, and a mirrored pool and filesystem with their daemons validate', () => {
    const { app, site, cluster } = rookSite();
    const c = new CephClient(site, 'glance', { cluster, caps: { mon: 'profile rbd', osd: 'profile rbd pool=images' } });
    const named = new CephClient(site, 'cinder', { cluster, caps: { mon: 'profile rbd' }, secretName: 'cinder-ceph-key' });
    expect(c.secretName).toBe('rook-ceph-client-glance');
    expect(named.secretName).toBe('cinder-ceph-key');
    expect(c.cephUser).toBe('client.glance');
    cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image', snapshotSchedules: [{ interval: '24h' }], peers: { secretNames: ['site-b-token'] } } });
    const myfs = new CephFilesystem(site, 'myfs', { cluster, mirroring: { snapshotSchedules: [{ path: '/', interval: '24h' }], snapshotRetention: [{ path: '/', duration: '7d' }] } });
    new RbdMirror(site, 'rbd-mirror', { cluster, count: 2 });
    new FilesystemMirror(site, 'fs-mirror', { cluster });
    const nfs = new NfsServer(site, 'my-nfs', { cluster, active: 2 });
    new NfsStorageClass(site, 'rook-nfs', { nfs, filesystem: myfs });
    const objs = objectsOf(app);
    expect(objs.find((o) => o.kind === 'CephBlockPool').spec.mirroring).toEqual({ enabled: true, mode: 'image', snapshotSchedules: [{ interval: '24h' }], peers: { secretNames: ['site-b-token'] } });
    expect(objs.find((o) => o.kind === 'CephFilesystem').spec.mirroring.enabled).toBe(true);
    expect(objs.find((o) => o.kind === 'StorageClass').parameters).toMatchObject({ nfsCluster: 'my-nfs', server: 'rook-ceph-nfs-my-nfs-a' });
  });
});

describe('GIVEN a CephClient whose caps name pools', () => {
  test('WHEN a pool is not in the site THEN the site is written with a warning naming it; known and built-in pools are quiet', () => {
    const { app, site, cluster } = rookSite();
    cluster.addPool('images', { replicated: { size: 3 } });
    new CephClient(site, 'cinder', { cluster, caps: { mon: 'profile rbd', osd: 'profile rbd pool=images, profile rbd pool=volumes, allow rw pool=.nfs' } });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/test-site\/cinder: caps\.osd: pool "volumes" is not a pool/);
    expect(r.warnings[0]).toMatch(/fix: add the pool .* \(pools: "images"\)/);
  });
});

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a subvolume group names a filesystem the site does not have THEN synth fails listing the site\'s filesystems', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      new CephFilesystem(site, 'myfs', { cluster });
      new SubVolumeGroup(site, 'team-a', { filesystem: 'otherfs', cluster });
    });
    expectHelpful(m, { path: 'test-site/team-a: filesystem', value: '"otherfs"', allowed: '"myfs"', fix: /add the CephFilesystem/ });
  });

  test('WHEN a subvolume group is given the CephFilesystem of another site THEN synth fails', () => {
    const m = refused((app) => {
      const other = new Site(app, 'other-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const otherFs = new CephFilesystem(other, 'myfs', { cluster: new RookCluster(other, 'cluster') });
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      new RookCluster(site, 'cluster');
      new SubVolumeGroup(site, 'team-a', { filesystem: otherFs });
    });
    expectHelpful(m, { path: 'test-site/team-a: filesystem', value: 'other-site/myfs', allowed: /no CephFilesystem/, fix: /in this site/ });
  });

  test('WHEN an RBD class of a RADOS namespace sets a clusterID that is not the namespace\'s THEN it is refused with the namespace\'s clusterID', () => {
    let want = '';
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
      const ns = new RadosNamespace(site, 'tenant-b', { blockPool: pool });
      want = ns.clusterID;
      new CephRbdStorageClass(site, 'block-tenant-b', { radosNamespace: ns, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/block-tenant-b: clusterID', value: '"rook-ceph"', allowed: `"${want}"`, fix: /remove clusterID/ });
  });

  test('WHEN a CephFS class of a subvolume group sets another clusterID THEN it is refused', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const g = new SubVolumeGroup(site, 'g', { filesystem: new CephFilesystem(site, 'myfs', { cluster: new RookCluster(site, 'cluster') }), clusterID: 'group-g' });
      new CephFsStorageClass(site, 'cephfs-g', { subVolumeGroup: g, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/cephfs-g: clusterID', value: '"rook-ceph"', allowed: '"group-g"' });
  });

  test('WHEN two tenants share a clusterID, or one takes the cluster namespace THEN synth fails', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
      new RadosNamespace(site, 'a', { blockPool: pool, clusterID: 'tenant' });
      new SubVolumeGroup(site, 'b', { filesystem: new CephFilesystem(site, 'myfs', { cluster }), clusterID: 'tenant' });
      new RadosNamespace(site, 'c', { blockPool: pool, clusterID: 'rook-ceph' });
    });
    expectHelpful(m, { path: 'test-site/b: clusterID', value: '"tenant"', allowed: /unique/ });
    expectHelpful(m, { path: 'test-site/c: clusterID', value: '"rook-ceph"', allowed: /no CephCluster namespace/ });
  });

  test('WHEN a TopoLVM snapshot class is made for a thick device class THEN it is refused: "device class is not thin"', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', topolvmVersion: '0.41.0' });
      const topolvm = new TopoLVM(site, 'topolvm', {
        platform: 'kubeadm',
        deviceClasses: [{ name: 'ssd', volumeGroup: 'vg-ssd', default: true }, { name: 'thin', volumeGroup: 'vg-ssd', thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
        lvmd: { mode: 'daemonset' },
        scheduling: { capacityTracking: {} },
      });
      new TopolvmSnapshotClass(site, 'ssd-snapshots', { storageClass: new TopolvmStorageClass(site, 'topolvm-ssd', { topolvm, deviceClass: 'ssd' }) });
    });
    expectHelpful(m, { path: 'test-site/ssd-snapshots: storageClass', value: '"ssd"', allowed: '"thin"', fix: /thinPool/ });
    expect(m).toMatch(/device class is not thin/);
  });

  test('WHEN a TopoLVM snapshot class is made for a thin device class THEN it validates with the TopoLVM driver', () => {
    const { app, site } = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', {
      platform: 'kubeadm',
      deviceClasses: [{ name: 'thin', volumeGroup: 'vg', default: true, thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
      lvmd: { mode: 'daemonset' },
      scheduling: { capacityTracking: {} },
    });
    new TopolvmSnapshotClass(site, 'thin-snapshots', { name: 'topolvm-provisioner-thin', storageClass: new TopolvmStorageClass(site, 'topolvm-provisioner-thin', { topolvm, deviceClass: 'thin' }) });
    const o = objectsOf(app).find((x) => x.kind === 'VolumeSnapshotClass');
    expect(o).toEqual({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: expect.objectContaining({ name: 'topolvm-provisioner-thin' }), driver: 'topolvm.io', deletionPolicy: 'Delete' });
  });

  test('WHEN a TopoLVM snapshot class is asked for on TopoLVM 0.8.3 THEN it is refused: no snapshots there', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.20.0', topolvmVersion: '0.8.3' });
      const topolvm = new TopoLVM(site, 'topolvm', { platform: 'kubeadm', deviceClasses: [{ name: 'ssd', volumeGroup: 'vg' }], lvmd: { mode: 'daemonset' }, scheduling: { extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { certManager: true } });
      new TopolvmSnapshotClass(site, 'snap', { storageClass: new TopolvmStorageClass(site, 'topolvm-ssd', { topolvm }) });
    });
    expectHelpful(m, { path: 'test-site/snap', value: '"0.8.3"', allowed: /TopoLVM v0\.11–v0\.41 \(range >=0\.11\.0\)/ });
  });

  test('WHEN an NfsServer is declared on Rook 1.7 THEN it is refused naming the versions that have it', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
      new NfsServer(site, 'my-nfs', { cluster: new RookCluster(site, 'cluster') });
    });
    expectHelpful(m, { path: 'test-site/my-nfs', value: '"1.7.11"', allowed: /Rook .*v1\.20\.6/, fix: /pin Rook 1\.20\.6/ });
  });

  test('WHEN subvolume groups or RADOS namespaces are declared on Rook 1.7 THEN they are refused', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
      const cluster = new RookCluster(site, 'cluster');
      new RadosNamespace(site, 'tenant', { blockPool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    });
    expectHelpful(m, { path: 'test-site/tenant', value: '"1.7.11"', allowed: /v1\.20\.6/ });
  });

  test('WHEN a RADOS namespace is mirrored but its pool is not THEN synth fails naming the pool to mirror', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const pool = new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 } });
      new RadosNamespace(site, 'tenant', { blockPool: pool, mirroring: { mode: 'image' } });
    });
    expectHelpful(m, { path: 'test-site/tenant: mirroring', value: '"replicapool"', allowed: /no mirrored pools/, fix: /to pool "replicapool"/ });
  });

  test('WHEN a pool asks for mirroring on Rook 1.2 THEN it is refused (no mirroring in its CRD)', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
      new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 }, mirroring: { mode: 'image' } });
    });
    expectHelpful(m, { path: 'test-site/cluster/replicapool: mirroring', value: '"1.2.7"', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });

  test('WHEN an RbdMirror runs in a cluster without any mirrored pool THEN synth fails with the pools to mirror', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      cluster.addPool('replicapool', { replicated: { size: 3 } });
      new RbdMirror(site, 'rbd-mirror', { cluster });
    });
    expectHelpful(m, { path: 'test-site/rbd-mirror: cluster', value: '["replicapool"]', allowed: /mirroring/, fix: /add mirroring: \{ mode: 'image' \} to a pool \(e\.g\. "replicapool"\)/ });
  });

  test('WHEN a FilesystemMirror runs in a cluster without any mirrored filesystem THEN synth fails', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      const cluster = new RookCluster(site, 'cluster');
      new CephFilesystem(site, 'myfs', { cluster });
      new FilesystemMirror(site, 'fs-mirror', { cluster });
    });
    expectHelpful(m, { path: 'test-site/fs-mirror: cluster', value: '["myfs"]', fix: /to filesystem "myfs"/ });
  });

  test('WHEN an NFS class is used without the NFS CSI driver THEN synth fails on the provisioner', () => {
    const m = refused((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
      new CephCsi(site, 'csi', { operator: new RookOperator(site, 'operator') });
      const cluster = new RookCluster(site, 'cluster');
      new NfsStorageClass(site, 'rook-nfs', { nfs: new NfsServer(site, 'my-nfs', { cluster }), filesystem: new CephFilesystem(site, 'myfs', { cluster }) });
    });
    expectHelpful(m, { path: 'test-site/rook-nfs: provisioner', value: '"rook-ceph.nfs.csi.ceph.com"', fix: /enable that driver/ });
  });

  test('WHEN a client has no caps or a subvolume group two pinnings THEN the props are refused', () => {
    const { site, cluster } = rookSite();
    const m = refused(() => new CephClient(site, 'empty', { cluster, caps: {} }));
    expectHelpful(m, { path: 'test-site/empty: caps', allowed: /mon, mgr, osd/ });
    const p = refused(() => new SubVolumeGroup(site, 'g', { filesystem: 'myfs', cluster, pinning: { distributed: 1, export: 2 } }));
    expectHelpful(p, { path: 'test-site/g: pinning.export', allowed: /exactly one/ });
  });
});
