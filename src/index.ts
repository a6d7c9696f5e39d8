export * from './core/errors';
export * from './versions';
export { NEWEST_TOPOLVM_LINE, resolveTopolvmVersion, TOPOLVM_CHART_RELEASES, TOPOLVM_LINES, topolvmChartFor } from './versions/topolvm-lines';
export type { ResolvedTopolvmVersion, TopolvmChartData, TopolvmLine, TopolvmLineData, TopolvmLineVersion } from './versions/topolvm-lines';
export * from './core/site';
export * from './core/synth';
export * from './core/storage-app';
export * from './core/namespace';
export * from './core/common-props';
export * from './gitops/layers';
export * from './gitops/engine';
export * from './gitops/fleet';
export * from './rook/cluster-ref';
export * from './rook/rook-cluster';
export * from './rook/osd-device-sets';
export * from './core/block-storage-class';
export { PROBE_DAEMONS } from './rook/cluster-spec';
export type {
  RookClusterUpgradeKnobsProps, RookClusterMonitoringExporterProps, RookClusterMonitoringProps,
  RookClusterSecretKeyRefProps, RookClusterCephxKeyProps, RookClusterCephxCsiKeyProps, RookClusterCephxProps,
  RookClusterKeyRotationProps, RookClusterKmsProps, RookClusterSecurityProps, RookClusterCsiReadAffinityProps,
  RookClusterCsiCephfsProps, RookClusterCsiProps, RookClusterDaemonHealthCheckProps, RookClusterDaemonHealthProps,
  RookClusterProbeProps, RookProbeDaemon, RookClusterMuteHealthWarningProps, RookClusterHealthCheckProps,
  ExternalClusterDaemonHealthProps, ExternalClusterHealthCheckProps, RookClusterDisruptionManagementProps,
  RookClusterToggleProps, RookClusterNetworkConnectionsProps, RookClusterAddressRangesProps,
  RookClusterMultiClusterServiceProps, RookClusterNetworkProps, RookClusterStretchZoneProps, RookClusterStretchProps,
  RookClusterRbdMirroringProps, RookClusterKnobsProps, ConfirmDataDestructionSanitizeProps,
  ConfirmDataDestructionOptions,
} from './rook/cluster-spec';
export * from './rook/block-pool';
export * from './rook/rbd-storage-class';
export * from './rook/csi-cluster-id';
export * from './rook/sub-volume-group';
export * from './rook/rados-namespace';
export * from './rook/ceph-client';
export * from './rook/nfs-server';
export * from './rook/nfs-storage-class';
export * from './rook/cephfs-snapshot-class';
export * from './rook/rbd-mirror';
export * from './rook/filesystem-mirror';
export * from './rook/mirror-daemon';
export * from './topolvm/topolvm-snapshot-class';
export * from './rook/operator-settings';
export * from './rook/flex-volume';
export * from './rook/flex-storage-class';
export * from './rook/external-cluster';
export * from './rook/external-cephfs-storage-class';
export * from './rook/external-import';
export * from './secrets/secret-ref';
export * from './secrets/key-material';
export { KUBELET_ROOTS, domainStrings } from './topolvm/context';
export type { TopolvmDomain } from './topolvm/context';
export * from './topolvm/device-class';
export * from './topolvm/lvmd';
export * from './topolvm/scheduler';
export * from './topolvm/webhook';
export * from './topolvm/topolvm';
export { TOPOLVM_CHART_REPO } from './topolvm/topolvm-helm';
export type { TopolvmHelmInstallProps, TopolvmManifestsInstallProps } from './topolvm/topolvm-helm';
export * from './topolvm/topolvm-storage-class';
export * from './gitops/argocd';
export * from './gitops/flux';
export * from './gitops/render';
export * from './rook/rook-operator';
export * from './rook/vendored';
export * from './rook/ceph-csi';
export * from './rook/toolbox';
export * from './rook/ceph-filesystem';
export * from './rook/cephfs-storage-class';
export * from './rook/dashboard-exposure';
export * from './core/storage-benchmark';
export * from './rook/object-refs';
export * from './rook/object-pools';
export * from './rook/object-realm';
export * from './rook/object-zone-group';
export * from './rook/object-zone';
export * from './rook/object-store';
export * from './rook/object-store-user';
export * from './rook/object-store-account';
export * from './rook/bucket-topic';
export * from './rook/bucket-notification';
export * from './rook/cosi-driver';
export * from './rook/nvmeof-gateway';
export * from './rook/object-store-exposure';
export * from './rook/bucket-storage-class';
export * from './rook/object-bucket-claim';
export * from './monitoring/ceph-csi-metrics';
export * from './monitoring/topolvm-metrics';
export * from './monitoring/storage-alerts';
export { ALERT_NAMES, KNOWN_METRICS } from './monitoring/alert-rules';
export type { AlertSeverity } from './monitoring/alert-rules';
export * from './plan/allow';
export * from './plan/classify';
export * from './plan/plan';
export * from './plan/render';
export { versionFindings, versionsOf, flexClasses } from './plan/upgrade-rules';
export type { SiteVersions, VersionFinding } from './plan/upgrade-rules';
export * from './core/fleet';
