/**
 * One pattern for parent–child relations (issue 22, item 4): every child is added with `parent.addX(id, options)`,
 * lands under its parent's scope, takes what the parent supplies (cluster, namespace, pool, filesystem, store, class)
 * and writes exactly what the equivalent `new X(site, id, { parent, … })` writes: object names are explicit, so the
 * construct path never reaches the YAML. Bad input through a factory is refused with the constructor's message; only
 * the path names the factory's place in the tree.
 */
import { Construct } from 'constructs';
import {
  CephBlockPool, BucketStorageClass, CephClient, CephCsi, CephFilesystem, CephFsExternalStorageClass, CephFsSnapshotClass, CephFsStorageClass, CephRbdSnapshotClass, CephRbdStorageClass, ConfigError,
  ExternalCluster, CephFilesystemMirror, CephNfs, ObjectBucketClaim, CephObjectStore, CephObjectStoreUser, CephBlockPoolRadosNamespace, CephRbdMirror, RookCluster, RookOperator, Site,
  CephFilesystemSubVolumeGroup, TopoLVM, TopoLVMSnapshotClass, TopoLVMStorageClass,
} from '../src';
import { renderSite, SynthError } from '../src/pipeline/synth';
import { configError, expectHelpful, newSite } from './helpers';
import { props120 } from './external-helpers';

/** The parents a child can be added to, built the same way in both twins. */
interface Parents {
  readonly site: Site;
  readonly cluster: RookCluster;
  readonly pool: CephBlockPool;
  readonly fs: CephFilesystem;
  readonly group: CephFilesystemSubVolumeGroup;
  readonly rns: CephBlockPoolRadosNamespace;
  readonly store: CephObjectStore;
  readonly bucketClass: BucketStorageClass;
}

/** A Rook 1.20 site whose cluster is in "ceph-a" (not the default namespace, so inheriting it is visible); `mirrored` mirrors the pool and the filesystem. */
function rookParents(mirrored = false): Parents {
  const { site } = newSite();
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster', { namespace: 'ceph-a' });
  const pool = cluster.addPool('replicapool', { replicated: { size: 3 }, mirroring: mirrored ? { mode: 'image' } : undefined });
  const fs = new CephFilesystem(site, 'myfs', { cluster, mirroring: mirrored ? { snapshotSchedules: [{ path: '/', interval: '24h' }] } : undefined });
  const group = new CephFilesystemSubVolumeGroup(site, 'team-a', { filesystem: fs, clusterID: 'team-a' });
  const rns = new CephBlockPoolRadosNamespace(site, 'tenant-b', { blockPool: pool, clusterID: 'tenant-b' });
  const store = cluster.addObjectStore('s3', { gateway: { port: 80 } });
  const bucketClass = new BucketStorageClass(site, 'bucket-delete', { store });
  return { site, cluster, pool, fs, group, rns, store, bucketClass };
}

/** Every file the site writes, by path: the whole output, byte for byte. */
function output(site: Site): Record<string, string> {
  return Object.fromEntries(renderSite(site).files.map((f) => [f.path, f.content]));
}

interface Case {
  /** parent.addX(), as the test names it */
  readonly factory: string;
  /** the parent the child must land under */
  readonly parent: (p: Parents) => Construct;
  /** the namespace the child must inherit (undefined: a cluster-scoped object) */
  readonly namespace?: string;
  readonly viaConstructor: (p: Parents) => Construct;
  readonly viaFactory: (p: Parents) => Construct;
  /** the kind and name of the object the child writes */
  readonly kind: string;
  readonly name: string;
  /** the parents must be mirrored (the mirroring daemons refuse a cluster with nothing to mirror) */
  readonly mirrored?: boolean;
}

