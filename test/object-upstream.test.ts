/**
 * Object storage, rebuilt from the public API and compared field by field with Rook v1.20.6's object examples
 * (object.yaml, object-ec.yaml, object-shared-pools.yaml, object-external.yaml, object-multisite.yaml,
 * object-user.yaml, storageclass-bucket-{delete,retain}.yaml, object-bucket-claim-{delete,retain}.yaml).
 *
 * A field is a leaf (scalar or empty list) of the upstream object, addressed by its path; upstream keys with no
 * value (`annotations:` etc., YAML null) are not fields. Deliberate differences, per file:
 * - object-shared-pools.yaml: none; the stores that use the pools (object-a/b.yaml) are not in the example set.
 * - object-multisite.yaml, CephObjectZone zone-a: we add `spec.preservePoolsOnDelete: true` (our default for
 *   every pool-owning object: deleting the CR keeps the objects; upstream leaves it to Rook's default, false).
 * - object-bucket-claim-*.yaml: we add `metadata.namespace: default` (every namespaced object we write names its
 *   namespace; upstream relies on kubectl's current namespace).
 * Everything else is equal, and every rebuilt site validates strictly.
 */
import {
  CephBlockPool, BucketStorageClass, ObjectBucketClaim, CephObjectRealm, CephObjectStoreUser, CephObjectZone, CephObjectZoneGroup, RookCluster, RookOperator,
} from '../src';
import { describeWithUpstream, manifests, newSite } from './helpers';
import { compareFile as compareObjects, printFieldReport, recordFields, synthValid } from './upstream-compare';
import { Site } from '../src/site/site';
import { App } from 'cdk8s';

function compareFile(site: Site, file: string): { equal: number; differences: Record<string, string[]> } {
  return compareObjects(manifests(site), 'v1.20.6', file);
}

function expectValid(app: App): void {
  synthValid(app);
}

const replicated3 = { failureDomain: 'host' as const, replicated: { size: 3, requireSafeReplicaSize: true } };

