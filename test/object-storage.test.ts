/**
 * Object storage: what the constructs emit and check beyond the upstream examples (certificates, exposure,
 * the bucket provisioner per operator setting and Rook line), and the bad input each must refuse with
 * path, value, allowed and fix, writing nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BucketStorageClass, CephRbdStorageClass, ObjectBucketClaim, ObjectRealm, ObjectStore, ObjectStoreExposure, ObjectStoreUser,
  ObjectZone, ObjectZoneGroup, RookCluster, RookOperator,
} from '../src';
import { synthApp } from '../src/pipeline/synth';
import { dc1Local } from '../src/sites/dc1-local';
import { App } from 'cdk8s';
import { configError, describeWithUpstream, expectHelpful, findManifest, manifests, newSite, synthError, UPSTREAM, upstreamPath } from './helpers';

/** synthError into a fresh folder, and proof that nothing was written there. */
function failsWritingNothing(app: Parameters<typeof synthError>[0]): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gs-obj-')), 'dist');
  const e = synthError(app, out);
  expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  return e.message;
}

describe('GIVEN a store with HTTPS from a cert-manager Certificate, a user, a bucket class, a claim and an HTTPRoute', () => {
  test('THEN every object validates strictly (cert-manager and Gateway API schemas from the bundle) and the names line up', () => {
    const { app, site } = newSite();
    // the ClusterIssuer is the platform's (cert-manager installed with the cluster)
    site.clusterProvides({ clusterIssuers: ['internal-ca'] });
    new RookOperator(site, 'operator');
    const cluster = new RookCluster(site, 'cluster');
    const store = cluster.addObjectStore('s3', {
      dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } },
      metadataPool: { replicated: { size: 3 } },
      gateway: { port: 80, securePort: 443, instances: 2, certificate: { issuer: { name: 'internal-ca' } }, resources: { requests: { cpu: '500m', memory: '1Gi' } } },
    });
    const user = new ObjectStoreUser(site, 'backup', { store, capabilities: { bucket: 'read, write' }, quotas: { maxBuckets: 10, maxSize: '1Ti' } });
    const bc = new BucketStorageClass(site, 'bucket-retain', { store, reclaimPolicy: 'Retain' });
    const obc = new ObjectBucketClaim(site, 'loki', { storageClass: bc, namespace: 'logging', maxObjects: 1000000, maxSize: '500G' });
    new ObjectStoreExposure(site, 's3-route', { store, httpRoute: { gateway: { name: 'public', namespace: 'gateways' }, hostnames: ['s3.example.com'] } });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);

    const cr = findManifest(site, 'CephObjectStore', 's3');
    expect(cr.spec.gateway).toEqual({ port: 80, securePort: 443, sslCertificateRef: 'rook-ceph-rgw-s3-tls', instances: 2, resources: { requests: { cpu: '500m', memory: '1Gi' } } });
    expect(cr.spec.preservePoolsOnDelete).toBe(true);
    expect(findManifest(site, 'Certificate', 'rook-ceph-rgw-s3-tls').spec).toEqual({
      secretName: 'rook-ceph-rgw-s3-tls', dnsNames: ['rook-ceph-rgw-s3.rook-ceph.svc', 'rook-ceph-rgw-s3.rook-ceph.svc.cluster.local'],
      issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    expect(user.secretName).toBe('rook-ceph-object-user-s3-backup');
    expect(findManifest(site, 'StorageClass', 'bucket-retain')).toMatchObject({ provisioner: 'rook-ceph.ceph.rook.io/bucket', reclaimPolicy: 'Retain' });
    expect(findManifest(site, 'ObjectBucketClaim', 'loki').spec).toEqual({ generateBucketName: 'loki', storageClassName: 'bucket-retain', additionalConfig: { maxObjects: '1000000', maxSize: '500G' } });
    expect(obc.secretName).toBe('loki');
    const route = findManifest(site, 'HTTPRoute', 'rook-ceph-rgw-s3-external');
    expect(route.spec.rules[0].backendRefs[0]).toMatchObject({ name: 'rook-ceph-rgw-s3-external', port: 443 });
    const svc = findManifest(site, 'Service', 'rook-ceph-rgw-s3-external');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector).toEqual({ app: 'rook-ceph-rgw', rook_cluster: 'rook-ceph', rook_object_store: 's3' });
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }, { name: 'https', port: 443, targetPort: 443, protocol: 'TCP' }]);
    // data-bearing objects are never pruned
    const files = r.sites[0].files;
    expect(files.find((f) => f.objects.some((o: any) => o.kind === 'CephObjectStore'))!.path).toMatch(/^40-pools\//);
  });

  test('WHEN the store is exposed by an Ingress THEN the Ingress points at the Service port of the gateway', () => {
    const { app, site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    new ObjectStoreExposure(site, 's3-ingress', { store, ingress: { host: 's3.example.com', className: 'nginx', tlsSecretName: 's3-example-tls' } });
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    const ing = findManifest(site, 'Ingress', 'rook-ceph-rgw-s3-external');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules[0]).toMatchObject({ host: 's3.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'rook-ceph-rgw-s3-external', port: { number: 80 } } } }] } });
    expect(ing.spec.tls).toEqual([{ hosts: ['s3.example.com'], secretName: 's3-example-tls' }]);
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
      new ObjectStoreUser(site, 'user', { store, displayName: 'u' });
      new ObjectBucketClaim(site, 'claim', { storageClass: new BucketStorageClass(site, 'bucket', { store }) });
      if (rook === '1.7.11') {
        const zoneGroup = new ObjectZoneGroup(site, 'zg', { realm: new ObjectRealm(site, 'realm', { cluster }) });
        const zone = new ObjectZone(site, 'zone', { zoneGroup, metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } } });
        cluster.addObjectStore('multi', { zone, gateway: { port: 80 } });
      }
      const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
      expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    }
  });

  test('WHEN multisite is asked for on Rook 1.2.7 THEN the versions that have it are named', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => new ObjectRealm(site, 'realm', { cluster }));
    expectHelpful(e.message, { path: 'test-site/realm', value: /1\.2\.7/, allowed: /v1\.7\.11, .*v1\.20\.6/ });
  });
});

