import { App } from 'cdk8s';
import { CephCsi, CephCsiMetrics, RookCluster, RookOperator, Site, StorageAlerts, TopoLVM, TopoLVMMetrics } from '..';

const RACKS = ['rack0', 'rack1', 'rack2'];

/**
 * neco-hyperconverged: Rook OSDs on TopoLVM volumes. Kubernetes 1.33.0, Rook v1.20.6, TopoLVM v0.41.0
 * with storage capacity tracking (no scheduler extender, no webhook, no host changes for scheduling).
 * Each rack holds three storage nodes with an NVMe volume group; 9 OSDs spread evenly over the racks.
 */
export function necoHyperconverged(app: App): Site {
  const site = new Site(app, 'neco-hyperconverged', {
    kubernetesVersion: '1.33.0',
    rookVersion: '1.20.6',
    topolvmVersion: '0.41.0',
    gitops: { engine: 'argocd', repoURL: 'https://git.example.com/platform/storage.git', path: 'dist/neco-hyperconverged' },
    // the platform team's Prometheus operator serves ServiceMonitor and PrometheusRule
    clusterCrds: ['prometheus-operator@v0.93.0'],
    nodes: RACKS.flatMap((rack) => [0, 1, 2].map((i) => ({ name: `${rack}-cs${i + 1}`, rack, labels: { 'topology.rook.io/rack': rack } }))),
  });

  const topolvm = new TopoLVM(site, 'topolvm', {
    platform: 'kubeadm',
    deviceClasses: [{ name: 'nvme', volumeGroup: 'vg-nvme', default: true, spareGb: 10 }],
    lvmd: { mode: 'daemonset' },
    scheduling: { capacityTracking: {} },
  });

  const osdClass = topolvm.addStorageClass('topolvm-nvme', { deviceClass: 'nvme', fsType: 'xfs' });

  // The Rook operator (Argo CD Application of the v1.20.6 chart) in its own namespace manages the cluster below.
  const operator = new RookOperator(site, 'operator', { namespace: 'rook-ceph' });
  const csi = new CephCsi(site, 'csi', { operator });

  const cluster = new RookCluster(site, 'cluster', {
    operatorNamespace: 'rook-ceph',
    name: 'ceph-hyperconverged',
    namespace: 'ceph-hyperconverged',
    mon: { count: 3, volumeClaim: { storageClass: osdClass, size: '10Gi' } },
    storage: {
      storageClassDeviceSets: [{
        name: 'nvme',
        count: 9,
        size: '1Ti',
        storageClass: osdClass,
        encrypted: false,
        spreadAcross: [
          { level: 'rack', maxSkew: 1, required: true },
          { level: 'host', maxSkew: 1, required: false },
        ],
      }],
    },
    priorityClassNames: { osd: topolvm.priorityClassName },
    // the operator's mgr / exporter ServiceMonitors: the Ceph alerts below read those metrics
    monitoring: { enabled: true },
  });

  // Block storage for the workloads, replicated across racks.
  const pool = cluster.addPool('replicapool', { failureDomain: 'rack', replicated: { size: 3 } });
  pool.addStorageClass('ceph-block', { isDefault: true });

  // Monitoring: CSI and TopoLVM scraped by the platform Prometheus (it selects release: prometheus), our storage
  // alerts; OSDs sit on TopoLVM volumes, so the volume group alert fires earlier than the default 10% free.
  const selectedBy = { release: 'prometheus' };
  new CephCsiMetrics(site, 'csi-metrics', { csi, labels: selectedBy, interval: '30s' });
  new TopoLVMMetrics(site, 'topolvm-metrics', { topolvm, labels: selectedBy, interval: '30s' });
  new StorageAlerts(site, 'alerts', { cluster, topolvm, labels: selectedBy, alerts: { TopolvmVolumeGroupLowSpace: { threshold: 0.2, for: '30m' } } });
  return site;
}
