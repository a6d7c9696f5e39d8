/**
 * The CRD facts behind the field gates of `FEATURES` (src/versions/index.ts): per feature, the kind and the schema path
 * (`spec.mgr.count`; `[]` steps into list items) whose presence in a Rook line's pinned CRD schema means the line
 * has the feature. src/tools/rook-lines.ts looks each one up in every line's CRDs (common.yaml / crds.yaml) and writes
 * the names found into the generated table (`fields`); the gate's range is then derived from the lines that have it.
 * A probe without `path` asks only for the kind.
 */
export interface RookFieldProbe {
  readonly kind: string;
  readonly path?: string;
}

export const ROOK_FIELD_PROBES: Readonly<Record<string, RookFieldProbe>> = {
  cephClusterCrashCollector: { kind: 'CephCluster', path: 'spec.crashCollector.daysToRetain' },
  cephClusterMgrCount: { kind: 'CephCluster', path: 'spec.mgr.count' },
  cephClusterLabels: { kind: 'CephCluster', path: 'spec.labels' },
  cephClusterPriorityClassNames: { kind: 'CephCluster', path: 'spec.priorityClassNames' },
  cephClusterHealthCheck: { kind: 'CephCluster', path: 'spec.healthCheck' },
  cephClusterLogCollector: { kind: 'CephCluster', path: 'spec.logCollector' },
  cephClusterLogCollectorMaxLogSize: { kind: 'CephCluster', path: 'spec.logCollector.maxLogSize' },
  cephClusterIpFamily: { kind: 'CephCluster', path: 'spec.network.ipFamily' },
  cephClusterNetworkConnections: { kind: 'CephCluster', path: 'spec.network.connections' },
  cephClusterImagePullPolicy: { kind: 'CephCluster', path: 'spec.cephVersion.imagePullPolicy' },
  cephClusterPgHealthCheckTimeout: { kind: 'CephCluster', path: 'spec.disruptionManagement.pgHealthCheckTimeout' },
  cephClusterAllowDeviceClassUpdate: { kind: 'CephCluster', path: 'spec.storage.allowDeviceClassUpdate' },
  cephClusterAllowOsdCrushWeightUpdate: { kind: 'CephCluster', path: 'spec.storage.allowOsdCrushWeightUpdate' },
  cephClusterScheduleAlways: { kind: 'CephCluster', path: 'spec.storage.scheduleAlways' },
  cephClusterOnlyApplyOsdPlacement: { kind: 'CephCluster', path: 'spec.storage.onlyApplyOSDPlacement' },
  // v1.1.9 common.yaml, CephCluster spec.storage.topologyAware
  cephClusterTopologyAware: { kind: 'CephCluster', path: 'spec.storage.topologyAware' },
  cephClusterCleanupPolicy: { kind: 'CephCluster', path: 'spec.cleanupPolicy' },
  cephClusterWaitTimeoutForHealthyOSD: { kind: 'CephCluster', path: 'spec.waitTimeoutForHealthyOSDInMinutes' },
  cephClusterUpgradeOSDRequiresHealthyPGs: { kind: 'CephCluster', path: 'spec.upgradeOSDRequiresHealthyPGs' },
  cephClusterMonitoringExporter: { kind: 'CephCluster', path: 'spec.monitoring.metricsDisabled' },
  cephClusterMonitoringRulesNamespace: { kind: 'CephCluster', path: 'spec.monitoring.rulesNamespace' },
  cephClusterCephConfig: { kind: 'CephCluster', path: 'spec.cephConfig' },
  cephClusterCephx: { kind: 'CephCluster', path: 'spec.security.cephx' },
  cephClusterKms: { kind: 'CephCluster', path: 'spec.security.kms' },
  cephClusterCsi: { kind: 'CephCluster', path: 'spec.csi' },
  cephClusterStartupProbe: { kind: 'CephCluster', path: 'spec.healthCheck.startupProbe' },
  cephClusterPgHealthyRegex: { kind: 'CephCluster', path: 'spec.disruptionManagement.pgHealthyRegex' },
  cephClusterAddressRanges: { kind: 'CephCluster', path: 'spec.network.addressRanges' },
  cephClusterRbdMirroring: { kind: 'CephCluster', path: 'spec.rbdMirroring' },
  cephClusterStretch: { kind: 'CephCluster', path: 'spec.mon.stretchCluster' },
  cephClusterWipeDevicesFromOtherClusters: { kind: 'CephCluster', path: 'spec.cleanupPolicy.wipeDevicesFromOtherClusters' },
  blockPoolExtendedSpec: { kind: 'CephBlockPool', path: 'spec.deviceClass' },
  // declared before the rest of the extended pool spec (v1.3.11 / v1.4.9 common.yaml, CephBlockPool)
  blockPoolSafeReplicaSize: { kind: 'CephBlockPool', path: 'spec.replicated.requireSafeReplicaSize' },
  blockPoolParameters: { kind: 'CephBlockPool', path: 'spec.parameters' },
  blockPoolCompressionMode: { kind: 'CephBlockPool', path: 'spec.compressionMode' },
  blockPoolCrushRoot: { kind: 'CephBlockPool', path: 'spec.crushRoot' },
  blockPoolSpecName: { kind: 'CephBlockPool', path: 'spec.name' },
  blockPoolApplication: { kind: 'CephBlockPool', path: 'spec.application' },
  blockPoolStatusCheck: { kind: 'CephBlockPool', path: 'spec.statusCheck' },
  blockPoolCrushUpdates: { kind: 'CephBlockPool', path: 'spec.enableCrushUpdates' },
  cephFilesystemExtendedSpec: { kind: 'CephFilesystem', path: 'spec.preserveFilesystemOnDelete' },
  cephFilesystemNamedDataPools: { kind: 'CephFilesystem', path: 'spec.dataPools[].name' },
  cephFilesystemMdsProbes: { kind: 'CephFilesystem', path: 'spec.metadataServer.livenessProbe' },
  cephFilesystemMdsCacheFactors: { kind: 'CephFilesystem', path: 'spec.metadataServer.cacheMemoryLimitFactor' },
  cephFilesystemMdsLabels: { kind: 'CephFilesystem', path: 'spec.metadataServer.labels' },
  objectStoreExtendedSpec: { kind: 'CephObjectStore', path: 'spec.healthCheck' },
  objectStoreSharedPools: { kind: 'CephObjectStore', path: 'spec.sharedPools' },
  objectUserCapabilitiesQuotas: { kind: 'CephObjectStoreUser', path: 'spec.capabilities' },
  cephClientSecretSpec: { kind: 'CephClient', path: 'spec.secretName' },
  objectMultisite: { kind: 'CephObjectRealm' },
  cephSubVolumeGroup: { kind: 'CephFilesystemSubVolumeGroup', path: 'spec.clusterID' },
  cephRadosNamespace: { kind: 'CephBlockPoolRadosNamespace', path: 'spec.clusterID' },
  cephMirroring: { kind: 'CephRBDMirror' },
  // Rook v1.20 fields and kinds (rook-lines/*/crds.yaml)
  cephClusterFloatingMon: { kind: 'CephCluster', path: 'spec.mon.floatingMon' },
  poolErasureCodedMsr: { kind: 'CephBlockPool', path: 'spec.erasureCoded.crushNumFailureDomains' },
  objectStoreTlsOptions: { kind: 'CephObjectStore', path: 'spec.security.sslOptions' },
  cephNfsServerPort: { kind: 'CephNFS', path: 'spec.server.port' },
  objectStoreAccounts: { kind: 'CephObjectStoreAccount' },
  cephBucketNotifications: { kind: 'CephBucketTopic', path: 'spec.endpoint' },
  cephCosiDriver: { kind: 'CephCOSIDriver' },
  cephNvmeofGateway: { kind: 'CephNVMeOFGateway' },
};
