/**
 * ExternalCluster: the objects that connect Rook to a Ceph cluster run elsewhere, per pinned Rook version,
 * and the reference site external-ceph.
 */
import { App } from 'cdk8s';
import { CephFsExternalStorageClass, CephRbdStorageClass, ExternalCluster, SecretRef, Site, synthApp } from '../src';
import { literalForTemplate } from '../src/secrets/secret-ref';
import { externalCeph } from '../src/sites/external-ceph';
import { renderSite } from '../src/pipeline/synth';
import { es, FSID, MONS, props120 } from './external-helpers';
import { configError, expectHelpful, findManifest, manifests, newSite, UPSTREAM } from './helpers';

function validate(app: App) {
  return synthApp(app, { write: false, upstreamDir: UPSTREAM });
}

describe('GIVEN the external-ceph reference site', () => {
  const site = externalCeph(new App());
  const all = manifests(site);

  test('THEN the CephCluster is external only: external.enable, no local daemon settings, mgr metrics endpoints', () => {
    const c = findManifest(site, 'CephCluster', 'rook-ceph-external');
    expect(c.metadata.namespace).toBe('rook-ceph-external');
    expect(c.spec).toEqual({
      external: { enable: true },
      crashCollector: { disable: true },
      monitoring: { enabled: true, externalMgrEndpoints: [{ ip: '10.20.0.11' }, { ip: '10.20.0.12' }], externalMgrPrometheusPort: 9283 },
    });
  });

  test('THEN the mon endpoints ConfigMap lists three mons as name=ip:port with mapping {} and maxMonId 2', () => {
    const cm = findManifest(site, 'ConfigMap', 'rook-ceph-mon-endpoints');
    expect(cm.data).toEqual({ data: 'ceph-mon-a=10.20.0.11:3300,ceph-mon-b=10.20.0.12:3300,ceph-mon-c=10.20.0.13:3300', mapping: '{}', maxMonId: '2' });
  });

  test('THEN rook-ceph-mon and all four CSI secrets are ExternalSecrets from ClusterSecretStore vault; the Secret is built from the template: non-secret keys as literals, secret keys from the fetched values', () => {
    const names = all.filter((m) => m.kind === 'ExternalSecret').map((m) => m.metadata.name).sort();
    expect(names).toEqual(['rook-ceph-mon', 'rook-csi-cephfs-node', 'rook-csi-cephfs-provisioner', 'rook-csi-rbd-node', 'rook-csi-rbd-provisioner']);
    const mon = findManifest(site, 'ExternalSecret', 'rook-ceph-mon');
    expect(mon.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(mon.spec.target.template.data).toEqual({ 'admin-secret': 'admin-secret', 'ceph-username': 'client.healthchecker', 'cluster-name': 'rook-ceph-external', 'fsid': '3f1c9a52-8d4e-4b6f-9a27-5c0e1d2b7f48', 'mon-secret': 'mon-secret', 'ceph-secret': '{{ .ceph_secret }}' });
    expect(mon.spec.target.template.mergePolicy).toBeUndefined();
    expect(mon.spec.data).toEqual([{ secretKey: 'ceph_secret', remoteRef: { key: 'ceph/rook-ceph-external/rook-ceph-mon', property: 'ceph-secret' } }]);
    const fsNode = findManifest(site, 'ExternalSecret', 'rook-csi-cephfs-node');
    expect(fsNode.spec.target).toEqual({ name: 'rook-csi-cephfs-node', template: { type: 'kubernetes.io/rook', engineVersion: 'v2', data: { userID: 'csi-cephfs-node', userKey: '{{ .userKey }}' } } });
    expect(fsNode.spec.data[0].secretKey).toBe('userKey');
  });

  test('THEN no Secret object is emitted at all', () => {
    expect(all.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  test('THEN the RBAC of upstream common-external.yaml is there for the separate namespace', () => {
    const b = findManifest(site, 'RoleBinding', 'rook-ceph-cluster-mgmt');
    expect(b.metadata.namespace).toBe('rook-ceph-external');
    expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'rook-ceph-cluster-mgmt' });
    expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'rook-ceph-system', namespace: 'rook-ceph' }]);
    expect(findManifest(site, 'Role', 'rook-ceph-cmd-reporter').rules[0].resources).toEqual(['pods', 'configmaps']);
    expect(findManifest(site, 'ServiceAccount', 'rook-ceph-default').metadata.namespace).toBe('rook-ceph-external');
  });

  test('THEN the RBD and CephFS StorageClasses use clusterID = the external namespace and the operator-prefixed drivers', () => {
    const rbd = findManifest(site, 'StorageClass', 'ceph-rbd');
    expect(rbd.provisioner).toBe('rook-ceph.rbd.csi.ceph.com');
    expect(rbd.parameters).toMatchObject({ 'clusterID': 'rook-ceph-external', 'pool': 'k8s-rbd', 'csi.storage.k8s.io/node-stage-secret-namespace': 'rook-ceph-external' });
    const cephfs = findManifest(site, 'StorageClass', 'cephfs');
    expect(cephfs.provisioner).toBe('rook-ceph.cephfs.csi.ceph.com');
    expect(cephfs.parameters).toMatchObject({ 'clusterID': 'rook-ceph-external', 'fsName': 'k8s-fs', 'pool': 'k8s-fs-data', 'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-cephfs-provisioner', 'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-cephfs-node' });
  });

  test('THEN the site pins Flux and the External Secrets CRDs, and validates strictly', () => {
    expect(site.gitops.engine).toBe('flux');
    expect(site.schemaSources).toContain('external-secrets@v2.9.0');
    const r = validate(site.node.scope as App);
    expect(r.results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('THEN a note next to the manifests says where every secret value lives, and holds no key', () => {
    const note = renderSite(site).files.find((f) => f.path === 'EXTERNAL-CLUSTER-rook-ceph-external.md')!.content;
    expect(note).toMatch(/\| rook-csi-rbd-node \| userKey \| ClusterSecretStore "vault", remote key "ceph\/rook-ceph-external\/rook-csi-rbd-node", property "userKey" \|/);
    expect(note).toMatch(/\| rook-ceph-mon \| fsid \| `3f1c9a52-/);
  });
});

describe('GIVEN the version rules', () => {
  test('WHEN Rook v1.7.11 is pinned THEN CephFS CSI secrets use adminID/adminKey, CSI secrets are optional, and it validates', () => {
    const { app, site } = newSite({ rookVersion: '1.7.11', kubernetesVersion: '1.22.0' });
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS,
      secrets: { mon: es('mon', 'ceph-secret'), csiCephfsNode: es('fs-node', 'adminKey') },
    });
    const fsNode = findManifest(site, 'ExternalSecret', 'rook-csi-cephfs-node');
    expect(fsNode.spec.target.template.data).toEqual({ adminID: 'csi-cephfs-node', adminKey: '{{ .adminKey }}' });
    expect(fsNode.spec.data[0].secretKey).toBe('adminKey');
    expect(manifests(site).some((m) => m.metadata.name === 'rook-csi-rbd-node')).toBe(false);
    expect(manifests(site).some((m) => m.metadata.name === 'rook-ceph-default')).toBe(false);
    expect(validate(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN Rook v1.2.7 is pinned THEN only the mon Secret (with the admin key) and the mon endpoints ConfigMap are emitted, and it validates', () => {
    const { app, site } = newSite({ rookVersion: '1.2.7', kubernetesVersion: '1.16.0' });
    new ExternalCluster(site, 'ext', {
      fsid: FSID, monEndpoints: MONS, cephVersion: { image: 'ceph/ceph:v14.2.8' }, dataDirHostPath: '/var/lib/rook',
      secrets: { mon: es('mon', 'admin-secret') },
    });
    const kinds = manifests(site).filter((m) => !['Namespace', 'Role', 'RoleBinding', 'ServiceAccount'].includes(m.kind)).map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(kinds).toEqual(['CephCluster/rook-ceph-external', 'ConfigMap/rook-ceph-mon-endpoints', 'ExternalSecret/rook-ceph-mon']);
    expect(findManifest(site, 'ExternalSecret', 'rook-ceph-mon').spec.target.template.data).toEqual({ 'cluster-name': 'rook-ceph-external', 'fsid': FSID, 'mon-secret': 'mon-secret', 'admin-secret': '{{ .admin_secret }}' });
    expect(findManifest(site, 'CephCluster', 'rook-ceph-external').spec).toEqual({ external: { enable: true }, cephVersion: { image: 'ceph/ceph:v14.2.8' }, dataDirHostPath: '/var/lib/rook' });
    expect(validate(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN the cluster shares the operator namespace THEN no extra RBAC is emitted', () => {
    const { site } = newSite();
    new ExternalCluster(site, 'ext', props120({ namespace: 'rook-ceph', operatorNamespace: 'rook-ceph' }));
    expect(manifests(site).filter((m) => ['Role', 'RoleBinding', 'ServiceAccount'].includes(m.kind))).toEqual([]);
  });
});

describe('GIVEN StorageClasses for an external cluster', () => {
  test('WHEN the RBD class names a listed pool and the CephFS class a listed filesystem THEN synth passes', () => {
    const { app, site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120());
    new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: 'replicapool' });
    new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: 'myfs' });
    expect(findManifest(site, 'StorageClass', 'cephfs').parameters.pool).toBe('myfs-replicated');
    expect(validate(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });

  test('WHEN an ExternalCluster is added to a Site that pins no Rook version THEN the error asks to pin one', () => {
    const site = new Site(new App(), 's', { kubernetesVersion: '1.33.0' });
    const e = configError(() => new ExternalCluster(site, 'ext', props120()));
    expectHelpful(e.message, { path: 's/ext', fix: /set rookVersion on the Site/ });
  });
});

describe('GIVEN the optional Secrets', () => {
  test('WHEN RGW admin-ops and the dashboard link are referenced THEN both keys of the RGW user and the dashboard URL come from the store', () => {
    const { site } = newSite();
    const rgw = SecretRef.externalSecret({ store: { kind: 'SecretStore', name: 'ceph-store' }, data: { accessKey: { key: 'ceph/rgw', property: 'accessKey' }, secretKey: { key: 'ceph/rgw', property: 'secretKey' } }, refreshInterval: '15m' });
    new ExternalCluster(site, 'ext', props120({ secrets: { rgwAdminOps: rgw, dashboardLink: es('dash', 'userKey') } as any }));
    const r = findManifest(site, 'ExternalSecret', 'rgw-admin-ops-user');
    expect(r.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'ceph-store' });
    expect(r.spec.refreshInterval).toBe('15m');
    expect(r.spec.target.template.data).toEqual({ accessKey: '{{ .accessKey }}', secretKey: '{{ .secretKey }}' });
    expect(findManifest(site, 'ExternalSecret', 'rook-ceph-dashboard-link').spec.target.template.data).toEqual({ userID: 'ceph-dashboard-link', userKey: '{{ .userKey }}' });
  });

  test('WHEN a non-secret value contains a Go-template delimiter THEN it is escaped so it renders as itself', () => {
    expect(literalForTemplate('a{{b')).toBe('a{{ "{{" }}b');
  });
});

describe('GIVEN Ceph pool names that are not DNS names', () => {
  test('WHEN the external cluster has an RBD pool with "_" THEN the RBD StorageClass accepts it and validates', () => {
    const { app, site } = newSite();
    const cluster = new ExternalCluster(site, 'ext', props120({ rbdPools: ['rbd_ssd'], filesystems: [{ name: 'cephfs', dataPools: ['cephfs_data'] }] }));
    new CephRbdStorageClass(site, 'ceph-rbd', { cluster, pool: 'rbd_ssd' });
    new CephFsExternalStorageClass(site, 'cephfs', { cluster, fsName: 'cephfs' });
    expect(findManifest(site, 'StorageClass', 'ceph-rbd').parameters.pool).toBe('rbd_ssd');
    expect(findManifest(site, 'StorageClass', 'cephfs').parameters.pool).toBe('cephfs_data');
    expect(validate(app).results.filter((x) => x.status !== 'statusValid')).toEqual([]);
  });
});
