import { App } from 'cdk8s';
import { CephCsi, ExternalCluster, RookOperator, SecretRef, Site } from '..';

/**
 * external-ceph: Kubernetes 1.33.0 with Rook v1.20.6 connected to a Ceph cluster run by cephadm, synced by Flux.
 * Every key comes from the ClusterSecretStore "vault" through External Secrets; git holds only fsid,
 * mon endpoints, user and pool names.
 */
export function externalCeph(app: App): Site {
  const site = new Site(app, 'external-ceph', {
    kubernetesVersion: '1.33.0',
    rookVersion: '1.20.6',
    gitops: { engine: 'flux', url: 'https://git.example.com/platform/storage.git', branch: 'main', path: './dist/external-ceph' },
  });

  // The operator (Flux HelmRelease of the v1.20.6 chart) and the CSI drivers the external cluster's classes use.
  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });

  const store = { kind: 'ClusterSecretStore' as const, name: 'vault' };
  const vault = (secret: string, property: string) => ({ key: `ceph/rook-ceph-external/${secret}`, property });

  const cluster = new ExternalCluster(site, 'external', {
    name: 'rook-ceph-external',
    namespace: 'rook-ceph-external',
    operatorNamespace: 'rook-ceph',
    fsid: '3f1c9a52-8d4e-4b6f-9a27-5c0e1d2b7f48',
    monEndpoints: ['ceph-mon-a=10.20.0.11:3300', 'ceph-mon-b=10.20.0.12:3300', 'ceph-mon-c=10.20.0.13:3300'],
    healthCheckUser: 'client.healthchecker',
    rbdPools: ['k8s-rbd'],
    filesystems: [{ name: 'k8s-fs', dataPools: ['k8s-fs-data'], metadataPool: 'k8s-fs-metadata' }],
    monitoring: { endpoints: ['10.20.0.11', '10.20.0.12'], port: 9283 },
    secrets: {
      mon: SecretRef.externalSecret({ store, data: { 'ceph-secret': vault('rook-ceph-mon', 'ceph-secret') } }),
      csiRbdNode: SecretRef.externalSecret({ store, data: { userKey: vault('rook-csi-rbd-node', 'userKey') } }),
      csiRbdProvisioner: SecretRef.externalSecret({ store, data: { userKey: vault('rook-csi-rbd-provisioner', 'userKey') } }),
      csiCephfsNode: SecretRef.externalSecret({ store, data: { userKey: vault('rook-csi-cephfs-node', 'userKey') } }),
      csiCephfsProvisioner: SecretRef.externalSecret({ store, data: { userKey: vault('rook-csi-cephfs-provisioner', 'userKey') } }),
    },
  });

  cluster.addRbdStorageClass('ceph-rbd', { pool: 'k8s-rbd', isDefault: true });
  cluster.addCephFsStorageClass('cephfs', { fsName: 'k8s-fs', pool: 'k8s-fs-data' });
  return site;
}
