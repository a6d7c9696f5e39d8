/**
 * The upstream Rook v1.20.6 examples of the multi-tenant half of issue 11, rebuilt through the public API and
 * compared field by field (every leaf of the upstream object: its path and value). Upstream keys left empty (YAML
 * null: `placement:`, `annotations:`, `security:`, `mountOptions:` with only comments under them) are no fields.
 *
 * Deliberate differences (each listed in the test of its file):
 * - CephFilesystemSubVolumeGroup / CephBlockPoolRadosNamespace: we write `spec.clusterID` (upstream leaves it to the operator, which then reports
 *   the value only in the CR status); the default is the operator's own derivation, so it is the value the upstream
 *   object would get.
 * - CephBlockPool (pool-mirrored.yaml): we write `failureDomain: host` and `replicated.requireSafeReplicaSize: true`,
 *   the operator's defaults, explicitly (as every CephBlockPool does).
 * - StorageClass (nfs-storageclass.yaml): we write `volumeBindingMode: Immediate`, the API server's default.
 */
import {
  CephClient, CephCsi, CephFilesystem, CephFsSnapshotClass, CephFilesystemMirror, CephNfs, CephNfsSnapshotClass, CephNfsStorageClass,
  CephBlockPoolRadosNamespace, CephRbdMirror, RookCluster, RookOperator, CephFilesystemSubVolumeGroup,
} from '../src';
import { describeWithUpstream, newSite } from './helpers';
import { compare, ours, printFieldReport, recordFields, synthValid, upstreamDocs as docsOf } from './upstream-compare';

const upstreamDocs = (file: string): any[] => docsOf('v1.20.6', file);

/** The reference site of the examples: operator and cluster in rook-ceph, the CephFS "myfs", the pool "replicapool". */
function exampleSite() {
  const { app, site } = newSite();
  const operator = new RookOperator(site, 'operator');
  new CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true, nfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  const myfs = new CephFilesystem(site, 'myfs', { cluster, mirroring: {} });
  const replicapool = cluster.addPool('replicapool', { replicated: { size: 3 } });
  return { app, site, cluster, myfs, replicapool };
}

const objects = synthValid;

