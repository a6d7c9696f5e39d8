/**
 * Children refer to their parents through `I<Parent>` interfaces and brand checks (`src/**\/*-ref(s).ts`), not through
 * the parent classes, so no import cycle runs parent → child → parent (test/import-graph.test.ts). The brand check
 * must accept what `instanceof` accepted (the parent and its subclasses), refuse what it refused (a look-alike of the
 * right shape, another construct) with the same message, and also accept a parent made by a second loaded copy of the
 * package, where `instanceof` never could.
 */
import * as lib from '../src';
import { CephBlockPool, CephFsStorageClass, CephRbdStorageClass, ObjectBucketClaim, RookCluster, TopoLVM, TopoLVMSnapshotClass } from '../src';
import { configError, expectHelpful, findManifest, newSite } from './helpers';

function rookSite() {
  const { app, site } = newSite({ topolvmVersion: '0.41.0' });
  const operator = new lib.RookOperator(site, 'operator');
  new lib.CephCsi(site, 'csi', { operator, drivers: { rbd: true, cephfs: true } });
  const cluster = new RookCluster(site, 'cluster');
  return { app, site, cluster };
}

describe('GIVEN a child construct given its parent', () => {
  test('WHEN the parent is a subclass of the parent class THEN it is accepted as the parent class was', () => {
    const { site, cluster } = rookSite();
    class TunedPool extends CephBlockPool {}
    const pool = new TunedPool(site, 'tuned', { cluster, replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'rbd', { pool });
    expect(findManifest(site, 'StorageClass', 'rbd').parameters.pool).toBe('tuned');
  });

  test('WHEN the parent was made by a second copy of the package THEN the child accepts it and finds it at synth', () => {
    const { site, cluster } = rookSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    let other: typeof lib = lib;
    jest.isolateModules(() => { other = require('../src'); });
    // a second copy: its classes are not ours, so instanceof could not have matched
    expect(other.CephRbdStorageClass).not.toBe(CephRbdStorageClass);
    expect(pool instanceof other.CephBlockPool).toBe(false);
    new other.CephRbdStorageClass(site, 'rbd', { pool });
    // the deferred check looks the pool up among the site's constructs by its brand too: no "pool does not exist"
    expect(findManifest(site, 'StorageClass', 'rbd').parameters.pool).toBe('replicapool');
  });

  test('WHEN a look-alike of the right shape but no parent is given THEN it is refused as a value of the wrong type', () => {
    const { site, cluster } = rookSite();
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const real = pool.addRadosNamespace('tenant-a');
    const { objectName, blockPoolName, blockPool, clusterID, description } = real;
    const lookAlike = { node: real.node, objectName, blockPoolName, blockPool, cluster, clusterID, description };
    const e = configError(() => new CephRbdStorageClass(site, 'rbd', { pool, radosNamespace: lookAlike as any }));
    expectHelpful(e.message, { path: 'test-site/rbd: radosNamespace', allowed: 'a value of type CephBlockPoolRadosNamespace', fix: 'change it to a CephBlockPoolRadosNamespace' });
    // a pool prop takes a CephBlockPool or a name: a look-alike is neither
    const p = configError(() => new CephRbdStorageClass(site, 'rbd2', { pool: { ...lookAlike, poolName: 'replicapool' } as any, cluster }));
    expect(p.message).toContain('test-site/rbd2: pool: Invalid input');
  });

  test.each([
    ['an RBD class given a CephFilesystem as radosNamespace', (s: ReturnType<typeof rookSite>) => {
      const fs = new lib.CephFilesystem(s.site, 'fs', { cluster: s.cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }] } as any);
      return () => new CephRbdStorageClass(s.site, 'rbd', { pool: 'replicapool', cluster: s.cluster, radosNamespace: fs as any });
    }, 'radosNamespace', 'CephBlockPoolRadosNamespace'],
    ['a CephFS class given a CephBlockPool as subVolumeGroup', (s: ReturnType<typeof rookSite>) => {
      const pool = s.cluster.addPool('replicapool', { replicated: { size: 3 } });
      return () => new CephFsStorageClass(s.site, 'fs', { filesystem: 'myfs', cluster: s.cluster, subVolumeGroup: pool as any });
    }, 'subVolumeGroup', 'CephFilesystemSubVolumeGroup'],
    ['a TopoLVM snapshot class given the TopoLVM installation as storageClass', (s: ReturnType<typeof rookSite>) => {
      const topolvm = new TopoLVM(s.site, 'topolvm', { deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme' }] });
      return () => new TopoLVMSnapshotClass(s.site, 'snap', { storageClass: topolvm as any });
    }, 'storageClass', 'TopoLVMStorageClass'],
  ])('WHEN %s THEN it is refused naming the expected kind', (_what, arrange, field, kind) => {
    const act = arrange(rookSite());
    const e = configError(act);
    expectHelpful(e.message, { path: `: ${field}: Invalid input: expected ${kind}, received `, allowed: `a value of type ${kind}`, fix: `change it to a ${kind}` });
  });

  test('WHEN a bucket claim is given a volume class construct THEN it is refused, as before', () => {
    const { site, cluster } = rookSite();
    const rbd = cluster.addPool('replicapool', { replicated: { size: 3 } }).addStorageClass('rbd');
    const e = configError(() => new ObjectBucketClaim(site, 'claim', { storageClass: rbd as any }));
    expect(e.message).toContain('test-site/claim: storageClass: Invalid input');
    expect(e.message).toContain('got: test-site/cluster/replicapool/rbd');
  });
});
