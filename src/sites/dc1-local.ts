import { App } from 'cdk8s';
import { CephRbdSnapshotClass, CephRbdStorageClass, RookCluster, Site } from '..';

/**
 * dc1-local: bare-metal kubeadm nodes, Rook v1.20.6 on Kubernetes 1.33.0.
 * OSDs on disks picked by devicePathFilter (by-path names survive sda/sdb renames).
 */
export function dc1Local(app: App): Site {
  const site = new Site(app, 'dc1-local', {
    kubernetesVersion: '1.33.0',
    rookVersion: '1.20.6',
    nodes: [{ name: 'dc1-node-a' }, { name: 'dc1-node-b' }, { name: 'dc1-node-c' }],
  });

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

  new CephRbdStorageClass(site, 'rook-ceph-block', { pool: replicapool, isDefault: true });
  new CephRbdStorageClass(site, 'rook-ceph-block-ec', { pool: ecMeta, dataPool: ecData });
  new CephRbdSnapshotClass(site, 'csi-rbdplugin-snapclass', { cluster });
  return site;
}