describeWithUpstream('GIVEN the upstream Rook v1.20.6 multi-tenant examples rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 multi-tenant examples'));

  test('subvolumegroup.yaml: equal but for spec.clusterID, which we fix at synth', () => {
    const { app, site, myfs } = exampleSite();
    const g = new CephFilesystemSubVolumeGroup(site, 'group-a', { filesystem: myfs });
    const [up] = upstreamDocs('subvolumegroup.yaml');
    const r = compare(up, ours(objects(app), 'CephFilesystemSubVolumeGroup', 'group-a'));
    expect(r.differences).toEqual([`spec.clusterID: (none) -> "${g.clusterID}"`]);
    expect(r.equal).toBe(6);
    recordFields('v1.20.6/subvolumegroup.yaml', r.equal);
  });

  test('radosnamespace.yaml: equal but for spec.clusterID, which we fix at synth', () => {
    const { app, site, replicapool } = exampleSite();
    const ns = new CephBlockPoolRadosNamespace(site, 'namespace-a', { blockPool: replicapool });
    const [up] = upstreamDocs('radosnamespace.yaml');
    const r = compare(up, ours(objects(app), 'CephBlockPoolRadosNamespace', 'namespace-a'));
    expect(r.differences).toEqual([`spec.clusterID: (none) -> "${ns.clusterID}"`]);
    expect(r.equal).toBe(5);
    recordFields('v1.20.6/radosnamespace.yaml', r.equal);
  });

  test.each([
    ['glance', 'profile rbd pool=images'],
    ['cinder', 'profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images'],
  ])('ceph-client.yaml: client %s equal', (name, osd) => {
    const { app, site, cluster } = exampleSite();
    new CephClient(site, name, { cluster, caps: { mon: 'profile rbd', osd }, keyType: 'aes256k' });
    const docs = upstreamDocs('ceph-client.yaml');
    expect(docs.map((d) => d.metadata.name)).toEqual(['glance', 'cinder']);
    const up = docs.find((d) => d.metadata.name === name);
    const r = compare(up, ours(objects(app), 'CephClient', name));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(7);
    recordFields('v1.20.6/ceph-client.yaml', r.equal);
  });

  test('nfs.yaml: equal', () => {
    const { app, site, cluster } = exampleSite();
    new CephNfs(site, 'my-nfs', { cluster, logLevel: 'NIV_INFO' });
    const [up] = upstreamDocs('nfs.yaml');
    const r = compare(up, ours(objects(app), 'CephNFS', 'my-nfs'));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(6);
    recordFields('v1.20.6/nfs.yaml', r.equal);
  });

  test('rbdmirror.yaml: equal (with a mirrored pool in the site, which the daemon needs)', () => {
    const { app, site, cluster } = exampleSite();
    cluster.addPool('mirrored-pool', { replicated: { size: 3 }, mirroring: { mode: 'image' } });
    new CephRbdMirror(site, 'my-rbd-mirror', { cluster, count: 1, resources: { limits: { memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } } });
    const [up] = upstreamDocs('rbdmirror.yaml');
    const r = compare(up, ours(objects(app), 'CephRBDMirror', 'my-rbd-mirror'));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(8);
    recordFields('v1.20.6/rbdmirror.yaml', r.equal);
  });

  test('filesystem-mirror.yaml: equal (with a mirrored filesystem in the site)', () => {
    const { app, site, cluster } = exampleSite();
    new CephFilesystemMirror(site, 'my-fs-mirror', { cluster, resources: { limits: { memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } } });
    const [up] = upstreamDocs('filesystem-mirror.yaml');
    const r = compare(up, ours(objects(app), 'CephFilesystemMirror', 'my-fs-mirror'));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(7);
    recordFields('v1.20.6/filesystem-mirror.yaml', r.equal);
  });

  test('pool-mirrored.yaml: equal but for the two operator defaults we write explicitly', () => {
    const { app, cluster } = exampleSite();
    cluster.addPool('mirrored-pool', { replicated: { size: 3 }, mirroring: { mode: 'image' } });
    const [up] = upstreamDocs('pool-mirrored.yaml');
    const r = compare(up, ours(objects(app), 'CephBlockPool', 'mirrored-pool'));
    expect(r.differences).toEqual(['spec.failureDomain: (none) -> "host"', 'spec.replicated.requireSafeReplicaSize: (none) -> true']);
    expect(r.equal).toBe(7);
    recordFields('v1.20.6/pool-mirrored.yaml', r.equal);
  });

  test('csi/cephfs-snapshotclass.yaml: equal', () => {
    const { app, site, cluster } = exampleSite();
    new CephFsSnapshotClass(site, 'csi-cephfsplugin-snapclass', { cluster });
    const [up] = upstreamDocs('csi/cephfs-snapshotclass.yaml');
    const r = compare(up, ours(objects(app), 'VolumeSnapshotClass', 'csi-cephfsplugin-snapclass'));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(8);
    recordFields('v1.20.6/csi/cephfs-snapshotclass.yaml', r.equal);
  });

  test('csi/nfs-driver.yaml: the NFS Driver of CephCsi is equal', () => {
    const { app } = exampleSite();
    const [up] = upstreamDocs('csi/nfs-driver.yaml');
    const r = compare(up, ours(objects(app), 'Driver', 'rook-ceph.nfs.csi.ceph.com'));
    // the Driver names its ServiceAccounts (those of csi-operator.yaml), whatever prefix the operator runs with (rook/rook#18040)
    expect(r.differences).toEqual([
      'spec.controllerPlugin.serviceAccountName: (none) -> "ceph-csi-nfs-ctrlplugin-sa"',
      'spec.nodePlugin.serviceAccountName: (none) -> "ceph-csi-nfs-nodeplugin-sa"',
    ]);
    expect(r.equal).toBe(6);
    recordFields('v1.20.6/csi/nfs-driver.yaml', r.equal);
  });

  test('csi/nfs-storageclass.yaml: equal but for the volumeBindingMode default we write', () => {
    const { app, site, cluster, myfs } = exampleSite();
    const nfs = new CephNfs(site, 'my-nfs', { cluster });
    new CephNfsStorageClass(site, 'rook-nfs', { nfs, filesystem: myfs });
    const [up] = upstreamDocs('csi/nfs-storageclass.yaml');
    const r = compare(up, ours(objects(app), 'StorageClass', 'rook-nfs'));
    expect(r.differences).toEqual(['volumeBindingMode: (none) -> "Immediate"']);
    expect(r.equal).toBe(19);
    recordFields('v1.20.6/csi/nfs-storageclass.yaml', r.equal);
  });

  test('csi/nfs-snapshotclass.yaml: equal', () => {
    const { app, site, cluster } = exampleSite();
    new CephNfsSnapshotClass(site, 'csi-nfsplugin-snapclass', { nfs: new CephNfs(site, 'my-nfs', { cluster }) });
    const [up] = upstreamDocs('csi/nfs-snapshotclass.yaml');
    const r = compare(up, ours(objects(app), 'VolumeSnapshotClass', 'csi-nfsplugin-snapclass'));
    expect(r.differences).toEqual([]);
    expect(r.equal).toBe(8);
    recordFields('v1.20.6/csi/nfs-snapshotclass.yaml', r.equal);
  });
});
