/** ObjectBucketClaim (src/rook/object-bucket-claim.ts): a bucket from a bucket StorageClass. */
import { BucketStorageClass, CephRbdStorageClass, ObjectBucketClaim, RookCluster } from '../src';
import { expectHelpful, newSite, synthFailsWritingNothing } from './helpers';

describe('GIVEN bad object-storage input', () => {
  test('WHEN a claim names a volume StorageClass THEN synth fails: it is not a bucket class', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new CephRbdStorageClass(site, 'rook-ceph-block', { pool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new BucketStorageClass(site, 'bucket', { store: cluster.addObjectStore('s3', { gateway: { port: 80 } }) });
    new ObjectBucketClaim(site, 'claim', { storageClass: 'rook-ceph-block' });
    expectHelpful(synthFailsWritingNothing(app), { path: 'test-site/claim: storageClass', value: /"rook-ceph-block"/, allowed: /"bucket"/, fix: /BucketStorageClass/ });
  });
});
