import { App } from 'cdk8s';
import { BlockStorageClass, CephCsi, GitOpsProps, RookCluster, RookOperator, Site } from '..';

/**
 * @param gitops engine override (tests build a Flux variant); dist/ uses Argo CD.
 *
 * cloud-ebs: a kubeadm cluster on AWS EC2 across three zones, Rook v1.20.6 on Kubernetes 1.33.0, synced by Argo CD.
 * Ceph runs on EBS: a gp3 class of the EBS CSI driver (installed with the cluster, not by this site) holds the three
 * mons' volumes and the OSDs' raw block PVCs. The OSDs are portable (an EBS volume follows its OSD to another node
 * of the zone when a node is replaced) and spread over zones (required) and hosts (preferred).
 */
export function cloudEbs(app: App, gitops: GitOpsProps | 'default' = 'default'): Site {
  const site = new Site(app, 'cloud-ebs', {
    kubernetesVersion: '1.33.0',
    rookVersion: '1.20.6',
    gitops: gitops === 'default'
      ? { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', targetRevision: 'main', path: 'dist/cloud-ebs' }
      : gitops,
  });

  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  new CephCsi(site, 'csi', { operator });

  const gp3 = new BlockStorageClass(site, 'ebs-gp3', {
    provisioner: 'ebs.csi.aws.com',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    parameters: { type: 'gp3', encrypted: 'true' },
  });

  const cluster = new RookCluster(site, 'cluster', {
    name: 'rook-ceph',
    namespace: 'rook-ceph',
    mon: { count: 3, volumeClaim: { storageClass: gp3, size: '10Gi' } },
    storage: {
      allowOsdCrushWeightUpdate: true,
      storageClassDeviceSets: [{
        name: 'gp3-set',
        count: 3,
        size: '500Gi',
        storageClass: gp3,
        portable: true,
        spreadAcross: [{ level: 'zone', required: true }, { level: 'host' }],
      }],
    },
  });

  const pool = cluster.addPool('replicapool', { failureDomain: 'zone', replicated: { size: 3 } });
  pool.addStorageClass('rook-ceph-block', { isDefault: true });
  return site;
}
