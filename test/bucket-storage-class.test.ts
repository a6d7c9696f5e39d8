/** BucketStorageClass (src/rook/bucket-storage-class.ts): the bucket class of a store and the provisioner the operator registers. */
import {
  BucketStorageClass, ObjectBucketClaim, CephObjectRealm, CephObjectStoreUser, CephObjectZone, CephObjectZoneGroup, RookCluster,
  RookOperator,
} from '../src';
import {
  configError, describeWithUpstream, expectHelpful, manifests, newSite, synthFailsWritingNothing, UPSTREAM,
  upstreamPath,
} from './helpers';
import { synthApp } from '../src/pipeline/synth';

describe('GIVEN bad object-storage input', () => {
  test('WHEN a bucket class states a provisioner the site\'s operator does not register THEN synth fails naming the registered one', () => {
    const { app, site } = newSite();
    new RookOperator(site, 'operator', { namespace: 'rook-system' });
    const store = new RookCluster(site, 'cluster', { operatorNamespace: 'rook-system' }).addObjectStore('s3', { gateway: { port: 80 } });
    new BucketStorageClass(site, 'bucket', { store, provisioner: 'rook-system.ceph.rook.io/bucket' });
    expectHelpful(synthFailsWritingNothing(app), {
      path: 'test-site/bucket: provisioner', value: /"rook-system\.ceph\.rook\.io\/bucket"/, allowed: /"rook-ceph\.ceph\.rook\.io\/bucket"/, fix: /remove provisioner/,
    });
  });
});

describe('GIVEN the bucket provisioner the operator registers (Rook GetObjectBucketProvisioner, per cluster namespace)', () => {
  test('WHEN the operator keeps the defaults and the cluster is in another namespace THEN the class names the cluster namespace (rook#10894)', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', { namespace: 'rook-system' });
    const store = new RookCluster(site, 'cluster', { namespace: 'ceph-a', operatorNamespace: 'rook-system' }).addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(site, 'b', { store }).provisioner).toBe('ceph-a.ceph.rook.io/bucket');
  });

  test('WHEN the operator sets obcProvisionerNamePrefix THEN the class uses the prefix, in the chart values too', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', { obcProvisionerNamePrefix: 'tenant-a' });
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(site, 'b', { store }).provisioner).toBe('tenant-a.ceph.rook.io/bucket');
    expect(op.helmValues().obcProvisionerNamePrefix).toBe('tenant-a');
  });

  test('WHEN the operator turns obcWatchOperatorNamespace off THEN the class uses the plain name', () => {
    const { site } = newSite();
    const op = new RookOperator(site, 'operator', { obcWatchOperatorNamespace: false });
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(site, 'b', { store }).provisioner).toBe('ceph.rook.io/bucket');
    expect(op.helmValues().enableOBCWatchOperatorNamespace).toBe(false);
  });

  test('WHEN the site pins Rook 1.7.11 or 1.2.7 THEN the release\'s provisioner is used and the prefix setting is refused on 1.7.11', () => {
    const a = newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' });
    new RookOperator(a.site, 'operator');
    const s17 = new RookCluster(a.site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(a.site, 'b', { store: s17 }).provisioner).toBe('rook-ceph.ceph.rook.io/bucket');
    const e = configError(() => new RookOperator(newSite({ kubernetesVersion: '1.21.0', rookVersion: '1.7.11' }).site, 'operator', { obcProvisionerNamePrefix: 'x' }));
    expectHelpful(e.message, { path: 'test-site/operator: obcProvisionerNamePrefix', value: /1\.7\.11/, allowed: /v1\.20\.6/ });
    const b = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const s12 = new RookCluster(b.site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(b.site, 'b', { store: s12 }).provisioner).toBe('ceph.rook.io/bucket');
  });

  test('WHEN a store, user, bucket class and claim are built on Rook 1.7.11 (with multisite) and 1.2.7 THEN each site validates against its own CRDs', () => {
    for (const [k8s, rook] of [['1.21.0', '1.7.11'], ['1.16.0', '1.2.7']] as const) {
      const { app, site } = newSite({ kubernetesVersion: k8s, rookVersion: rook });
      site.clusterProvides({ secrets: ['rook-ceph/rgw-tls'] }); // the gateway's certificate, made outside the site
      new RookOperator(site, 'operator');
      const cluster = new RookCluster(site, 'cluster');
      const store = cluster.addObjectStore('s3', { dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } }, metadataPool: { replicated: { size: 3 } }, gateway: { port: 80, securePort: 443, sslCertificateRef: 'rgw-tls' } });
      new CephObjectStoreUser(site, 'user', { store, displayName: 'u' });
      new ObjectBucketClaim(site, 'claim', { storageClass: new BucketStorageClass(site, 'bucket', { store }) });
      if (rook === '1.7.11') {
        const zoneGroup = new CephObjectZoneGroup(site, 'zg', { realm: new CephObjectRealm(site, 'realm', { cluster }) });
        const zone = new CephObjectZone(site, 'zone', { zoneGroup, metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } } });
        cluster.addObjectStore('multi', { zone, gateway: { port: 80 } });
      }
      const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
      expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    }
  });

  test('WHEN multisite is asked for on Rook 1.2.7 THEN the versions that have it are named', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new CephObjectRealm(site, 'realm', { cluster }));
    expectHelpful(e.message, { path: 'test-site/realm', value: /1\.2\.7/, allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });
});

describeWithUpstream('GIVEN a vendored operator (upstream operator.yaml)', () => {
  test('WHEN obcProvisionerNamePrefix is set THEN rook-ceph-operator-config carries it and bucket classes use it', () => {
    const { site } = newSite();
    new RookOperator(site, 'operator', { install: { mode: 'vendored', dir: upstreamPath('rook/v1.20.6') }, obcProvisionerNamePrefix: 'dc1' });
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    expect(new BucketStorageClass(site, 'b', { store }).provisioner).toBe('dc1.ceph.rook.io/bucket');
    const cm = manifests(site).find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'rook-ceph-operator-config');
    expect(cm.data).toMatchObject({ ROOK_OBC_PROVISIONER_NAME_PREFIX: 'dc1', ROOK_OBC_WATCH_OPERATOR_NAMESPACE: 'true' });
  });
});
