import { App } from 'cdk8s';
import { CephCsi, CephRbdSnapshotClass, GitOpsProps, RookCluster, RookOperator, Site, CephFilesystemSubVolumeGroup, Toolbox } from '..';

/**
 * @param gitops engine override (tests build a Flux variant); dist/ uses Argo CD.
 *
 * dc1-local: bare-metal kubeadm nodes, Rook v1.20.6 on Kubernetes 1.33.0, synced by Argo CD.
 * Operator from the upstream Helm chart; CSI through the ceph-csi-operator resources.
 * OSDs on disks picked by devicePathFilter (by-path names survive sda/sdb renames).
 * S3 object store (replicated metadata, 2+1 erasure-coded data) with a user, a bucket class and a claim for Loki.
 */
export function dc1Local(app: App, gitops: GitOpsProps | 'default' = 'default'): Site {
  const site = new Site(app, 'dc1-local', {
    kubernetesVersion: '1.33.0',
    rookVersion: '1.20.6',
    nodes: [{ name: 'dc1-node-a' }, { name: 'dc1-node-b' }, { name: 'dc1-node-c' }],
    gitops: gitops === 'default'
      ? { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', targetRevision: 'main', path: 'dist/dc1-local' }
      : gitops,
  });

  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph', logLevel: 'INFO' });
  new CephCsi(site, 'csi', { operator, provisionerReplicas: 2 });

  const cluster = new RookCluster(site, 'cluster', {
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    mon: { count: 3 },
    storage: {
      useAllNodes: true,
      devicePathFilter: '^/dev/disk/by-path/pci-0000:0[0-9]:00\\.0-nvme-1$',
    },
  });

  const replicapool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
  const ecMeta = cluster.addPool('ec-meta', { failureDomain: 'host', replicated: { size: 3 } });
  const ecData = cluster.addPool('ec-data', { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 } });

  replicapool.addStorageClass('rook-ceph-block', { isDefault: true });
  ecMeta.addStorageClass('rook-ceph-block-ec', { dataPool: ecData });
  new CephRbdSnapshotClass(site, 'csi-rbdplugin-snapclass', { cluster });

  const objectStore = cluster.addObjectStore('objectstore', {
    metadataPool: { failureDomain: 'host', replicated: { size: 3 } },
    dataPool: { failureDomain: 'host', erasureCoded: { dataChunks: 2, codingChunks: 1 } },
    gateway: { port: 80, instances: 2 },
  });
  objectStore.addUser('backup', { displayName: 'dc1 platform backups', quotas: { maxBuckets: 20 } });
  const buckets = objectStore.addBucketStorageClass('rook-ceph-bucket', { reclaimPolicy: 'Retain' });
  buckets.addBucketClaim('loki-chunks', { namespace: 'logging', maxSize: '500G' });

  new Toolbox(site, 'toolbox', { cluster });

  // Tenants (issue 11): a shared CephFS with one subvolume group per team and an RBD RADOS namespace, each with its
  // own CSI clusterID fixed here at synth and carried by its StorageClass.
  const sharedFs = cluster.addFilesystem('sharedfs');
  CephFilesystemSubVolumeGroup.csiDefault(site, 'sharedfs-csi', sharedFs);
  const teamA = sharedFs.addSubVolumeGroup('team-a', { quota: '500Gi' });
  teamA.addStorageClass('cephfs-team-a');
  sharedFs.addSnapshotClass('csi-cephfsplugin-snapclass');
  const tenantB = replicapool.addRadosNamespace('tenant-b');
  tenantB.addStorageClass('rook-ceph-block-tenant-b');
  tenantB.addSnapshotClass('csi-rbdplugin-snapclass-tenant-b');
  return site;
}