describe('GIVEN the reference site dc1-local', () => {
  test('THEN it has an object store with a user, a bucket class of the operator\'s provisioner and a claim, all valid', () => {
    const app = new App();
    const site = dc1Local(app);
    const r = synthApp(app, { write: false, upstreamDir: UPSTREAM });
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
    expect(findManifest(site, 'CephObjectStore', 'objectstore').spec).toMatchObject({ metadataPool: { replicated: { size: 3 } }, dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } }, preservePoolsOnDelete: true, gateway: { port: 80, instances: 2 } });
    expect(findManifest(site, 'CephObjectStoreUser', 'backup').spec.store).toBe('objectstore');
    expect(findManifest(site, 'StorageClass', 'rook-ceph-bucket')).toMatchObject({ provisioner: 'rook-ceph.ceph.rook.io/bucket', reclaimPolicy: 'Retain', parameters: { objectStoreName: 'objectstore', objectStoreNamespace: 'rook-ceph' } });
    expect(findManifest(site, 'ObjectBucketClaim', 'loki-chunks').metadata.namespace).toBe('logging');
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

describe('GIVEN bad object-storage input', () => {
  test('WHEN a bucket class states a provisioner the site\'s operator does not register THEN synth fails naming the registered one', () => {
    const { app, site } = newSite();
    new RookOperator(site, 'operator', { namespace: 'rook-system' });
    const store = new RookCluster(site, 'cluster', { operatorNamespace: 'rook-system' }).addObjectStore('s3', { gateway: { port: 80 } });
    new BucketStorageClass(site, 'bucket', { store, provisioner: 'rook-system.ceph.rook.io/bucket' });
    expectHelpful(failsWritingNothing(app), {
      path: 'test-site/bucket: provisioner', value: /"rook-system\.ceph\.rook\.io\/bucket"/, allowed: /"rook-ceph\.ceph\.rook\.io\/bucket"/, fix: /remove provisioner/,
    });
  });

  test('WHEN a claim names a volume StorageClass THEN synth fails: it is not a bucket class', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new CephRbdStorageClass(site, 'rook-ceph-block', { pool: cluster.addPool('replicapool', { replicated: { size: 3 } }) });
    new BucketStorageClass(site, 'bucket', { store: cluster.addObjectStore('s3', { gateway: { port: 80 } }) });
    new ObjectBucketClaim(site, 'claim', { storageClass: 'rook-ceph-block' });
    expectHelpful(failsWritingNothing(app), { path: 'test-site/claim: storageClass', value: /"rook-ceph-block"/, allowed: /"bucket"/, fix: /BucketStorageClass/ });
  });

  test('WHEN a user names a store that is not in the site THEN synth fails listing the stores there are', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('s3', { gateway: { port: 80 } });
    new ObjectStoreUser(site, 'user', { store: 'my-store', cluster });
    expectHelpful(failsWritingNothing(app), { path: 'test-site/user: store', value: /"my-store"/, allowed: /"s3"/, fix: /addObjectStore/ });
  });

  test('WHEN a user names a store of another site THEN synth fails saying whose store it is', () => {
    const { app, site } = newSite();
    const other = new (site.constructor as any)(app, 'other-site', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const foreign: ObjectStore = new RookCluster(other, 'cluster').addObjectStore('s3', { gateway: { port: 80 } });
    new RookCluster(site, 'cluster');
    new ObjectStoreUser(site, 'user', { store: foreign });
    const m = failsWritingNothing(app);
    expectHelpful(m, { path: 'test-site/user: store', value: /"s3"/, allowed: /declares no CephObjectStore/ });
    expect(m).toMatch(/belongs to site "other-site"/);
  });

  test('WHEN two stores have the same name in one namespace THEN synth fails on the second', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('s3', { gateway: { port: 80 } });
    new ObjectStore(site, 'second', { cluster, name: 's3', gateway: { port: 8080 } });
    expectHelpful(failsWritingNothing(app), { path: 'test-site/second: name', value: /"s3"/, allowed: /"s3" are taken/, fix: /another name/ });
  });

  test('WHEN securePort has no certificate THEN the store is refused at once', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { gateway: { securePort: 443 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: gateway.securePort', value: /443/, allowed: /sslCertificateRef .* or gateway\.certificate/, fix: /certificate: \{ issuer/ });
    expect(manifests(site).some((m) => m.kind === 'CephObjectStore')).toBe(false);
  });

  test('WHEN the metadata pool is erasure-coded THEN the store is refused at once', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { metadataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } }, dataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: metadataPool.erasureCoded', value: /dataChunks/, allowed: /replicated: \{ size: 3 \}/, fix: /replicated/ });
  });

  test('WHEN a data pool breaks the BlockPool rules (replicated and erasure-coded) THEN the same rule refuses it', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { dataPool: { replicated: { size: 3 }, erasureCoded: { dataChunks: 2, codingChunks: 1 } }, metadataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: dataPool.erasureCoded', allowed: /exactly one of replicated \/ erasureCoded/ });
  });

  test('WHEN a zone names a zone group that is not in the site THEN synth fails (zone → zone group → realm)', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const realm = new ObjectRealm(site, 'realm-a', { cluster });
    new ObjectZoneGroup(site, 'zonegroup-a', { realm });
    new ObjectZone(site, 'zone-a', { zoneGroup: 'zonegroup-b', cluster, metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } } });
    new ObjectZoneGroup(site, 'zonegroup-c', { realm: 'realm-x', cluster });
    const m = failsWritingNothing(app);
    expectHelpful(m, { path: 'test-site/zone-a: zoneGroup', value: /"zonegroup-b"/, allowed: /"zonegroup-a"/ });
    expectHelpful(m, { path: 'test-site/zonegroup-c: realm', value: /"realm-x"/, allowed: /"realm-a"/ });
  });

  test('WHEN a multisite store also sets pools THEN it is refused: the zone holds them', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { zone: 'zone-a', metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: metadataPool', fix: /ObjectZone/ });
  });

  test('WHEN a 2+1 erasure-coded data pool meets a site of two hosts THEN synth fails as it does for a BlockPool', () => {
    const { app, site } = newSite({ nodes: [{ name: 'a' }, { name: 'b' }] });
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 }, mgr: { count: 1 } });
    cluster.addObjectStore('s3', { metadataPool: { replicated: { size: 2 } }, dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } }, gateway: { port: 80 } });
    expectHelpful(failsWritingNothing(app), { path: 'test-site/cluster/s3: dataPool', value: /"dataChunks":2/, allowed: /at most 2 hosts/ });
  });

  test('WHEN a store sets a field the Rook 1.2.7 CRD does not declare THEN the versions that have it are named', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { gateway: { port: 80, priorityClassName: 'system-cluster-critical' } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: gateway.priorityClassName', value: /1\.2\.7/, allowed: /v1\.20\.6/ });
    const f = configError(() => cluster.addObjectStore('s4', { metadataPool: { replicated: { size: 3 }, parameters: { bulk: 'true' } }, dataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(f.message, { path: 'test-site/cluster/s4: metadataPool: parameters', value: /1\.2\.7/ });
  });

  test('WHEN an exposure is asked for a store on an external RGW THEN it is refused: there are no pods to select', () => {
    const { site } = newSite();
    const store = new RookCluster(site, 'cluster').addObjectStore('ext', { gateway: { port: 80, externalRgwEndpoints: [{ hostname: 'rgw.example.com' }] } });
    const e = configError(() => new ObjectStoreExposure(site, 'x', { store, serviceType: 'LoadBalancer' }));
    expectHelpful(e.message, { path: 'test-site/x: store', value: /"ext"/, allowed: /runs in the cluster/, fix: /external RGW/ });
  });

  test('WHEN an external store also asks for gateway instances THEN it is refused: no RGW pods run here', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('ext', { gateway: { port: 80, instances: 2, externalRgwEndpoints: [{ ip: '192.168.39.182' }] } }));
    expectHelpful(e.message, { path: 'test-site/cluster/ext: gateway.instances', value: /2/, allowed: /externalRgwEndpoints/, fix: /remove instances/ });
  });
});
