/**
 * Object storage across its constructs: a store with HTTPS, a user, a bucket class, a claim and an HTTPRoute
 * together, and the reference site dc1-local. Each construct's own scenarios and bad input are in its file
 * (object-store, object-store-user, object-store-exposure, object-zone, bucket-storage-class, object-bucket-claim).
 */
import {
  BucketStorageClass, ObjectBucketClaim, ObjectStoreExposure, CephObjectStoreUser, RookCluster, RookOperator,
} from '../src';
import { synthApp } from '../src/pipeline/synth';
import { dc1Local } from '../src/sites/dc1-local';
import { App } from 'cdk8s';
import { findManifest, newSite, UPSTREAM } from './helpers';

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
    const user = new CephObjectStoreUser(site, 'backup', { store, capabilities: { bucket: 'read, write' }, quotas: { maxBuckets: 10, maxSize: '1Ti' } });
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
