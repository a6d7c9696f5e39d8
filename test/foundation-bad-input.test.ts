/**
 * Bad input for the foundation constructs: each is a mistake users make by hand-editing upstream YAML,
 * and each must fail at synth with where, what, the bad value, what is allowed and the fix.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { BlockPool, CephRbdStorageClass, RookCluster, Site } from '../src';
import { configError, expectHelpful, newSite, synthError } from './helpers';

describe('GIVEN a pool definition', () => {
  test('WHEN both replicated and erasureCoded are set THEN it is rejected, because the operator never creates such a pool', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('both', { replicated: { size: 3 }, erasureCoded: { dataChunks: 2, codingChunks: 1 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/both: erasureCoded', allowed: /exactly one of replicated \/ erasureCoded/, fix: /replicated metadata pool/ });
    expect(e.message).toMatch(/never creates the pool/);
  });

  test('WHEN neither replicated nor erasureCoded is set THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('none', {}));
    expectHelpful(e.message, { path: 'test-site/cluster/none: replicated', allowed: /replicated: \{ size: 3 \}/, fix: /add replicated/ });
  });

  test('WHEN an EC pool has fewer than 2 data chunks THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('ec', { erasureCoded: { dataChunks: 1, codingChunks: 1 } }));
    expectHelpful(e.message, { path: 'erasureCoded.dataChunks', value: /1/, allowed: />= 2/, fix: /dataChunks: 2/ });
  });

  test('WHEN an EC pool has no coding chunk THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 0 } }));
    expectHelpful(e.message, { path: 'erasureCoded.codingChunks', value: /0/, allowed: />= 1/ });
  });

  test('WHEN replicated size is 1 without requireSafeReplicaSize: false THEN it is rejected; with it, accepted', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const e = configError(() => cluster.addPool('single', { replicated: { size: 1 } }));
    expectHelpful(e.message, { path: 'replicated.size', value: /1/, allowed: /requireSafeReplicaSize: false/ });
    expect(() => cluster.addPool('single-ok', { replicated: { size: 1, requireSafeReplicaSize: false } })).not.toThrow();
  });

  test('WHEN a pool property is misspelt deep inside THEN the typo is named with its path and the known keys', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('typo', { replicated: { size: 3, requireSafeReplicaSise: true } as any }));
    expectHelpful(e.message, { path: 'test-site/cluster/typo: replicated.requireSafeReplicaSise', value: /requireSafeReplicaSise/, allowed: /requireSafeReplicaSize/ });
  });

  test('WHEN a pool name is not DNS-1123 THEN it is rejected', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('x', { name: 'Replica_Pool', replicated: { size: 3 } }));
    expectHelpful(e.message, { path: 'x: name', value: /Replica_Pool/ });
    expect(e.message).toMatch(/DNS-1123/);
  });
});

describe('GIVEN a RookCluster', () => {
  test.each([
    [0, /at least 1/],
    [4, /even mon count/],
    [11, /above 9/],
  ])('WHEN mon.count is %p THEN it is rejected', (count, why) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mon: { count } }));
    expectHelpful(e.message, { path: 'test-site/cluster: mon.count', value: String(count), allowed: /1, 3, 5, 7 or 9/, fix: /odd count/ });
    expect(e.message).toMatch(why);
  });

  test.each([
    ['var/lib/rook', /absolute/],
    ['/etc/ceph', /\/etc\/ceph/],
    ['/rook', /\/rook/],
    ['/var/log/ceph/data', /\/var\/log\/ceph/],
  ])('WHEN dataDirHostPath is %p THEN it is rejected', (dir, why) => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { dataDirHostPath: dir }));
    expectHelpful(e.message, { path: 'cluster: dataDirHostPath', value: dir, fix: /\/var\/lib\/rook/ });
    expect(e.message).toMatch(why);
  });

  test('WHEN a top-level prop is misspelt THEN it is an error, not silently dropped', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { mons: { count: 3 } } as any));
    expectHelpful(e.message, { path: 'test-site/cluster: mons', value: /mons/, allowed: /\bmon\b/ });
  });

  test('WHEN a storage prop is misspelt THEN the nested path is named', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { devicePathFiltr: '^/dev/sdb$' } } as any));
    expectHelpful(e.message, { path: 'cluster: storage.devicePathFiltr', allowed: /devicePathFilter/ });
  });

  test('WHEN deviceFilter is not a valid regular expression THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { deviceFilter: '^sd[b-' } }));
    expectHelpful(e.message, { path: 'cluster: storage.deviceFilter', value: /\^sd\[b-/, allowed: /Go \(RE2\)/ });
  });

  test('WHEN nodes are listed together with useAllNodes: true THEN it is rejected (Rook would ignore the list)', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { useAllNodes: true, nodes: [{ name: 'a' }] } }));
    expectHelpful(e.message, { path: 'cluster: storage.useAllNodes', fix: /remove useAllNodes/ });
  });

  test('WHEN imagePullPolicy is not a Kubernetes policy THEN the allowed values are listed', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { cephVersion: { imagePullPolicy: 'Sometimes' as any } }));
    expectHelpful(e.message, { path: 'cluster: cephVersion.imagePullPolicy', value: /Sometimes/, allowed: /"Always", "IfNotPresent", "Never"/ });
  });

  test('WHEN the namespace is longer than 63 characters THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { namespace: 'a'.repeat(64) }));
    expectHelpful(e.message, { path: 'cluster: namespace', allowed: /<= 63/ });
  });

  test('WHEN 3 mons must fit on 2 declared nodes without allowMultiplePerNode THEN synth fails and names the nodes', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }] });
    new RookCluster(site, 'cluster', { mon: { count: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mon.count', value: '3', allowed: /at most 2/, fix: /declare more nodes/ });
    expect(e.message).toMatch(/n1, n2/);
  });

  test('WHEN a replicated size 3 pool with failureDomain host has 2 declared hosts THEN synth fails', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }, { name: 'n2' }] });
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 } });
    cluster.addPool('replicapool', { replicated: { size: 3 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster/replicapool: replicated.size', value: '3', allowed: /at most 2/ });
  });
});

describe('GIVEN a Site', () => {
  test.each(['1.15.0', '1.37.0', '1.33'])('WHEN kubernetesVersion is %p THEN it is rejected', (v) => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: v }));
    expectHelpful(e.message, { path: 's: kubernetesVersion', value: v, allowed: /1\.16\.0 to 1\.36/ });
  });

  test('WHEN rookVersion names a line without data THEN the pinned patches of every line are listed', () => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: '1.33.0', rookVersion: '1.21.0' }));
    expectHelpful(e.message, { path: 's: rookVersion', value: '1.21.0', allowed: /1\.19\.10, 1\.20\.6/ });
  });

  test('WHEN Rook v1.20.6 is pinned on Kubernetes 1.27.0 THEN the supported range is named', () => {
    const e = configError(() => new Site(new App(), 's', { kubernetesVersion: '1.27.0', rookVersion: '1.20.6' }));
    expectHelpful(e.message, { path: 's: rookVersion', value: '1.27.0', allowed: />=1\.31\.0/ });
  });

  test('WHEN a Rook construct is added to a site without rookVersion THEN it says to pin one', () => {
    const site = new Site(new App(), 's', { kubernetesVersion: '1.33.0' });
    const e = configError(() => new RookCluster(site, 'cluster'));
    expectHelpful(e.message, { path: 's/cluster', fix: /set rookVersion on the Site/ });
  });
});

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

describe('GIVEN OSD device selection and several clusters', () => {
  test('WHEN useAllDevices: true is combined with a filter THEN it says the filter wins', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { useAllDevices: true, deviceFilter: '^sdb$' } }));
    expectHelpful(e.message, { path: 'cluster: storage.useAllDevices', allowed: /a filter/, fix: /remove useAllDevices/ });
  });

  test('WHEN deviceFilter and devicePathFilter are both set THEN it says devicePathFilter would be ignored', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster', { storage: { deviceFilter: '^sdb$', devicePathFilter: '^/dev/disk/by-path/x$' } }));
    expectHelpful(e.message, { path: 'cluster: storage.devicePathFilter', fix: /keep one filter/ });
  });

  test('WHEN 2 mgrs must fit on 1 declared node THEN synth fails', () => {
    const { app, site } = newSite({ nodes: [{ name: 'n1' }] });
    new RookCluster(site, 'cluster', { mon: { count: 1 } });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/cluster: mgr.count', value: '2', allowed: /at most 1/, fix: /lower mgr\.count/ });
  });

  test('WHEN two clusters share a namespace or a dataDirHostPath THEN synth fails naming the first one', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'a', { name: 'a', namespace: 'ceph' });
    new RookCluster(site, 'b', { name: 'b', namespace: 'ceph', dataDirHostPath: '/var/lib/rook-b' });
    new RookCluster(site, 'c', { name: 'c', namespace: 'ceph-c' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/b: namespace', value: 'ceph', allowed: /a namespace of its own/ });
    expectHelpful(e.message, { path: 'test-site/c: dataDirHostPath', value: '/var/lib/rook', fix: /\/var\/lib\/rook-c/ });
    expect(e.message).not.toMatch(/test-site\/a: /);
  });
});
