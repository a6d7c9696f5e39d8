import { App } from 'cdk8s';
import { CephCsi, FlexStorageClass, FlexVolume, RookCluster, RookOperator, Site } from '..';

/**
 * rook12-csi: Kubernetes 1.16.0 with Rook v1.2.7 (CRDs apiextensions v1beta1, operator settings as Deployment env).
 * New volumes come from CSI RBD (the default class); the flex driver stays enabled so volumes created before the
 * switch keep mounting, and a non-default flex class sits beside the CSI one. Plain output: the operator is the
 * v1.2.7 Helm chart, installed from the values file under helm/ (see APPLY-ORDER.md).
 */
export function rook12Csi(app: App): Site {
  const site = new Site(app, 'rook12-csi', {
    kubernetesVersion: '1.16.0',
    rookVersion: '1.2.7',
    nodes: [{ name: 'r12-node-1' }, { name: 'r12-node-2' }, { name: 'r12-node-3' }],
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
