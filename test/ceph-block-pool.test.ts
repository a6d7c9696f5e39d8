/** CephBlockPool (src/rook/ceph-block-pool.ts): mirroring, CRUSH updates, hybrid storage, the built-in pools. */
import {
  configError, expectHelpful, findManifest, newSite, refusedWritingNothing, rookClusterSite, synthError,
} from './helpers';
import { CephBlockPool, RookCluster, Site } from '../src';

describe('GIVEN a mirrored CephBlockPool', () => {
  test('WHEN it has peers and snapshot schedules THEN the pool names the peer Secrets only and carries the schedules and the mirror check', () => {
    const { site, cluster } = rookClusterSite();
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
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image', peers: { secretNames: ['eyJmc2lkIjoiYWJjIiwia2V5IjoiQVFE=='] } } }));
    expect(e.message).toMatch(/mirroring\.peers\.secretNames/);
    expect(e.message).not.toMatch(/AQD==/);
  });

  test('WHEN mirroring is enabled without a mode THEN it is refused with the modes', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { enabled: true } }));
    expectHelpful(e.message, { path: /mirroring\.mode/, allowed: /'image'.*'pool'/, fix: /mode: 'image'/ });
  });

  test("WHEN mode 'init-only' is set THEN it is written on Rook 1.20.6 and refused on 1.7.11", () => {
    const { site, cluster } = rookClusterSite();
    cluster.addPool('init', { replicated: { size: 3 }, mirroring: { mode: 'init-only' } });
    expect(findManifest(site, 'CephBlockPool', 'init').spec.mirroring).toEqual({ enabled: true, mode: 'init-only' });
    const old = rookClusterSite('1.7.11');
    const e = configError(() => old.cluster.addPool('init', { replicated: { size: 3 }, mirroring: { mode: 'init-only' } }));
    expectHelpful(e.message, { path: 'test-site/cluster/init: mirroring.mode', value: '1.7.11', allowed: /v1\.20\.6/, fix: /mode 'image'/ });
  });

  test('WHEN mirroring is off THEN no mode is needed (pool-builtin-mgr.yaml)', () => {
    const { site, cluster } = rookClusterSite();
    cluster.addPool('plain', { replicated: { size: 3 }, mirroring: { enabled: false } });
    expect(findManifest(site, 'CephBlockPool', 'plain').spec.mirroring).toEqual({ enabled: false });
  });

  test('WHEN mirroring is set on Rook 1.2.7 THEN it is refused with the feature, the pinned version, the versions that have it and the fix', () => {
    const { cluster } = rookClusterSite('1.2.7');
    const e = configError(() => cluster.addPool('mirrored', { replicated: { size: 3 }, mirroring: { mode: 'image' } }));
    expect(e.message).toMatch(/spec\.mirroring/);
    expectHelpful(e.message, { path: 'test-site/cluster/mirrored: mirroring', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove mirroring/ });
  });

  test('WHEN the mirror status check is set on Rook 1.2.7 THEN it is refused the same way', () => {
    const { cluster } = rookClusterSite('1.2.7');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, statusCheck: { mirror: { disabled: true } } }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: statusCheck', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove statusCheck/ });
  });

  test('WHEN the status check interval is not a duration THEN it is refused', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, statusCheck: { mirror: { interval: '60' } } }));
    expect(e.message).toMatch(/statusCheck\.mirror\.interval/);
    expect(e.message).toMatch(/"60s"/);
  });
});

describe('GIVEN CephBlockPool CRUSH updates', () => {
  test('WHEN enableCrushUpdates is set on Rook 1.20.6 THEN it is written', () => {
    const { site, cluster } = rookClusterSite();
    cluster.addPool('p', { replicated: { size: 3 }, enableCrushUpdates: true, deviceClass: 'ssd' });
    expect(findManifest(site, 'CephBlockPool', 'p').spec).toMatchObject({ enableCrushUpdates: true, deviceClass: 'ssd' });
  });

  test('WHEN enableCrushUpdates is set on Rook 1.7.11 THEN it is refused with the versions that have it', () => {
    const { cluster } = rookClusterSite('1.7.11');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, enableCrushUpdates: true }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: enableCrushUpdates', value: '1.7.11', allowed: /v1\.20\.6/, fix: /remove enableCrushUpdates/ });
  });
});