describeWithUpstream('GIVEN the Rook v1.20.6 object examples, rebuilt through the public API', () => {
  afterAll(() => printFieldReport('Rook v1.20.6 object examples'));

  test('WHEN object.yaml is rebuilt THEN every field is equal', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('my-store', {
      metadataPool: { ...replicated3, parameters: { compression_mode: 'none' } },
      dataPool: { ...replicated3, parameters: { bulk: 'true', compression_mode: 'none' } },
      preservePoolsOnDelete: false,
      gateway: {
        port: 80,
        instances: 1,
        placement: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 100,
              podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['rook-ceph-rgw'] }] }, topologyKey: 'kubernetes.io/hostname' },
            }],
          },
        },
        priorityClassName: 'system-cluster-critical',
      },
      healthCheck: { startupProbe: { disabled: false }, readinessProbe: { disabled: false } },
    });
    const c = compareFile(site, 'object.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(24);
    recordFields('v1.20.6/object.yaml', c.equal);
    expectValid(app);
  });

  test('WHEN object-ec.yaml is rebuilt THEN every field is equal (preservePoolsOnDelete is our default)', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster').addObjectStore('my-store', {
      metadataPool: { ...replicated3, parameters: { compression_mode: 'none' } },
      dataPool: { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 }, parameters: { bulk: 'true', compression_mode: 'none' } },
      gateway: { port: 80, instances: 1 },
      healthCheck: { startupProbe: { disabled: false }, readinessProbe: { disabled: false } },
    });
    const c = compareFile(site, 'object-ec.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(18);
    recordFields('v1.20.6/object-ec.yaml', c.equal);
    expectValid(app);
  });

  test('WHEN object-shared-pools.yaml is rebuilt THEN every field is equal, and a store can share the pools', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addPool('rgw-root', { cephName: '.rgw.root', replicated: { size: 3, requireSafeReplicaSize: false }, parameters: { pg_num: '8' }, application: 'rgw' });
    const meta = cluster.addPool('rgw-meta-pool', { replicated: { size: 3, requireSafeReplicaSize: false }, parameters: { pg_num: '8' }, application: 'rgw' });
    const data: CephBlockPool = cluster.addPool('rgw-data-pool', { failureDomain: 'osd', erasureCoded: { dataChunks: 2, codingChunks: 1 }, application: 'rgw' });
    const store = cluster.addObjectStore('store-a', { sharedPools: { metadataPool: meta, dataPool: data, preserveRadosNamespaceDataOnDelete: true }, gateway: { port: 80 } });
    const c = compareFile(site, 'object-shared-pools.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(27);
    recordFields('v1.20.6/object-shared-pools.yaml', c.equal);
    const s = manifests(site).find((m) => m.kind === 'CephObjectStore' && m.metadata.name === store.storeName);
    expect(s.spec).toEqual({ sharedPools: { metadataPoolName: 'rgw-meta-pool', dataPoolName: 'rgw-data-pool', preserveRadosNamespaceDataOnDelete: true }, preservePoolsOnDelete: true, gateway: { port: 80, instances: 1 } });
    expectValid(app);
  });

  test('WHEN object-external.yaml is rebuilt THEN every field is equal (no pools, no instances)', () => {
    const { app, site } = newSite();
    new RookCluster(site, 'cluster').addObjectStore('external-store', { gateway: { port: 80, externalRgwEndpoints: [{ ip: '192.168.39.182' }] } });
    const c = compareFile(site, 'object-external.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(6);
    recordFields('v1.20.6/object-external.yaml', c.equal);
    expectValid(app);
  });

  test('WHEN object-multisite.yaml is rebuilt THEN every field is equal but the zone\'s preservePoolsOnDelete', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const realm = new CephObjectRealm(site, 'realm-a', { cluster });
    const zoneGroup = new CephObjectZoneGroup(site, 'zonegroup-a', { realm });
    const zone = new CephObjectZone(site, 'zone-a', {
      zoneGroup,
      metadataPool: replicated3,
      dataPool: { ...replicated3, parameters: { compression_mode: 'none', bulk: 'true' } },
    });
    cluster.addObjectStore('multisite-store', { zone, gateway: { port: 80, instances: 1 } });
    const c = compareFile(site, 'object-multisite.yaml');
    expect(c.differences).toEqual({ 'CephObjectZone/zone-a': ['spec.preservePoolsOnDelete: (none) -> true'] });
    expect(c.equal).toBe(29);
    recordFields('v1.20.6/object-multisite.yaml', c.equal);
    expectValid(app);
  });

  test('WHEN object-user.yaml is rebuilt THEN every field is equal and the keys Secret is named', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const user = new CephObjectStoreUser(site, 'my-user', { store, displayName: 'my display name' });
    expect(user.secretName).toBe('rook-ceph-object-user-my-store-my-user');
    const c = compareFile(site, 'object-user.yaml');
    expect(c.differences).toEqual({});
    expect(c.equal).toBe(6);
    recordFields('v1.20.6/object-user.yaml', c.equal);
    expectValid(app);
  });

  /** The bucket classes and claims of the examples: a Delete and a Retain class, each with a claim. */
  function bucketSite(): { app: App; site: Site } {
    const { app, site } = newSite();
    new RookOperator(site, 'operator');
    const store = new RookCluster(site, 'cluster').addObjectStore('my-store', { gateway: { port: 80 } });
    const del = new BucketStorageClass(site, 'rook-ceph-delete-bucket', { store, reclaimPolicy: 'Delete' });
    const ret = new BucketStorageClass(site, 'rook-ceph-retain-bucket', { store, reclaimPolicy: 'Retain' });
    new ObjectBucketClaim(site, 'ceph-delete-bucket', { storageClass: del, generateBucketName: 'ceph-bkt' });
    new ObjectBucketClaim(site, 'ceph-retain-bucket', { storageClass: ret, generateBucketName: 'ceph-bkt' });
    return { app, site };
  }

  test.each([
    // [file, equal fields, the claims' namespace is the one difference]
    ['storageclass-bucket-delete.yaml', 7, false],
    ['storageclass-bucket-retain.yaml', 7, false],
    ['object-bucket-claim-delete.yaml', 5, true],
    ['object-bucket-claim-retain.yaml', 5, true],
  ] as const)('WHEN the bucket StorageClasses and claims are rebuilt THEN every field of %s is equal but the claims\' namespace', (file, equal, namespaced) => {
    const { app, site } = bucketSite();
    const c = compareFile(site, file);
    if (namespaced) expect(Object.values(c.differences)).toEqual([['metadata.namespace: (none) -> "default"']]);
    else expect(c.differences).toEqual({});
    expect(c.equal).toBe(equal);
    recordFields(`v1.20.6/${file}`, c.equal);
    expectValid(app);
  });
});
