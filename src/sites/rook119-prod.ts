import { App } from 'cdk8s';
import { CephCsi, CephRbdSnapshotClass, RookCluster, RookOperator, Site, Toolbox } from '..';

/**
 * rook119-prod: Rook v1.19.10 (the line most production clusters sit on next) on Kubernetes 1.33.4, synced by Flux.
 * The operator is the v1.19.10 Helm chart; CSI through the ceph-csi-operator resources (the 1.19 default); Ceph Squid,
 * the line's example image. Block (RBD, default class, snapshots) and shared files (CephFS).
 */
export function rook119Prod(app: App): Site {
  const site = new Site(app, 'rook119-prod', {
    kubernetesVersion: '1.33.4',
    rookVersion: '1.19.10',
    nodes: [{ name: 'prod-node-1' }, { name: 'prod-node-2' }, { name: 'prod-node-3' }],
    gitops: { engine: 'flux', url: 'https://git.example.com/platform/storage.git', branch: 'main', path: './dist/rook119-prod' },
  });

  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator, provisionerReplicas: 2 });

  const cluster = new RookCluster(site, 'cluster', {
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    mon: { count: 3 },
    storage: { useAllNodes: true, devicePathFilter: '^/dev/disk/by-path/pci-0000:0[0-9]:00\\.0-nvme-1$' },
  });
  const replicapool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });
  replicapool.addStorageClass('rook-ceph-block', { isDefault: true });
  new CephRbdSnapshotClass(site, 'csi-rbdplugin-snapclass', { cluster });

  const sharedFs = cluster.addFilesystem('sharedfs');
  sharedFs.addStorageClass('rook-cephfs');
  new Toolbox(site, 'toolbox', { cluster });
  return site;
}
