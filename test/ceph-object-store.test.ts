/** CephObjectStore (src/rook/ceph-object-store.ts): a CephObjectStore, its pools, gateway, TLS and the Rook line rules. */
import { CephObjectStore, RookCluster } from '../src';
import { configError, expectHelpful, findManifest, manifests, newSite, synthFailsWritingNothing } from './helpers';
import { synthValid } from './upstream-compare';

describe('GIVEN bad object-storage input', () => {
  test('WHEN an external store also asks for gateway instances THEN it is refused: no RGW pods run here', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('ext', { gateway: { port: 80, instances: 2, externalRgwEndpoints: [{ ip: '192.168.39.182' }] } }));
    expectHelpful(e.message, { path: 'test-site/cluster/ext: gateway.instances', value: /2/, allowed: /externalRgwEndpoints/, fix: /remove instances/ });
  });

  test('WHEN a multisite store also sets pools THEN it is refused: the zone holds them', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { zone: 'zone-a', metadataPool: { replicated: { size: 3 } }, dataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: metadataPool', fix: /CephObjectZone/ });
  });

  test('WHEN a 2+1 erasure-coded data pool meets a site of two hosts THEN synth fails as it does for a CephBlockPool', () => {
    const { app, site } = newSite({ nodes: [{ name: 'a' }, { name: 'b' }] });
    const cluster = new RookCluster(site, 'cluster', { mon: { count: 1 }, mgr: { count: 1 } });
    cluster.addObjectStore('s3', { metadataPool: { replicated: { size: 2 } }, dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1 } }, gateway: { port: 80 } });
    expectHelpful(synthFailsWritingNothing(app), { path: 'test-site/cluster/s3: dataPool', value: /"dataChunks":2/, allowed: /at most 2 hosts/ });
  });

  test('WHEN a store sets a field the Rook 1.2.7 CRD does not declare THEN the versions that have it are named', () => {
    const { site } = newSite({ kubernetesVersion: '1.16.0', rookVersion: '1.2.7' });
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { gateway: { port: 80, priorityClassName: 'system-cluster-critical' } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: gateway.priorityClassName', value: /1\.2\.7/, allowed: /v1\.20\.6/ });
    const f = configError(() => cluster.addObjectStore('s4', { metadataPool: { replicated: { size: 3 }, parameters: { bulk: 'true' } }, dataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(f.message, { path: 'test-site/cluster/s4: metadataPool: parameters', value: /1\.2\.7/ });
  });

  test('WHEN two stores have the same name in one namespace THEN synth fails on the second', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    cluster.addObjectStore('s3', { gateway: { port: 80 } });
    new CephObjectStore(site, 'second', { cluster, name: 's3', gateway: { port: 8080 } });
    expectHelpful(synthFailsWritingNothing(app), { path: 'test-site/second: name', value: /"s3"/, allowed: /"s3" are taken/, fix: /another name/ });
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

  test('WHEN a data pool breaks the CephBlockPool rules (replicated and erasure-coded) THEN the same rule refuses it', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const e = configError(() => cluster.addObjectStore('s3', { dataPool: { replicated: { size: 3 }, erasureCoded: { dataChunks: 2, codingChunks: 1 } }, metadataPool: { replicated: { size: 3 } }, gateway: { port: 80 } }));
    expectHelpful(e.message, { path: 'test-site/cluster/s3: dataPool.erasureCoded', allowed: /exactly one of replicated \/ erasureCoded/ });
  });
});

const OLD = { kubernetesVersion: '1.21.0', rookVersion: '1.7.11' as const };

describe('GIVEN an object store serving HTTPS', () => {
  const tls = { port: 80, securePort: 443, sslCertificateRef: 'rgw-tls' };

  test('WHEN ciphers, cipher suites, groups and SSL options are set THEN spec.security carries them and validates', () => {
    const { app, site } = newSite();
    site.clusterProvides({ secrets: ['rook-ceph/rgw-tls'] }); // the gateway's certificate, from cert-manager or the user
    const security = { ciphers: ['ECDHE-RSA-AES256-GCM-SHA384'], cipherSuites: ['TLS_AES_256_GCM_SHA384'], tlsGroups: ['X25519', 'P-256'], sslOptions: { tlsv1_0: false, tlsv1_1: false, noCompression: true } };
    new RookCluster(site, 'cluster').addObjectStore('s', { gateway: tls, security });
    expect(findManifest(site, 'CephObjectStore', 's').spec.security).toEqual(security);
    synthValid(app);
  });

  test.each([
    ['a cipher list in one string', { gateway: tls, security: { ciphers: ['ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA'] } }, /security\.ciphers\[0\]/, /list each name as its own entry/],
    ['TLS options without securePort', { gateway: { port: 80 }, security: { tlsGroups: ['X25519'] } }, /: security/, /add gateway: \{ securePort: 443/],
    ['an unknown SSL option', { gateway: tls, security: { sslOptions: { tlsv1_3: true } } }, /sslOptions/, /./],
  ])('WHEN it has %s THEN it is a ConfigError', (_what, opts, path, fix) => {
    const { site } = newSite();
    expectHelpful(configError(() => new RookCluster(site, 'cluster').addObjectStore('s', opts as any)).message, { path, fix });
  });

  test('WHEN the site pins Rook 1.7.11 THEN security is refused with the versions that have it', () => {
    const { site } = newSite(OLD);
    expectHelpful(configError(() => new RookCluster(site, 'cluster').addObjectStore('s', { gateway: tls, security: { tlsGroups: ['X25519'] } })).message, { path: /: security/, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
