/**
 * One base per family (src/site/storage-class.ts): every StorageClass construct extends `StorageClassConstruct`
 * and every VolumeSnapshotClass construct `SnapshotClassConstruct`, which carry the id guard, the name, the one
 * object (id `Resource`) and its placing.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../src';
import { buildApp } from '../src/main';
import { placementOf } from '../src/site/layers';
import { manifests, newSite, nonEmpty } from './helpers';

const { SnapshotClassConstruct, StorageClassConstruct, StorageConstruct } = lib;

/** Every exported construct class, by name (bases and the Site excluded). */
const constructClasses = Object.entries(lib).filter(([k, v]) => typeof v === 'function' && v.prototype instanceof StorageConstruct && v.name === k) as [string, Function][];

/** The constructs that own a StorageClass / VolumeSnapshotClass object in a construct tree, by object kind. */
function owners(root: Construct, kind: string): Construct[] {
  return root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === kind).map((o) => o.node.scope!);
}

/** The reference sites, plus a site with the NFS classes and one with a TopoLVM snapshot class (not in the fleet). */
function allTrees(): Construct[] {
  const nfs = newSite({}, 'nfs-site').site;
  const cluster = new lib.RookCluster(nfs, 'cluster');
  const server = new lib.CephNfs(nfs, 'my-nfs', { cluster });
  new lib.CephNfsStorageClass(nfs, 'rook-nfs', { nfs: server, filesystem: new lib.CephFilesystem(nfs, 'myfs', { cluster }) });
  new lib.CephNfsSnapshotClass(nfs, 'nfs-snapshots', { nfs: server });
  const tl = newSite({ rookVersion: undefined, topolvmVersion: '0.41.0' }, 'topolvm-site').site;
  const topolvm = new lib.TopoLVM(tl, 'topolvm', {
    platform: 'kubeadm',
    deviceClasses: [{ name: 'thin', volumeGroup: 'vg', thinPool: { name: 'pool0', overprovisionRatio: 5 }, default: true }],
    lvmd: { mode: 'daemonset' },
    scheduling: { capacityTracking: {} },
  });
  topolvm.addStorageClass('topolvm-thin', { deviceClass: 'thin' }).addSnapshotClass('thin-snapshots');
  return [buildApp(), nfs, tl];
}

describe('GIVEN the StorageClass and VolumeSnapshotClass constructs', () => {
  const trees = allTrees();

  test.each([
    ['StorageClass', StorageClassConstruct, /StorageClass$/],
    ['VolumeSnapshotClass', SnapshotClassConstruct, /SnapshotClass$/],
  ] as const)('WHEN every %s object of the reference sites and of an NFS and a TopoLVM site is traced to its construct THEN that construct extends the family base, and every exported class of the family wrote one', (kind, base, pattern) => {
    const found = nonEmpty(trees.flatMap((t) => owners(t, kind)), `${kind} owner`);
    for (const c of found) expect([c.node.path, c instanceof base]).toEqual([c.node.path, true]);
    // each object is the construct's main resource: id Resource, placed, and the construct's `resource`
    for (const c of found) {
      const obj = c.node.findChild('Resource') as ApiObject;
      expect([c.node.path, obj?.kind, (c as any).resource === obj, placementOf(obj) !== undefined]).toEqual([c.node.path, kind, true, true]);
    }
    // every exported class of the family is among the owners (ExistingBlockStorageClass writes no StorageClass)
    const family = [...nonEmpty(constructClasses.filter(([n]) => pattern.test(n) && n !== 'ExistingBlockStorageClass').map(([n]) => n), `exported ${kind} construct`)].sort();
    expect([...new Set(found.map((c) => c.constructor.name))].sort()).toEqual(family);
  });

  test('WHEN the exported construct classes are listed THEN exactly the StorageClass constructs extend StorageClassConstruct and the snapshot class constructs SnapshotClassConstruct', () => {
    const sc = constructClasses.filter(([, C]) => C.prototype instanceof StorageClassConstruct).map(([n]) => n).sort();
    const snap = constructClasses.filter(([, C]) => C.prototype instanceof SnapshotClassConstruct).map(([n]) => n).sort();
    expect(sc).toEqual(['BlockStorageClass', 'BucketStorageClass', 'CephFsExternalStorageClass', 'CephFsStorageClass', 'CephNfsStorageClass', 'CephRbdStorageClass', 'FlexStorageClass', 'TopoLVMStorageClass']);
    expect(snap).toEqual(['CephFsSnapshotClass', 'CephNfsSnapshotClass', 'CephRbdSnapshotClass', 'TopoLVMSnapshotClass']);
  });

  test('WHEN a class is named after an id that is no DNS-1123 name THEN the base refuses it the same way for every family', () => {
    const { site } = newSite();
    const cluster = new lib.RookCluster(site, 'cluster');
    const server = new lib.CephNfs(site, 'my-nfs', { cluster });
    // CephNfsStorageClass named itself `name ?? id` before the base: now the same check and message as the others
    expect(() => new lib.CephNfsStorageClass(site, 'Rook_NFS', { nfs: server, filesystem: new lib.CephFilesystem(site, 'myfs', { cluster }) })).toThrow(/no name is set, so the StorageClass is named after the construct id "Rook_NFS"/);
    expect(() => new lib.CephNfsSnapshotClass(site, 'NFS_Snap', { nfs: server })).toThrow(/no name is set, so the VolumeSnapshotClass is named after the construct id "NFS_Snap"/);
    expect(manifests(site).filter((m) => m.kind === 'StorageClass')).toEqual([]);
  });
});
