/**
 * Bad input for the foundation constructs: each is a mistake users make by hand-editing upstream YAML,
 * and each must fail at synth with where, what, the bad value, what is allowed and the fix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BlockPool, CephRbdStorageClass, RookCluster } from '../src';
import { configError, expectHelpful, newSite, synthError } from './helpers';

describe('GIVEN StorageClasses', () => {
  test('WHEN a StorageClass names a pool not in the site THEN synth fails, lists the pools, and nothing is written', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'block', { cluster, pool: 'replicapol' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: 'test-site/block: pool', value: 'replicapol', allowed: /"replicapool"/, fix: /addPool/ });
    expect(e.message).toMatch(/nothing was written/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('WHEN clusterID is not the cluster namespace THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { namespace: 'rook-ceph' });
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = configError(() => new CephRbdStorageClass(site, 'block', { pool, clusterID: 'ceph' }));
    expectHelpful(e.message, { path: 'test-site/block: clusterID', value: 'ceph', allowed: '"rook-ceph"', fix: /remove clusterID/ });
  });

  test('WHEN an EC StorageClass puts the erasure-coded pool in `pool` THEN it says to pair it with a replicated metadata pool', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const meta = cluster.addPool('ec-meta', { replicated: { size: 3 } });
    const data = cluster.addPool('ec-data', { erasureCoded: { dataChunks: 2, codingChunks: 1 } });
    new CephRbdStorageClass(site, 'wrong', { pool: data });
    new CephRbdStorageClass(site, 'swapped', { pool: data, dataPool: meta });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/wrong: pool', value: 'ec-data', allowed: '"ec-meta"', fix: /dataPool: "ec-data"/ });
    expect(e.message).toMatch(/test-site\/swapped: dataPool[\s\S]*is replicated/);
  });

  test('WHEN two names collide in one namespace THEN synth fails naming both constructs', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('a', { name: 'replicapool', replicated: { size: 3 } });
    cluster.addPool('b', { name: 'replicapool', replicated: { size: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster/b', value: 'replicapool', allowed: /unique per kind and namespace/, fix: /rename/ });
    expect(e.message).toMatch(/test-site\/cluster\/a already uses it/);
  });

  test('WHEN two StorageClasses are marked default THEN synth fails', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const pool = cluster.addPool('replicapool', { replicated: { size: 3 } });
    new CephRbdStorageClass(site, 'one', { pool, isDefault: true });
    new CephRbdStorageClass(site, 'two', { pool, isDefault: true });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site: isDefault', allowed: /at most one default StorageClass/ });
    expect(e.message).toMatch(/one, two/);
  });

  test('WHEN a BlockPool is created without a cluster THEN it says how to create one', () => {
    const { site } = newSite();
    const e = configError(() => new BlockPool(site, 'p', { replicated: { size: 3 } } as any));
    expectHelpful(e.message, { path: 'test-site/p: cluster', fix: /cluster\.addPool/ });
  });
});
