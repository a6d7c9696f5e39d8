import { App } from 'cdk8s';
import { CephCsi, FlexStorageClass, FlexVolume, RookCluster, RookOperator, Site } from '..';

/**
 * rook15-legacy: a cluster still on the Rook 1.5 line (v1.5.12, its newest patch; seed 004 runs v1.5.3, which builds
 * the same way with chart v1.5.3) on Kubernetes 1.20.15, synced by Argo CD. The operator is the v1.5.12 Helm chart;
 * CSI settings are rook-ceph-operator-config keys (Rook 1.3 to 1.17), the FlexVolume switch an operator env var
 * (flex moved to the ConfigMap in 1.6). CSI RBD is the default class; a flex class stays for volumes made before.
 */
export function rook15Legacy(app: App): Site {
  const site = new Site(app, 'rook15-legacy', {
    kubernetesVersion: '1.20.15',
    rookVersion: '1.5.12',
    nodes: [{ name: 'r15-node-1' }, { name: 'r15-node-2' }, { name: 'r15-node-3' }],
    gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', path: 'dist/rook15-legacy' },
  });

  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });

  const cluster = new RookCluster(site, 'cluster', {
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    mon: { count: 3 },
    storage: { useAllNodes: true, deviceFilter: '^sd[b-c]$' },
  });
  const replicapool = cluster.addPool('replicapool', { failureDomain: 'host', replicated: { size: 3 } });

  new FlexVolume(site, 'flex', { operator, platform: 'kubelet-default' });
  replicapool.addStorageClass('rook-ceph-block', { isDefault: true });
  new FlexStorageClass(site, 'rook-ceph-block-flex', { pool: replicapool, fsType: 'xfs' });
  return site;
}
