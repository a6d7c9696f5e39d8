/**
 * The public API of gitops-storage: the constructs, their props interfaces, the documented helpers and the types
 * their signatures mention, nothing else. Every name here is a promise (removing one is a breaking change), listed
 * with its kind in docs/api-report.md (`npm run api-report`; test/api-report.test.ts fails when the two differ).
 * Internals (zod schemas, renderers, checks) stay importable by path inside this repository, not from the package.
 */
export { ConfigError } from './foundation/errors';
export type { ConfigProblem } from './foundation/errors';
export type { CsiConfigStyle, RookProfile, RookRelease, RookVersion, TopolvmVersion, VersionSet } from './versions';
export type { GeneratedCsiConfig, GeneratedRookLine } from './versions/rook-line-types';
export { StorageConstruct } from './site/storage-construct';
export { RookResource } from './rook/rook-resource';
export type { RookResourceMetadata } from './rook/rook-resource';
export { SnapshotClassConstruct, StorageClassConstruct } from './site/storage-class';
export { Site } from './site/site';
export type { NamespacePodSecurityProps, PodSecurityLevel } from './site/pod-security';
export type { ClusterProvided } from './model/closure';
export type { InstalledComponent, ObjectRef } from './model/cluster-model';
export type { Artifact, ClusterProvidesProps, SiteNode, SiteProps, SiteUpgradeFromProps } from './site/site';
export { SynthError, synthApp } from './pipeline/synth';
export type { FleetRender, RenderedFile, SiteRender, SynthOptions, SynthResult } from './pipeline/synth';
export type { ResourceResult, Status as ValidationStatus, ValidationError } from './validation/validator';
export { StorageApp } from './pipeline/storage-app';
export type { StorageAppProps, StorageSynthOptions } from './pipeline/storage-app';
export type {
  CephCsiStorageClassBaseProps, PodPlacementProps, ResourceRequirementsProps, SnapshotClassBaseProps,
  StorageClassBaseProps, TolerationProps,
} from './site/common-props';
export { place } from './site/layers';
export type { LayerId } from './site/layers';
export type {
  ArgoCdDestinationByNameProps, ArgoCdDestinationByServerProps, ArgoCdDestinationProps, ArgoCdGitOpsProps,
  FluxGitOpsProps, GitOpsConfig, GitOpsProps, PlainGitOpsProps,
} from './site/gitops-config';
export type { ExternalFilesystem, ICephCluster, IExternalCluster } from './rook/cluster-ref';
export type { IBlockPool, IRadosNamespace } from './rook/pool-ref';
export type { ICephFilesystem, ISubVolumeGroup } from './rook/filesystem-ref';
export type { IBucketStorageClass, IObjectStore } from './rook/object-refs';
export { RookCluster } from './rook/rook-cluster';
export type {
  RookClusterCephVersionProps, RookClusterCrashCollectorProps, RookClusterDashboardProps, RookClusterFloatingMonProps,
  RookClusterLogCollectorProps, RookClusterMgrModuleProps, RookClusterMgrProps, RookClusterMonProps,
  RookClusterMonVolumeClaimProps, RookClusterProps, RookPlacementKey, RookPriorityKey, RookResourceKey,
} from './rook/rook-cluster';
export type {
  RookClusterDeviceProps, RookClusterDeviceSetProps, RookClusterDirectoryProps, RookClusterSpreadProps,
  RookClusterStorageNodeProps, RookClusterStorageProps,
} from './rook/cluster/storage';
export type { StorageClassLike } from './site/storage-class';
export type { OsdStorageClassRef, RookClusterDeviceSetVolumeProps } from './rook/cluster/device-sets';
export { BlockStorageClass, ExistingBlockStorageClass } from './kubernetes/block-storage-class';
export type {
  BlockClassAttachment, BlockStorageClassProps, ExistingBlockStorageClassProps, IBlockStorageClass, LocalVolumeProps,
} from './kubernetes/block-storage-class';
export type { RookClusterSecretKeyRefProps } from './rook/cluster/ceph-config';
export type { ConfirmDataDestructionOptions, ConfirmDataDestructionSanitizeProps } from './rook/cluster/cleanup';
export type { RookClusterCsiCephfsProps, RookClusterCsiProps, RookClusterCsiReadAffinityProps } from './rook/cluster/csi';
export type { RookClusterDisruptionManagementProps } from './rook/cluster/disruption';
export type { ExternalClusterDaemonHealthProps, ExternalClusterHealthCheckProps, RookClusterDaemonHealthCheckProps, RookClusterDaemonHealthProps, RookClusterHealthCheckProps, RookClusterMuteHealthWarningProps, RookClusterProbeProps, RookProbeDaemon } from './rook/cluster/health';
export type { RookClusterKnobsProps, RookClusterRbdMirroringProps } from './rook/cluster/knobs';
export type { RookClusterMonitoringExporterProps, RookClusterMonitoringProps } from './rook/cluster/monitoring';
export type { RookClusterAddressRangesProps, RookClusterMultiClusterServiceProps, RookClusterNetworkConnectionsProps, RookClusterNetworkProps, RookClusterToggleProps } from './rook/cluster/network';
export type { RookClusterCephxCsiKeyProps, RookClusterCephxKeyProps, RookClusterCephxProps, RookClusterKeyRotationProps, RookClusterKmsProps, RookClusterSecurityProps } from './rook/cluster/security';
export type { RookClusterStretchProps, RookClusterStretchZoneProps } from './rook/cluster/stretch';
export type { RookClusterUpgradeKnobsProps } from './rook/cluster/upgrade';
export { BlockPool } from './rook/block-pool';
export type {
  BlockPoolErasureCodedProps, BlockPoolHybridStorageProps, BlockPoolMirrorStatusCheckProps,
  BlockPoolMirroringPeersProps, BlockPoolMirroringProps, BlockPoolOptions, BlockPoolProps, BlockPoolQuotasProps,
  BlockPoolReplicatedProps, BlockPoolSnapshotScheduleProps, BlockPoolStatusCheckProps, BuiltinPoolName,
  CrushFailureDomain, PoolSpecOptions,
} from './rook/block-pool';
export { CephRbdSnapshotClass, CephRbdStorageClass } from './rook/rbd-storage-class';
export type {
  CephRbdSnapshotClassOptions, CephRbdSnapshotClassProps, CephRbdStorageClassOptions, CephRbdStorageClassProps,
  RbdImageFeature,
} from './rook/rbd-storage-class';
export type { ITenantClusterId } from './rook/csi-cluster-id';
export { SubVolumeGroup } from './rook/sub-volume-group';
export type {
  SubVolumeGroupCsiDefaultProps, SubVolumeGroupOptions, SubVolumeGroupPinningProps, SubVolumeGroupProps,
} from './rook/sub-volume-group';
export { RadosNamespace } from './rook/rados-namespace';
export type {
  RadosNamespaceMirroringProps, RadosNamespaceOptions, RadosNamespaceProps, RadosNamespaceSnapshotScheduleProps,
} from './rook/rados-namespace';
export { CephClient } from './rook/ceph-client';
export type { CephClientCapsProps, CephClientOptions, CephClientProps } from './rook/ceph-client';
export { NfsServer } from './rook/nfs-server';
export type { NfsLogLevel, NfsServerOptions, NfsServerProps } from './rook/nfs-server';
export { NfsSnapshotClass, NfsStorageClass } from './rook/nfs-storage-class';
export type { NfsSnapshotClassProps, NfsStorageClassProps } from './rook/nfs-storage-class';
export { CephFsSnapshotClass } from './rook/cephfs-snapshot-class';
export type { CephFsSnapshotClassOptions, CephFsSnapshotClassProps } from './rook/cephfs-snapshot-class';
export { RbdMirror } from './rook/rbd-mirror';
export type { RbdMirrorOptions, RbdMirrorPeersProps, RbdMirrorProps } from './rook/rbd-mirror';
export { FilesystemMirror } from './rook/filesystem-mirror';
export type { FilesystemMirrorOptions, FilesystemMirrorProps } from './rook/filesystem-mirror';
export type { MirrorDaemonPodProps } from './rook/mirror-daemon';
export { TopolvmSnapshotClass } from './topolvm/topolvm-snapshot-class';
export type { TopolvmSnapshotClassOptions, TopolvmSnapshotClassProps } from './topolvm/topolvm-snapshot-class';
export type {
  IRookOperatorSettings, RookOperatorCsiSettingsProps, RookOperatorSettingsProps,
} from './rook/operator-settings';
export { FlexVolume, computeFlexSettings } from './rook/flex-volume';
export type {
  FlexAgentMountProps, FlexAgentProps, FlexPlatform, FlexSettings, FlexVolumeProps,
} from './rook/flex-volume';
export { FlexMigrationNote, FlexStorageClass } from './rook/flex-storage-class';
export type { FlexStorageClassProps } from './rook/flex-storage-class';
export { ExternalCluster } from './rook/external-cluster';
export type {
  CephFsExternalStorageClassOptions, ExternalClusterCephVersionProps, ExternalClusterCsiUsersProps,
  ExternalClusterFilesystemProps, ExternalClusterMonitoringProps, ExternalClusterProps, ExternalClusterSecretsProps,
  ExternalRadosNamespaceOptions, ExternalRbdStorageClassOptions, ExternalSecretSlot,
  ExternalSubVolumeGroupOptions,
} from './rook/external-cluster';
export { CephFsExternalStorageClass } from './rook/external-cephfs-storage-class';
export type { CephFsExternalStorageClassProps } from './rook/external-cephfs-storage-class';
export { SecretRef } from './secrets/secret-ref';
export type {
  ExternalSecretRefProps, RemoteRef, SealedSecretRefProps, SecretStoreRef, SecretTarget, SopsRefProps,
} from './secrets/secret-ref';
export type { TopolvmContext, TopolvmDomain } from './topolvm/context';
export type { DeviceClassConfig, TopolvmDeviceClassProps, TopolvmThinPoolProps } from './topolvm/device-class';
export { Lvmd } from './topolvm/lvmd';
export type { LvmdConfig, LvmdNodeGroupProps, LvmdProps } from './topolvm/lvmd';
export { TopolvmScheduler } from './topolvm/scheduler';
export type {
  ExtenderDaemonSetProps, ExtenderDeploymentProps, KubeSchedulerApiVersion, SchedulerPreset, SchedulerSettings,
} from './topolvm/scheduler';
export { TopolvmWebhook } from './topolvm/webhook';
export type { WebhookProps, WebhookSettings } from './topolvm/webhook';
export { TopoLVM } from './topolvm/topolvm';
export type { ITopoLVM, ITopolvmStorageClass } from './topolvm/topolvm-ref';
export type {
  SchedulingMode, TopolvmControllerProps, TopolvmPlatform, TopolvmPriorityClassProps, TopolvmProps,
  TopolvmSchedulingProps,
} from './topolvm/topolvm';
export type { TopolvmHelmInstallProps, TopolvmManifestsInstallProps } from './topolvm/topolvm-helm';
export { TopolvmStorageClass } from './topolvm/topolvm-storage-class';
export type { TopolvmStorageClassOptions, TopolvmStorageClassProps } from './topolvm/topolvm-storage-class';
export { RookOperator } from './rook/rook-operator';
export type {
  RookHelmImageValues, RookHelmValues, RookInstallMode, RookLogLevel, RookOperatorHelmInstallProps, RookOperatorProps,
  RookOperatorVendoredInstallProps,
} from './rook/rook-operator';
export { CephCsi } from './rook/ceph-csi';
export type {
  CephCsiDriversProps, CephCsiFsGroupPolicy, CephCsiFsGroupPolicyProps, CephCsiImagesProps,
  CephCsiPluginPlacementProps, CephCsiProps, CsiRenderedSettings,
} from './rook/ceph-csi';
export { Toolbox } from './rook/toolbox';
export type { ToolboxProps } from './rook/toolbox';
export { CephFilesystem } from './rook/ceph-filesystem';
export type {
  CephFilesystemDataPoolProps, CephFilesystemMdsProbeProps, CephFilesystemMirroringPeersProps,
  CephFilesystemMirroringProps, CephFilesystemOptions, CephFilesystemPoolErasureCodedProps, CephFilesystemPoolProps,
  CephFilesystemPoolReplicatedProps, CephFilesystemProps, CephFilesystemSnapshotRetentionProps,
  CephFilesystemSnapshotScheduleProps,
} from './rook/ceph-filesystem';
export { CephFsStorageClass } from './rook/cephfs-storage-class';
export type { CephFsStorageClassOptions, CephFsStorageClassProps } from './rook/cephfs-storage-class';
export { DashboardExposure } from './rook/dashboard-exposure';
export type {
  DashboardCertificateProps, DashboardExposureProps, DashboardIngressProps,
} from './rook/dashboard-exposure';
export { StorageBenchmark } from './kubernetes/storage-benchmark';
export type { IBenchmarkStorageClass, StorageBenchmarkProps } from './kubernetes/storage-benchmark';
export type { ObjectPoolProps, ObjectSharedPoolsProps } from './rook/object-pools';
export { ObjectRealm } from './rook/object-realm';
export type { ObjectRealmProps } from './rook/object-realm';
export { ObjectZoneGroup } from './rook/object-zone-group';
export type { ObjectZoneGroupProps } from './rook/object-zone-group';
export { ObjectZone } from './rook/object-zone';
export type { ObjectZoneProps } from './rook/object-zone';
export { ObjectStore } from './rook/object-store';
export type {
  ObjectStoreCertificateIssuerProps, ObjectStoreCertificateProps, ObjectStoreExternalEndpointProps,
  ObjectStoreGatewayProps, ObjectStoreHealthCheckProps, ObjectStoreOptions, ObjectStoreProbeProps, ObjectStoreProps,
  ObjectStoreSecurityProps, ObjectStoreSslOptionsProps,
} from './rook/object-store';
export { ObjectStoreUser } from './rook/object-store-user';
export type {
  ObjectStoreUserOptions, ObjectStoreUserProps, ObjectStoreUserQuotasProps, ObjectUserCapability,
  ObjectUserCapabilityLevel,
} from './rook/object-store-user';
export { ObjectStoreAccount } from './rook/object-store-account';
export type { ObjectStoreAccountProps, ObjectStoreAccountRootUserProps } from './rook/object-store-account';
export { BucketTopic } from './rook/bucket-topic';
export type {
  BucketTopicAmqpProps, BucketTopicEndpointProps, BucketTopicHttpProps, BucketTopicKafkaCredentialsProps,
  BucketTopicKafkaProps, BucketTopicProps,
} from './rook/bucket-topic';
export { BucketNotification } from './rook/bucket-notification';
export type {
  BucketNotificationEvent, BucketNotificationFilterProps, BucketNotificationKeyFilterProps,
  BucketNotificationNameValueProps, BucketNotificationProps,
} from './rook/bucket-notification';
export { CosiDriver } from './rook/cosi-driver';
export type { CosiDriverProps } from './rook/cosi-driver';
export { NvmeofGateway } from './rook/nvmeof-gateway';
export type { NvmeofGatewayPortsProps, NvmeofGatewayProps } from './rook/nvmeof-gateway';
export { ObjectStoreExposure } from './rook/object-store-exposure';
export type {
  ObjectStoreExposureProps, ObjectStoreGatewayRefProps, ObjectStoreHttpRouteProps, ObjectStoreIngressProps,
} from './rook/object-store-exposure';
export { BucketStorageClass } from './rook/bucket-storage-class';
export type { BucketStorageClassOptions, BucketStorageClassProps } from './rook/bucket-storage-class';
export { ObjectBucketClaim } from './rook/object-bucket-claim';
export type { ObjectBucketClaimOptions, ObjectBucketClaimProps } from './rook/object-bucket-claim';
export { CephCsiMetrics } from './monitoring/ceph-csi-metrics';
export type { CephCsiMetricsPortsProps, CephCsiMetricsProps } from './monitoring/ceph-csi-metrics';
export { TopolvmMetrics } from './monitoring/topolvm-metrics';
export type { TopolvmMetricsProps } from './monitoring/topolvm-metrics';
export { StorageAlerts } from './monitoring/storage-alerts';
export type { StorageAlertOverrideProps, StorageAlertsProps } from './monitoring/storage-alerts';
export type { AlertSeverity } from './monitoring/alert-rules';
export type { AllowChangeProps, AllowableClass, AllowedChange, ImmutableStrategy } from './site/allow-change';
export { Fleet } from './pipeline/fleet';
export type { FleetProps, FleetRowProps, FleetSite } from './pipeline/fleet';
export type { TopolvmLineVersion } from './versions/topolvm-lines.generated';