describe('GIVEN a hybrid CephBlockPool', () => {
  test('WHEN the primary copy goes to ssd and the others to hdd THEN replicated.hybridStorage is written', () => {
    const { site, cluster } = rookClusterSite();
    cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' } } });
    expect(findManifest(site, 'CephBlockPool', 'hybrid').spec.replicated.hybridStorage).toEqual({ primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' });
  });

  test('WHEN both classes are the same THEN it is refused', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'ssd' } } }));
    expectHelpful(e.message, { path: /replicated\.hybridStorage\.secondaryDeviceClass/, allowed: /two different device classes/, fix: /deviceClass/ });
  });

  test('WHEN hybridStorage is set on Rook 1.2.7 THEN it is refused with the versions that have it', () => {
    const { cluster } = rookClusterSite('1.2.7');
    const e = configError(() => cluster.addPool('hybrid', { replicated: { size: 3, hybridStorage: { primaryDeviceClass: 'ssd', secondaryDeviceClass: 'hdd' } } }));
    expectHelpful(e.message, { path: 'test-site/cluster/hybrid: replicated.hybridStorage', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove replicated\.hybridStorage/ });
  });
});

describe('GIVEN the built-in Ceph pools', () => {
  test('WHEN a normal pool is named ".mgr" THEN it is refused and pointed at cephName', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('mgr', { name: '.mgr', replicated: { size: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/mgr: name', value: '".mgr"', allowed: /only as cephName/, fix: /name: 'builtin-mgr', cephName: '\.mgr'/ });
  });

  test('WHEN a normal pool is named ".rgw.root" or ".nfs" THEN it is refused the same way', () => {
    const { cluster } = rookClusterSite();
    for (const name of ['.rgw.root', '.nfs']) {
      const e = configError(() => cluster.addPool(`p${name.length}`, { name, replicated: { size: 3 } }));
      expectHelpful(e.message, { path: /: name/, value: `"${name}"`, allowed: /\.mgr, \.nfs|\.rgw\.root/, fix: new RegExp(`cephName: '${name.replace(/\./g, '\\.')}'`) });
    }
  });

  test('WHEN any other name starts with "." THEN it is refused as reserved', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('hidden', { name: '.hidden', replicated: { size: 3 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/hidden: name', value: '".hidden"', allowed: /DNS-1123/, fix: /without the leading/ });
  });

  test('WHEN a cephName outside the built-ins is given THEN zod lists the built-ins', () => {
    const { cluster } = rookClusterSite();
    const e = configError(() => cluster.addPool('x', { cephName: '.other' as any, replicated: { size: 3 } }));
    expect(e.message).toMatch(/cephName/);
    expect(e.message).toMatch(/\.mgr/);
  });

  test('WHEN two CephBlockPools manage .mgr in one cluster THEN synth fails naming the first', () => {
    const { app, cluster } = rookClusterSite();
    cluster.addPool('builtin-mgr', { cephName: '.mgr', replicated: { size: 3 } });
    cluster.addPool('mgr-again', { cephName: '.mgr', replicated: { size: 3 } });
    expectHelpful(synthError(app).message, { path: 'test-site/cluster/mgr-again: cephName', value: '".mgr"', allowed: /one CephBlockPool per built-in pool/, fix: /builtin-mgr/ });
  });
});

describe('GIVEN bad tenant input (each refused with path, value, allowed and fix; nothing written)', () => {
  test('WHEN a pool asks for mirroring on Rook 1.2 THEN it is refused (no mirroring in its CRD)', () => {
    const m = refusedWritingNothing((app) => {
      const site = new Site(app, 'test-site', { kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
      new RookCluster(site, 'cluster').addPool('replicapool', { replicated: { size: 3 }, mirroring: { mode: 'image' } });
    });
    expectHelpful(m, { path: 'test-site/cluster/replicapool: mirroring', value: '"1.2.7"', allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });
});

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

describe('GIVEN StorageClasses', () => {
  test('WHEN a CephBlockPool is created without a cluster THEN it says how to create one', () => {
    const { site } = newSite();
    const e = configError(() => new CephBlockPool(site, 'p', { replicated: { size: 3 } } as any));
    expectHelpful(e.message, { path: 'test-site/p: cluster', fix: /cluster\.addPool/ });
  });
});

describe('GIVEN a field of a newer Rook on an older site (bad input)', () => {
  test('WHEN a CephBlockPool sets application on a 1.7 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.19.0', rookVersion: '1.7.11' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addPool('p', { replicated: { size: 3 }, application: 'rbd' }));
    expectHelpful(e.message, { path: 'test-site/cluster/p: application', value: '1.7.11', allowed: /v1\.20\.6/ });
  });

  test('WHEN a pool sets deviceClass or requireSafeReplicaSize on a 1.2 site THEN it is rejected', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    expectHelpful(configError(() => cluster.addPool('a', { replicated: { size: 3 }, deviceClass: 'ssd' })).message, { path: 'test-site/cluster/a: deviceClass', value: '1.2.7' });
    expectHelpful(configError(() => cluster.addPool('b', { replicated: { size: 3, requireSafeReplicaSize: true } })).message, { path: 'test-site/cluster/b: replicated.requireSafeReplicaSize', value: '1.2.7' });
  });
});