const CASES: Case[] = [
  {
    factory: 'cluster.addFilesystem()', parent: (p) => p.cluster, namespace: 'ceph-a', kind: 'CephFilesystem', name: 'sharedfs',
    viaConstructor: (p) => new CephFilesystem(p.site, 'sharedfs', { cluster: p.cluster, activeCount: 2 }),
    viaFactory: (p) => p.cluster.addFilesystem('sharedfs', { activeCount: 2 }),
  },
  {
    factory: 'cluster.addNfsServer()', parent: (p) => p.cluster, namespace: 'ceph-a', kind: 'CephNFS', name: 'my-nfs',
    viaConstructor: (p) => new CephNfs(p.site, 'my-nfs', { cluster: p.cluster, active: 2 }),
    viaFactory: (p) => p.cluster.addNfsServer('my-nfs', { active: 2 }),
  },
  {
    factory: 'cluster.addClient()', parent: (p) => p.cluster, namespace: 'ceph-a', kind: 'CephClient', name: 'glance',
    viaConstructor: (p) => new CephClient(p.site, 'glance', { cluster: p.cluster, caps: { mon: 'profile rbd', osd: 'profile rbd pool=replicapool' } }),
    viaFactory: (p) => p.cluster.addClient('glance', { caps: { mon: 'profile rbd', osd: 'profile rbd pool=replicapool' } }),
  },
  {
    factory: 'cluster.addRbdMirror()', parent: (p) => p.cluster, namespace: 'ceph-a', kind: 'CephRBDMirror', name: 'rbd-mirror', mirrored: true,
    viaConstructor: (p) => new CephRbdMirror(p.site, 'rbd-mirror', { cluster: p.cluster, count: 2 }),
    viaFactory: (p) => p.cluster.addRbdMirror('rbd-mirror', { count: 2 }),
  },
  {
    factory: 'cluster.addFilesystemMirror()', parent: (p) => p.cluster, namespace: 'ceph-a', kind: 'CephFilesystemMirror', name: 'fs-mirror', mirrored: true,
    viaConstructor: (p) => new CephFilesystemMirror(p.site, 'fs-mirror', { cluster: p.cluster }),
    viaFactory: (p) => p.cluster.addFilesystemMirror('fs-mirror'),
  },
  {
    factory: 'pool.addStorageClass()', parent: (p) => p.pool, kind: 'StorageClass', name: 'ceph-block',
    viaConstructor: (p) => new CephRbdStorageClass(p.site, 'ceph-block', { pool: p.pool, isDefault: true }),
    viaFactory: (p) => p.pool.addStorageClass('ceph-block', { isDefault: true }),
  },
  {
    factory: 'pool.addRadosNamespace()', parent: (p) => p.pool, namespace: 'ceph-a', kind: 'CephBlockPoolRadosNamespace', name: 'tenant-c',
    viaConstructor: (p) => new CephBlockPoolRadosNamespace(p.site, 'tenant-c', { blockPool: p.pool, clusterID: 'tenant-c' }),
    viaFactory: (p) => p.pool.addRadosNamespace('tenant-c', { clusterID: 'tenant-c' }),
  },
  {
    factory: 'filesystem.addStorageClass()', parent: (p) => p.fs, kind: 'StorageClass', name: 'cephfs',
    viaConstructor: (p) => new CephFsStorageClass(p.site, 'cephfs', { filesystem: p.fs, reclaimPolicy: 'Retain' }),
    viaFactory: (p) => p.fs.addStorageClass('cephfs', { reclaimPolicy: 'Retain' }),
  },
  {
    factory: 'filesystem.addSubVolumeGroup()', parent: (p) => p.fs, namespace: 'ceph-a', kind: 'CephFilesystemSubVolumeGroup', name: 'team-b',
    viaConstructor: (p) => new CephFilesystemSubVolumeGroup(p.site, 'team-b', { filesystem: p.fs, quota: '1Ti' }),
    viaFactory: (p) => p.fs.addSubVolumeGroup('team-b', { quota: '1Ti' }),
  },
  {
    factory: 'filesystem.addSnapshotClass()', parent: (p) => p.fs, kind: 'VolumeSnapshotClass', name: 'cephfs-snapshots',
    viaConstructor: (p) => new CephFsSnapshotClass(p.site, 'cephfs-snapshots', { cluster: p.cluster }),
    viaFactory: (p) => p.fs.addSnapshotClass('cephfs-snapshots'),
  },
  {
    factory: 'group.addStorageClass()', parent: (p) => p.group, kind: 'StorageClass', name: 'cephfs-team-a',
    viaConstructor: (p) => new CephFsStorageClass(p.site, 'cephfs-team-a', { subVolumeGroup: p.group }),
    viaFactory: (p) => p.group.addStorageClass('cephfs-team-a'),
  },
  {
    factory: 'group.addSnapshotClass()', parent: (p) => p.group, kind: 'VolumeSnapshotClass', name: 'cephfs-team-a-snapshots',
    viaConstructor: (p) => new CephFsSnapshotClass(p.site, 'cephfs-team-a-snapshots', { subVolumeGroup: p.group }),
    viaFactory: (p) => p.group.addSnapshotClass('cephfs-team-a-snapshots'),
  },
  {
    factory: 'radosNamespace.addStorageClass()', parent: (p) => p.rns, kind: 'StorageClass', name: 'block-tenant-b',
    viaConstructor: (p) => new CephRbdStorageClass(p.site, 'block-tenant-b', { radosNamespace: p.rns }),
    viaFactory: (p) => p.rns.addStorageClass('block-tenant-b'),
  },
  {
    factory: 'radosNamespace.addSnapshotClass()', parent: (p) => p.rns, kind: 'VolumeSnapshotClass', name: 'rbd-tenant-b-snapshots',
    viaConstructor: (p) => new CephRbdSnapshotClass(p.site, 'rbd-tenant-b-snapshots', { cluster: p.cluster, radosNamespace: p.rns, deletionPolicy: 'Retain' }),
    viaFactory: (p) => p.rns.addSnapshotClass('rbd-tenant-b-snapshots', { deletionPolicy: 'Retain' }),
  },
  {
    factory: 'store.addUser()', parent: (p) => p.store, namespace: 'ceph-a', kind: 'CephObjectStoreUser', name: 'backup',
    viaConstructor: (p) => new CephObjectStoreUser(p.site, 'backup', { store: p.store, quotas: { maxBuckets: 10 } }),
    viaFactory: (p) => p.store.addUser('backup', { quotas: { maxBuckets: 10 } }),
  },
  {
    factory: 'store.addBucketStorageClass()', parent: (p) => p.store, kind: 'StorageClass', name: 'bucket-retain',
    viaConstructor: (p) => new BucketStorageClass(p.site, 'bucket-retain', { store: p.store, reclaimPolicy: 'Retain' }),
    viaFactory: (p) => p.store.addBucketStorageClass('bucket-retain', { reclaimPolicy: 'Retain' }),
  },
  {
    // the claim's namespace is the application's, not the class's: the factory passes only the class
    factory: 'bucketClass.addBucketClaim()', parent: (p) => p.bucketClass, namespace: 'logging', kind: 'ObjectBucketClaim', name: 'loki',
    viaConstructor: (p) => new ObjectBucketClaim(p.site, 'loki', { storageClass: p.bucketClass, namespace: 'logging', maxSize: '500G' }),
    viaFactory: (p) => p.bucketClass.addBucketClaim('loki', { namespace: 'logging', maxSize: '500G' }),
  },
];

