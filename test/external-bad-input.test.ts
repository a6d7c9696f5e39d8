/**
 * Bad input for ExternalCluster and its StorageClasses: each mistake fails with where, what, the bad value,
 * what is allowed and the fix, and nothing is written. Keys never appear in a message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CephRbdStorageClass, ExternalCluster, SecretRef, synthApp } from '../src';
import { es, fakeCephxKey, FSID, MONS, props120, store } from './external-helpers';
import { configError, expectHelpful, newSite, synthError, UPSTREAM } from './helpers';

describe('GIVEN malformed mon endpoints', () => {
  test.each([
    ['10.0.0.11:6789', /missing "<name>="/],
    ['a=10.0.0.300:6789', /neither an IPv4 address nor a host name/],
    ['a=10.0.0.11:70000', /port 70000 is outside 1\.\.65535/],
    ['a=10.0.0.11', /is not host:port/],
    ['a=2001:db8::11:3300', /IPv6 address must be in brackets/],
    ['a=[2001:db8::zz]:3300', /is not an IPv6 address/],
  ])('WHEN an endpoint is %p THEN it is rejected with the expected form', (bad, why) => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ monEndpoints: ['b=10.0.0.12:6789', bad] })));
    expectHelpful(e.message, { path: 'test-site/ext: monEndpoints[1]', value: bad, allowed: /"<name>=<ip or host>:<port>"/, fix: /rook-ceph-mon-endpoints/ });
    expect(e.message).toMatch(why);
  });

  test('WHEN IPv6 (bracketed) and host-name endpoints are given THEN they are accepted', () => {
    const { site } = newSite();
    expect(() => new ExternalCluster(site, 'ext', props120({ monEndpoints: ['a=[2001:db8::11]:3300', 'b=mon-b.ceph.example:6789', 'c=10.0.0.13:3300'] }))).not.toThrow();
  });

  test('WHEN two endpoints share a mon name THEN it is rejected', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ monEndpoints: ['a=10.0.0.11:6789', 'a=10.0.0.12:6789'] })));
    expectHelpful(e.message, { path: 'ext: monEndpoints[1]', allowed: /one entry per mon/ });
  });
});

describe('GIVEN an fsid', () => {
  test('WHEN it is not a UUID THEN it is rejected and says where to read it', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ fsid: 'ceph-prod-1' })));
    expectHelpful(e.message, { path: 'test-site/ext: fsid', value: 'ceph-prod-1', allowed: /a UUID/, fix: /ceph fsid/ });
  });
});

describe('GIVEN key material in props', () => {
  test('WHEN a cephx key is put in a string prop THEN it is refused, masked, and the explicit opt-in is named', () => {
    const { site } = newSite();
    const key = fakeCephxKey();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ csiUsers: { rbdNode: key } })));
    expectHelpful(e.message, { path: 'test-site/ext: csiUsers.rbdNode', value: /<redacted, 40 characters>/, allowed: /keys only through a SecretRef/, fix: /SecretRef\.unsafePlaintext/ });
    expect(e.message).not.toContain(key);
  });

  test('WHEN the key string is passed where a SecretRef belongs THEN it is refused before anything else, masked', () => {
    const { site } = newSite();
    const key = fakeCephxKey();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { mon: key } as any })));
    expectHelpful(e.message, { path: 'ext: secrets.mon', value: /redacted/, fix: /SecretRef\.externalSecret/ });
    expect(e.message).not.toContain(key);
  });

  test('WHEN a keyring line is pasted THEN it is refused', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ healthCheckUser: `[client.healthchecker]\n\tkey = ${fakeCephxKey()}` })));
    expect(e.message).toMatch(/looks like Ceph key material/);
  });

  test('WHEN a plain cephx key is given as Sealed Secrets ciphertext THEN it is refused', () => {
    const key = fakeCephxKey();
    const e = configError(() => SecretRef.sealedSecret({ encryptedData: { 'ceph-secret': key } }));
    expectHelpful(e.message, { path: 'SecretRef.sealedSecret: encryptedData.ceph-secret', value: /redacted/, allowed: /kubeseal --raw/, fix: /seal the value/ });
    expect(e.message).toMatch(/plain cephx key/);
    expect(e.message).not.toContain(key);
  });
});

describe('GIVEN secret references that do not match what Rook reads', () => {
  test('WHEN the mon reference lacks ceph-secret THEN the missing key and the consumer are named', () => {
    const { site } = newSite();
    const ref = SecretRef.externalSecret({ store, data: { 'ceph-secrt': { key: 'ceph/mon', property: 'key' } } });
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { mon: ref } as any })));
    expectHelpful(e.message, { path: 'test-site/ext: secrets.mon', value: /ceph-secrt/, allowed: /exactly the secret keys "ceph-secret"/, fix: /add "ceph-secret"/ });
    expect(e.message).toMatch(/Rook v1\.20\.6 \(external cluster "rook-ceph-external"\) reads/);
  });

  test('WHEN a reference also supplies a non-secret key (userID) THEN it says that key comes from props', () => {
    const { site } = newSite();
    const ref = SecretRef.externalSecret({ store, data: { userKey: { key: 'k', property: 'userKey' }, userID: { key: 'k', property: 'userID' } } });
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { csiRbdNode: ref } as any })));
    expectHelpful(e.message, { path: 'ext: secrets.csiRbdNode', value: 'userID', fix: /remove "userID" from the reference/ });
    expect(e.message).toMatch(/not secret: it is set from typed props \(value "csi-rbd-node"\)/);
  });
});

describe('GIVEN local-only options on an ExternalCluster', () => {
  test.each([
    ['storage', { useAllNodes: true }, /Rook runs no OSDs/],
    ['mon', { count: 3 }, /list them in monEndpoints/],
    ['placement', { all: {} }, /nothing to place/],
  ])('WHEN %p is set THEN it is rejected with why it does not apply', (key, value, why) => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', { ...props120(), [key]: value } as any));
    expectHelpful(e.message, { path: `test-site/ext: ${key}`, allowed: /ExternalCluster props: name, namespace, operatorNamespace, fsid, monEndpoints/, fix: new RegExp(`remove "${key}"`) });
    expect(e.message).toMatch(/is an option of a local cluster/);
    expect(e.message).toMatch(why);
  });
});

describe('GIVEN cephVersion.image', () => {
  test('WHEN it is set without dataDirHostPath THEN it is rejected (Rook refuses it)', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ cephVersion: { image: 'quay.io/ceph/ceph:v20.2.4' } })));
    expectHelpful(e.message, { path: 'test-site/ext: cephVersion.image', allowed: /together with dataDirHostPath/, fix: /dataDirHostPath: "\/var\/lib\/rook"/ });
  });
});

describe('GIVEN StorageClasses for an external cluster', () => {
  test('WHEN the RBD class names a pool the external props do not list THEN synth fails, lists rbdPools, and writes nothing', () => {
    const { app, site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120());
    new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: 'k8s-rbd' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-out-'));
    const e = synthError(app, out);
    expectHelpful(e.message, { path: 'test-site/ceph-rbd: pool', value: 'k8s-rbd', allowed: /"replicapool"/, fix: /add "k8s-rbd" to rbdPools of the ExternalCluster/ });
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('GIVEN secrets of a shape the pinned Rook version does not read', () => {
  test('WHEN CephFS secrets use adminKey on Rook v1.20.6 THEN it names the <= 1.17 shape and the key 1.20 reads', () => {
    const { site } = newSite();
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ secrets: { csiCephfsNode: es('fs', 'adminKey') } as any })));
    expectHelpful(e.message, { path: 'ext: secrets.csiCephfsNode', value: /adminKey/, allowed: /"userKey"/ });
    expect(e.message).toMatch(/adminKey" is the CephFS CSI key name of Rook <= 1\.17 \(adminID\/adminKey\); Rook v1\.20\.6 .* does not read it/);
  });

  test('WHEN CephFS secrets use userKey on Rook v1.7.11 THEN it names the >= 1.18 shape', () => {
    const { site } = newSite({ rookVersion: '1.7.11', kubernetesVersion: '1.22.0' });
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, secrets: { mon: es('mon', 'ceph-secret'), csiCephfsProvisioner: es('fs', 'userKey') } }));
    expectHelpful(e.message, { path: 'ext: secrets.csiCephfsProvisioner', allowed: /"adminKey"/ });
    expect(e.message).toMatch(/userKey" is the CephFS CSI key name of Rook >= 1\.18/);
  });

  test('WHEN CSI secrets are given on Rook v1.2.7 THEN it says v1.2 imports only the mon Secret and ConfigMap', () => {
    const { site } = newSite({ rookVersion: '1.2.7', kubernetesVersion: '1.16.0' });
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, secrets: { mon: es('mon', 'admin-secret'), csiRbdNode: es('rbd', 'userKey') } }));
    expectHelpful(e.message, { path: 'ext: secrets.csiRbdNode', value: '1.2.7', allowed: /Rook .*v1\.7\.11, .*v1\.20\.6/, fix: /remove secrets\.csiRbdNode/ });
    expect(e.message).toMatch(/not available on Rook 1\.2\.7/);
  });

  test('WHEN the mon reference supplies ceph-secret on Rook v1.2.7 THEN it names the >= 1.7 shape and asks for admin-secret', () => {
    const { site } = newSite({ rookVersion: '1.2.7', kubernetesVersion: '1.16.0' });
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, secrets: { mon: es('mon', 'ceph-secret') } }));
    expectHelpful(e.message, { path: 'ext: secrets.mon', allowed: /"admin-secret"/ });
    expect(e.message).toMatch(/health-check user key of Rook >= 1\.7/);
  });

  test('WHEN healthCheckUser is set on Rook v1.2.7 THEN it is rejected naming the versions that read it', () => {
    const { site } = newSite({ rookVersion: '1.2.7', kubernetesVersion: '1.16.0' });
    const e = configError(() => new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, healthCheckUser: 'client.healthchecker', secrets: { mon: es('mon', 'admin-secret') } }));
    expectHelpful(e.message, { path: 'ext: healthCheckUser', value: '1.2.7', allowed: /v1\.7\.11, .*v1\.20\.6/, fix: /remove healthCheckUser/ });
  });

  test('WHEN a CSI secret is missing on Rook v1.20.6 THEN the error says 1.20 never creates them', () => {
    const { site } = newSite();
    const p = props120();
    delete (p.secrets as any).csiCephfsNode;
    const e = configError(() => new ExternalCluster(site, 'ext', p));
    expectHelpful(e.message, { path: 'test-site/ext: secrets.csiCephfsNode', allowed: /secrets\.csiRbdNode, secrets\.csiRbdProvisioner/, fix: /SecretRef\.externalSecret/ });
    expect(e.message).toMatch(/Rook v1\.20\.6 never creates the CSI secrets for an external cluster/);
  });
});

describe('GIVEN a StorageClass whose CSI secrets the external cluster does not provide', () => {
  test('WHEN Rook v1.7.11 runs with a non-admin user and no rbd secrets THEN synth fails naming the Secret and the slot', () => {
    const { app, site } = newSite({ rookVersion: '1.7.11', kubernetesVersion: '1.22.0' });
    const cluster = new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, rbdPools: ['replicapool'], secrets: { mon: es('mon', 'ceph-secret') } });
    new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: 'replicapool' });
    const e = synthError(app);
    expectHelpful(e.message, { path: 'test-site/ceph-rbd: parameters.csi.storage.k8s.io/node-stage-secret-name', value: 'rook-csi-rbd-node', allowed: /"rook-ceph-mon"/, fix: /add secrets\.csiRbdNode/ });
    expect(e.message).toMatch(/test-site\/ceph-rbd: parameters\.csi\.storage\.k8s\.io\/controller-expand-secret-name[\s\S]*rook-csi-rbd-provisioner/);
  });

  test('WHEN the health-check user is client.admin on Rook v1.7.11 THEN the operator makes them and synth passes the check', () => {
    const { app, site } = newSite({ rookVersion: '1.7.11', kubernetesVersion: '1.22.0' });
    const cluster = new ExternalCluster(site, 'ext', { fsid: FSID, monEndpoints: MONS, rbdPools: ['replicapool'], healthCheckUser: 'client.admin', secrets: { mon: es('mon', 'ceph-secret') } });
    new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: 'replicapool' });
    expect(() => synthApp(app, { write: false, upstreamDir: UPSTREAM })).not.toThrow();
  });
});

describe('GIVEN non-secret values that merely look long', () => {
  test('WHEN cephVersion.image is pinned by a sha256 digest THEN it is not mistaken for key material', () => {
    const { site } = newSite();
    const image = `quay.io/ceph/ceph@sha256:${'0123456789abcdef'.repeat(4)}`;
    expect(() => new ExternalCluster(site, 'ext', props120({ cephVersion: { image }, dataDirHostPath: '/var/lib/rook' }))).not.toThrow();
  });

  test('WHEN an unpadded 64-character base64 token is given THEN it is refused', () => {
    const { site } = newSite();
    const token = Buffer.from('x'.repeat(48)).toString('base64').replace(/=+$/, '') + 'Zz9+';
    const e = configError(() => new ExternalCluster(site, 'ext', props120({ healthCheckUser: `client.${token}` })));
    expect(e.message).toMatch(/long base64 string/);
    expect(e.message).not.toContain(token);
  });
});