/** The one object `child` writes, found by kind and name in its site's output. */
function objectOf(site: Site, kind: string, name: string): any {
  const found = renderSite(site).files.flatMap((f) => f.objects).filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('GIVEN a Rook cluster in namespace "ceph-a" with a pool, a filesystem, a subvolume group, a RADOS namespace, an object store and a bucket class', () => {
  test.each(CASES.map((c) => [c.factory, c] as const))('WHEN a child is added with %s THEN it lands under the parent, inherits what the parent supplies, and writes byte-for-byte what the constructor writes', (_, c) => {
    const a = rookParents(c.mirrored);
    c.viaConstructor(a);
    const b = rookParents(c.mirrored);
    const child = c.viaFactory(b);

    expect(child.node.scope).toBe(c.parent(b));
    const o = objectOf(b.site, c.kind, c.name);
    expect(o.metadata.namespace).toBe(c.namespace);
    if ('cluster' in child && c.kind !== 'ObjectBucketClaim') expect((child as any).cluster).toBe(b.cluster);
    expect(output(b.site)).toEqual(output(a.site));
  });

  test('WHEN the classes of the cluster are compared THEN each names the parent\'s clusterID: the cluster\'s namespace, or the tenant\'s', () => {
    const p = rookParents();
    p.pool.addStorageClass('ceph-block');
    p.rns.addStorageClass('block-tenant-b');
    p.fs.addStorageClass('cephfs');
    p.group.addStorageClass('cephfs-team-a');
    expect(objectOf(p.site, 'StorageClass', 'ceph-block').parameters).toMatchObject({ clusterID: 'ceph-a', pool: 'replicapool' });
    expect(objectOf(p.site, 'StorageClass', 'block-tenant-b').parameters).toMatchObject({ clusterID: 'tenant-b', pool: 'replicapool' });
    expect(objectOf(p.site, 'StorageClass', 'cephfs').parameters).toMatchObject({ clusterID: 'ceph-a', fsName: 'myfs' });
    expect(objectOf(p.site, 'StorageClass', 'cephfs-team-a').parameters).toMatchObject({ clusterID: 'team-a', fsName: 'myfs' });
  });
});

describe('GIVEN a TopoLVM installation with a thin device class', () => {
  function topolvmSite() {
    const { site } = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' });
    const topolvm = new TopoLVM(site, 'topolvm', {
      platform: 'kubeadm',
      deviceClasses: [{ name: 'ssd', volumeGroup: 'vg-ssd', default: true }, { name: 'thin', volumeGroup: 'vg', thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
      lvmd: { mode: 'daemonset' },
      scheduling: { capacityTracking: {} },
    });
    return { site, topolvm };
  }

  test('WHEN a class is added with topolvm.addStorageClass() THEN it is the TopoLVM\'s child with its provisioner and writes what the constructor writes', () => {
    const a = topolvmSite();
    new TopoLVMStorageClass(a.site, 'topolvm-thin', { topolvm: a.topolvm, deviceClass: 'thin' });
    const b = topolvmSite();
    const sc = b.topolvm.addStorageClass('topolvm-thin', { deviceClass: 'thin' });
    expect(sc.node.scope).toBe(b.topolvm);
    expect(sc.topolvm).toBe(b.topolvm);
    expect(objectOf(b.site, 'StorageClass', 'topolvm-thin').provisioner).toBe('topolvm.io');
    expect(output(b.site)).toEqual(output(a.site));
  });

  test('WHEN a snapshot class is added with storageClass.addSnapshotClass() THEN it is the class\'s child and writes what the constructor writes', () => {
    const a = topolvmSite();
    new TopoLVMSnapshotClass(a.site, 'thin-snapshots', { storageClass: new TopoLVMStorageClass(a.site, 'topolvm-thin', { topolvm: a.topolvm, deviceClass: 'thin' }) });
    const b = topolvmSite();
    const snap = b.topolvm.addStorageClass('topolvm-thin', { deviceClass: 'thin' }).addSnapshotClass('thin-snapshots');
    expect(snap.node.path).toBe('test-site/topolvm/topolvm-thin/thin-snapshots');
    expect(objectOf(b.site, 'VolumeSnapshotClass', 'thin-snapshots').driver).toBe('topolvm.io');
    expect(output(b.site)).toEqual(output(a.site));
  });
});

describe('GIVEN an ExternalCluster in "rook-ceph-external" (its pools and filesystems are names, listed in rbdPools / filesystems)', () => {
  function externalParents() {
    const { site } = newSite();
    const operator = new RookOperator(site, 'operator');
    new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
    const ext = new ExternalCluster(site, 'external', props120({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
    return { site, ext };
  }
  type Ext = ReturnType<typeof externalParents>;

  test.each([
    ['external.addRbdStorageClass()', 'StorageClass', 'ceph-rbd', undefined,
      (p: Ext) => new CephRbdStorageClass(p.site, 'ceph-rbd', { cluster: p.ext, pool: 'k8s-rbd', isDefault: true }),
      (p: Ext) => p.ext.addRbdStorageClass('ceph-rbd', { pool: 'k8s-rbd', isDefault: true })],
    ['external.addCephFsStorageClass()', 'StorageClass', 'cephfs', undefined,
      (p: Ext) => new CephFsExternalStorageClass(p.site, 'cephfs', { cluster: p.ext, fsName: 'k8s-fs', pool: 'k8s-fs-data' }),
      (p: Ext) => p.ext.addCephFsStorageClass('cephfs', { fsName: 'k8s-fs', pool: 'k8s-fs-data' })],
    ['external.addRadosNamespace()', 'CephBlockPoolRadosNamespace', 'tenant-x', 'rook-ceph-external',
      (p: Ext) => new CephBlockPoolRadosNamespace(p.site, 'tenant-x', { cluster: p.ext, blockPool: 'k8s-rbd' }),
      (p: Ext) => p.ext.addRadosNamespace('tenant-x', { blockPool: 'k8s-rbd' })],
    ['external.addSubVolumeGroup()', 'CephFilesystemSubVolumeGroup', 'group-x', 'rook-ceph-external',
      (p: Ext) => new CephFilesystemSubVolumeGroup(p.site, 'group-x', { cluster: p.ext, filesystem: 'k8s-fs', dataPool: 'k8s-fs-data' }),
      (p: Ext) => p.ext.addSubVolumeGroup('group-x', { filesystem: 'k8s-fs', dataPool: 'k8s-fs-data' })],
  ] as const)('WHEN a child is added with %s THEN it lands under the external cluster, in its namespace, and writes what the constructor writes', (_, kind, name, namespace, viaConstructor, viaFactory) => {
    const a = externalParents();
    viaConstructor(a);
    const b = externalParents();
    const child = viaFactory(b);
    expect(child.node.scope).toBe(b.ext);
    expect(objectOf(b.site, kind, name).metadata.namespace).toBe(namespace);
    expect(output(b.site)).toEqual(output(a.site));
  });

  test('WHEN an external tenant adds its class THEN the class carries the tenant\'s clusterID', () => {
    const p = externalParents();
    const ns = p.ext.addRadosNamespace('tenant-x', { blockPool: 'k8s-rbd' });
    ns.addStorageClass('ext-tenant-x');
    expect(objectOf(p.site, 'StorageClass', 'ext-tenant-x').parameters).toMatchObject({ clusterID: ns.clusterID, pool: 'k8s-rbd' });
  });

  test('WHEN a factory names a pool the external cluster does not list THEN synth refuses it as the constructor does, at the factory\'s path', () => {
    const p = externalParents();
    p.ext.addRadosNamespace('tenant-y', { blockPool: 'not-there' });
    let message = '';
    try {
      renderSite(p.site);
    } catch (e) {
      if (!(e instanceof SynthError)) throw e;
      message = e.message;
    }
    expectHelpful(message, { path: 'test-site/external/tenant-y: blockPool', value: '"not-there"', allowed: '"k8s-rbd"', fix: /rbdPools/ });
  });
});

describe('GIVEN bad input through a factory', () => {
  /** The message of the ConfigError `build` throws while building, or of the SynthError its render throws. */
  function refusal(build: () => Site): string {
    const site = configErrorOr(build);
    if (typeof site === 'string') return site;
    try {
      renderSite(site);
    } catch (e) {
      if (e instanceof SynthError) return e.message;
      throw e;
    }
    throw new Error('expected the input to be refused, but the site rendered');
  }

  function configErrorOr(build: () => Site): Site | string {
    try {
      return build();
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  test.each([
    ['cluster.addFilesystem()', 'test-site/myfs2', 'test-site/cluster/myfs2',
      (p: Parents) => new CephFilesystem(p.site, 'myfs2', { cluster: p.cluster, activeCount: 0 }),
      (p: Parents) => p.cluster.addFilesystem('myfs2', { activeCount: 0 })],
    ['pool.addStorageClass()', 'test-site/Bad_Class', 'test-site/cluster/replicapool/Bad_Class',
      (p: Parents) => new CephRbdStorageClass(p.site, 'Bad_Class', { pool: p.pool }),
      (p: Parents) => p.pool.addStorageClass('Bad_Class')],
    ['filesystem.addSubVolumeGroup()', 'test-site/team-b', 'test-site/myfs/team-b',
      (p: Parents) => new CephFilesystemSubVolumeGroup(p.site, 'team-b', { filesystem: p.fs, dataPool: 'no-such-pool' }),
      (p: Parents) => p.fs.addSubVolumeGroup('team-b', { dataPool: 'no-such-pool' })],
    ['store.addUser()', 'test-site/backup', 'test-site/cluster/s3/backup',
      (p: Parents) => new CephObjectStoreUser(p.site, 'backup', { store: p.store, quotas: { maxBuckets: -1 } }),
      (p: Parents) => p.store.addUser('backup', { quotas: { maxBuckets: -1 } })],
  ] as const)('WHEN %s is given what the constructor refuses THEN the same ConfigError is thrown, its path naming the child under its parent', (_, ctorPath, factoryPath, viaConstructor, viaFactory) => {
    const viaCtor = refusal(() => {
      const p = rookParents();
      viaConstructor(p);
      return p.site;
    });
    const viaAdd = refusal(() => {
      const p = rookParents();
      viaFactory(p);
      return p.site;
    });
    expect(viaCtor).toContain(ctorPath);
    expect(viaAdd).toContain(factoryPath);
    expect(viaAdd).toBe(viaCtor.split(ctorPath).join(factoryPath));
  });

  test('WHEN a factory is given an id its parent already has THEN it is refused with the construct-id error, not the constructs library\'s', () => {
    const p = rookParents();
    p.pool.addStorageClass('ceph-block');
    const e = configError(() => p.pool.addStorageClass('ceph-block'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/test-site\/cluster\/replicapool\/ceph-block/);
    expect(e.message).toMatch(/already used by CephRbdStorageClass/);
  });
});

describe('GIVEN the parent and child modules import each other (the parent for its factory, the child for its props)', () => {
  const MODULES = [
    'rook/rook-cluster', 'rook/ceph-block-pool', 'rook/ceph-block-pool-rados-namespace', 'rook/ceph-rbd-storage-class', 'rook/ceph-filesystem', 'rook/ceph-filesystem-sub-volume-group',
    'rook/ceph-fs-storage-class', 'rook/ceph-fs-snapshot-class', 'rook/ceph-object-store', 'rook/ceph-object-store-user', 'rook/bucket-storage-class',
    'rook/object-bucket-claim', 'rook/ceph-object-store-account', 'rook/ceph-client', 'rook/ceph-nfs', 'rook/ceph-rbd-mirror', 'rook/ceph-filesystem-mirror',
    'rook/external-cluster', 'rook/ceph-fs-external-storage-class', 'topolvm/topolvm', 'topolvm/topolvm-storage-class', 'topolvm/topolvm-snapshot-class',
  ];
  test.each(MODULES)('WHEN src/%s is the first module loaded THEN every factory still builds and renders (no class is read before its module has loaded)', (first) => {
    jest.isolateModules(() => {
      require(`../src/${first}`);
      const lib = require('../src') as typeof import('../src');
      const { renderSite: render } = require('../src/pipeline/synth') as typeof import('../src/pipeline/synth');
      const { App } = require('cdk8s') as typeof import('cdk8s');
      const app = new App({ outdir: require('os').tmpdir() });
      const site = new lib.Site(app, 'test-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6', topolvmVersion: '0.41.0' });
      const operator = new lib.RookOperator(site, 'operator');
      new lib.CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
      const cluster = new lib.RookCluster(site, 'cluster');
      const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
      pool.addStorageClass('ceph-block');
      const rns = pool.addRadosNamespace('tenant-b');
      rns.addStorageClass('block-tenant-b');
      rns.addSnapshotClass('rbd-tenant-b-snapshots');
      const fs = cluster.addFilesystem('myfs');
      fs.addStorageClass('cephfs');
      fs.addSnapshotClass('cephfs-snapshots');
      const group = fs.addSubVolumeGroup('team-a');
      group.addStorageClass('cephfs-team-a');
      group.addSnapshotClass('cephfs-team-a-snapshots');
      const store = cluster.addObjectStore('s3', { gateway: { port: 80 } });
      store.addUser('backup', { accountRef: new lib.CephObjectStoreAccount(site, 'team-a', { store }) });
      store.addBucketStorageClass('bucket-delete').addBucketClaim('loki', { namespace: 'logging' });
      cluster.addClient('glance', { caps: { mon: 'profile rbd' } });
      cluster.addNfsServer('my-nfs');
      const { props120: extProps } = require('./external-helpers') as typeof import('./external-helpers');
      const ext = new lib.ExternalCluster(site, 'external', extProps({ namespace: 'rook-ceph-external', rbdPools: ['k8s-rbd'], filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'] }] }));
      ext.addRbdStorageClass('ext-rbd', { pool: 'k8s-rbd' });
      ext.addCephFsStorageClass('ext-cephfs', { fsName: 'k8s-fs' });
      ext.addRadosNamespace('tenant-x', { blockPool: 'k8s-rbd' }).addStorageClass('ext-tenant-x');
      ext.addSubVolumeGroup('group-x', { filesystem: 'k8s-fs' });
      const topolvm = new lib.TopoLVM(site, 'topolvm', {
        platform: 'kubeadm', deviceClasses: [{ name: 'thin', volumeGroup: 'vg', default: true, thinPool: { name: 'pool0', overprovisionRatio: 5 } }],
        lvmd: { mode: 'daemonset' }, scheduling: { capacityTracking: {} },
      });
      topolvm.addStorageClass('topolvm-thin').addSnapshotClass('thin-snapshots');
      const kinds = render(site).files.flatMap((f) => f.objects).map((o) => o.kind);
      for (const kind of ['CephObjectStoreAccount', 'CephBlockPoolRadosNamespace', 'CephFilesystemSubVolumeGroup', 'CephObjectStoreUser', 'ObjectBucketClaim', 'CephClient', 'CephNFS']) expect(kinds).toContain(kind);
      expect(kinds.filter((k) => k === 'StorageClass')).toHaveLength(9);
      expect(kinds.filter((k) => k === 'VolumeSnapshotClass')).toHaveLength(4);
    });
  });
});
