/**
 * The public API of gitops-storage: the constructs, their props interfaces, the documented helpers and the types
 * their signatures mention, nothing else. Every name here is a promise (removing one is a breaking change), listed
 * with its kind in docs/api-report.md (`npm run api-report`; test/api-report.test.ts fails when the two differ).
 * Internals (zod schemas, renderers, checks) stay importable by path inside this repository, not from the package.
 */
export { ConfigError } from './foundation/errors';
export type { ConfigProblem } from './foundation/errors';
export type { CsiConfigStyle, RookProfile, RookRelease, RookVersion, TopoLVMVersion, VersionSet } from './versions';
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
export type { ICephBlockPool, ICephBlockPoolRadosNamespace } from './rook/pool-ref';
export type { ICephFilesystem, ICephFilesystemSubVolumeGroup } from './rook/filesystem-ref';
export type { IBucketStorageClass, ICephObjectStore } from './rook/object-refs';
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
export { CephBlockPool } from './rook/ceph-block-pool';
export type {
  CephBlockPoolErasureCodedProps, CephBlockPoolHybridStorageProps, CephBlockPoolMirrorStatusCheckProps,
  CephBlockPoolMirroringPeersProps, CephBlockPoolMirroringProps, CephBlockPoolOptions, CephBlockPoolProps, CephBlockPoolQuotasProps,
  CephBlockPoolReplicatedProps, CephBlockPoolSnapshotScheduleProps, CephBlockPoolStatusCheckProps, BuiltinPoolName,
  CrushFailureDomain, PoolSpecOptions,
} from './rook/ceph-block-pool';
export { CephRbdSnapshotClass, CephRbdStorageClass } from './rook/ceph-rbd-storage-class';
export type {
  CephRbdSnapshotClassOptions, CephRbdSnapshotClassProps, CephRbdStorageClassOptions, CephRbdStorageClassProps,
  RbdImageFeature,
} from './rook/ceph-rbd-storage-class';
export type { ITenantClusterId } from './rook/csi-cluster-id';
export { CephFilesystemSubVolumeGroup } from './rook/ceph-filesystem-sub-volume-group';
export type {
  CephFilesystemSubVolumeGroupCsiDefaultProps, CephFilesystemSubVolumeGroupOptions, CephFilesystemSubVolumeGroupPinningProps, CephFilesystemSubVolumeGroupProps,
} from './rook/ceph-filesystem-sub-volume-group';
export { CephBlockPoolRadosNamespace } from './rook/ceph-block-pool-rados-namespace';
export type {
  CephBlockPoolRadosNamespaceMirroringProps, CephBlockPoolRadosNamespaceOptions, CephBlockPoolRadosNamespaceProps, CephBlockPoolRadosNamespaceSnapshotScheduleProps,
} from './rook/ceph-block-pool-rados-namespace';
export { CephClient } from './rook/ceph-client';
export type { CephClientCapsProps, CephClientOptions, CephClientProps } from './rook/ceph-client';
export { CephNfs } from './rook/ceph-nfs';
export type { NfsLogLevel, CephNfsOptions, CephNfsProps } from './rook/ceph-nfs';
export { CephNfsSnapshotClass, CephNfsStorageClass } from './rook/ceph-nfs-storage-class';
export type { CephNfsSnapshotClassProps, CephNfsStorageClassProps } from './rook/ceph-nfs-storage-class';
export { CephFsSnapshotClass } from './rook/ceph-fs-snapshot-class';
export type { CephFsSnapshotClassOptions, CephFsSnapshotClassProps } from './rook/ceph-fs-snapshot-class';
export { CephRbdMirror } from './rook/ceph-rbd-mirror';
export type { CephRbdMirrorOptions, CephRbdMirrorPeersProps, CephRbdMirrorProps } from './rook/ceph-rbd-mirror';
export { CephFilesystemMirror } from './rook/ceph-filesystem-mirror';
export type { CephFilesystemMirrorOptions, CephFilesystemMirrorProps } from './rook/ceph-filesystem-mirror';
export type { MirrorDaemonPodProps } from './rook/mirror-daemon';
export { TopoLVMSnapshotClass } from './topolvm/topolvm-snapshot-class';
export type { TopoLVMSnapshotClassOptions, TopoLVMSnapshotClassProps } from './topolvm/topolvm-snapshot-class';
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
export { CephFsExternalStorageClass } from './rook/ceph-fs-external-storage-class';
export type { CephFsExternalStorageClassProps } from './rook/ceph-fs-external-storage-class';
export { SecretRef } from './secrets/secret-ref';
export type {
  ExternalSecretRefProps, RemoteRef, SealedSecretRefProps, SecretStoreRef, SecretTarget, SopsRefProps,
} from './secrets/secret-ref';
export type { TopoLVMContext, TopoLVMDomain } from './topolvm/context';
export type { DeviceClassConfig, TopoLVMDeviceClassProps, TopoLVMThinPoolProps } from './topolvm/device-class';
export { Lvmd } from './topolvm/lvmd';
export type { LvmdConfig, LvmdNodeGroupProps, LvmdProps } from './topolvm/lvmd';
export { TopoLVMScheduler } from './topolvm/topolvm-scheduler';
export type {
  ExtenderDaemonSetProps, ExtenderDeploymentProps, KubeSchedulerApiVersion, SchedulerPreset, SchedulerSettings,
} from './topolvm/topolvm-scheduler';
export { TopoLVMWebhook } from './topolvm/topolvm-webhook';
export type { WebhookProps, WebhookSettings } from './topolvm/topolvm-webhook';
export { TopoLVM } from './topolvm/topolvm';
export type { ITopoLVM, ITopoLVMStorageClass } from './topolvm/topolvm-ref';
export type {
  SchedulingMode, TopoLVMControllerProps, TopoLVMPlatform, TopoLVMPriorityClassProps, TopoLVMProps,
  TopoLVMSchedulingProps,
} from './topolvm/topolvm';
export type { TopoLVMHelmInstallProps, TopoLVMManifestsInstallProps } from './topolvm/topolvm-helm';
export { TopoLVMStorageClass } from './topolvm/topolvm-storage-class';
export type { TopoLVMStorageClassOptions, TopoLVMStorageClassProps } from './topolvm/topolvm-storage-class';
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
export { CephFsStorageClass } from './rook/ceph-fs-storage-class';
export type { CephFsStorageClassOptions, CephFsStorageClassProps } from './rook/ceph-fs-storage-class';
export { DashboardExposure } from './rook/dashboard-exposure';
export type {
  DashboardCertificateProps, DashboardExposureProps, DashboardIngressProps,
} from './rook/dashboard-exposure';
export { StorageBenchmark } from './kubernetes/storage-benchmark';
export type { IBenchmarkStorageClass, StorageBenchmarkProps } from './kubernetes/storage-benchmark';
export type { ObjectPoolProps, ObjectSharedPoolsProps } from './rook/object-pools';
export { CephObjectRealm } from './rook/ceph-object-realm';
export type { CephObjectRealmProps } from './rook/ceph-object-realm';
export { CephObjectZoneGroup } from './rook/ceph-object-zone-group';
export type { CephObjectZoneGroupProps } from './rook/ceph-object-zone-group';
export { CephObjectZone } from './rook/ceph-object-zone';
export type { CephObjectZoneProps } from './rook/ceph-object-zone';
export { CephObjectStore } from './rook/ceph-object-store';
export type {
  CephObjectStoreCertificateIssuerProps, CephObjectStoreCertificateProps, CephObjectStoreExternalEndpointProps,
  CephObjectStoreGatewayProps, CephObjectStoreHealthCheckProps, CephObjectStoreOptions, CephObjectStoreProbeProps, CephObjectStoreProps,
  CephObjectStoreSecurityProps, CephObjectStoreSslOptionsProps,
} from './rook/ceph-object-store';
export { CephObjectStoreUser } from './rook/ceph-object-store-user';
export type {
  CephObjectStoreUserOptions, CephObjectStoreUserProps, CephObjectStoreUserQuotasProps, ObjectUserCapability,
  ObjectUserCapabilityLevel,
} from './rook/ceph-object-store-user';
export { CephObjectStoreAccount } from './rook/ceph-object-store-account';
export type { CephObjectStoreAccountProps, CephObjectStoreAccountRootUserProps } from './rook/ceph-object-store-account';
export { CephBucketTopic } from './rook/ceph-bucket-topic';
export type {
  CephBucketTopicAmqpProps, CephBucketTopicEndpointProps, CephBucketTopicHttpProps, CephBucketTopicKafkaCredentialsProps,
  CephBucketTopicKafkaProps, CephBucketTopicProps,
} from './rook/ceph-bucket-topic';
export { CephBucketNotification } from './rook/ceph-bucket-notification';
export type {
  CephBucketNotificationEvent, CephBucketNotificationFilterProps, CephBucketNotificationKeyFilterProps,
  CephBucketNotificationNameValueProps, CephBucketNotificationProps,
} from './rook/ceph-bucket-notification';
export { CephCosiDriver } from './rook/ceph-cosi-driver';
export type { CephCosiDriverProps } from './rook/ceph-cosi-driver';
export { CephNvmeofGateway } from './rook/ceph-nvmeof-gateway';
export type { CephNvmeofGatewayPortsProps, CephNvmeofGatewayProps } from './rook/ceph-nvmeof-gateway';
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
export { TopoLVMMetrics } from './monitoring/topolvm-metrics';
export type { TopoLVMMetricsProps } from './monitoring/topolvm-metrics';
export { StorageAlerts } from './monitoring/storage-alerts';
export type { StorageAlertOverrideProps, StorageAlertsProps } from './monitoring/storage-alerts';
export type { AlertSeverity } from './monitoring/alert-rules';
export type { AllowChangeProps, AllowableClass, AllowedChange, ImmutableStrategy } from './site/allow-change';
export { Fleet } from './pipeline/fleet';
export type { FleetProps, FleetRowProps, FleetSite } from './pipeline/fleet';
export type { TopoLVMLineVersion } from './versions/topolvm-lines.generated';

// Old names (deprecated): the constructs and props renamed by the naming rule, for one minor release.
export {
  BlockPool, BucketNotification, BucketTopic, CosiDriver, FilesystemMirror, NfsServer, NfsSnapshotClass, NfsStorageClass, NvmeofGateway, ObjectRealm, ObjectStore, ObjectStoreAccount, ObjectStoreUser, ObjectZone, ObjectZoneGroup, RadosNamespace, RbdMirror, SubVolumeGroup, TopolvmMetrics, TopolvmScheduler, TopolvmSnapshotClass, TopolvmStorageClass, TopolvmWebhook,
} from './deprecated-names';
export type {
  BlockPoolErasureCodedProps, BlockPoolHybridStorageProps, BlockPoolMirrorStatusCheckProps, BlockPoolMirroringPeersProps, BlockPoolMirroringProps, BlockPoolOptions, BlockPoolProps, BlockPoolQuotasProps, BlockPoolReplicatedProps, BlockPoolSnapshotScheduleProps, BlockPoolStatusCheckProps, BucketNotificationEvent, BucketNotificationFilterProps, BucketNotificationKeyFilterProps, BucketNotificationNameValueProps, BucketNotificationProps, BucketTopicAmqpProps, BucketTopicEndpointProps, BucketTopicHttpProps, BucketTopicKafkaCredentialsProps, BucketTopicKafkaProps, BucketTopicProps, CosiDriverProps, FilesystemMirrorOptions, FilesystemMirrorProps, NfsServerOptions, NfsServerProps, NfsSnapshotClassProps, NfsStorageClassProps, NvmeofGatewayPortsProps, NvmeofGatewayProps, ObjectRealmProps, ObjectStoreAccountProps, ObjectStoreAccountRootUserProps, ObjectStoreCertificateIssuerProps, ObjectStoreCertificateProps, ObjectStoreExternalEndpointProps, ObjectStoreGatewayProps, ObjectStoreHealthCheckProps, ObjectStoreOptions, ObjectStoreProbeProps, ObjectStoreProps, ObjectStoreSecurityProps, ObjectStoreSslOptionsProps, ObjectStoreUserOptions, ObjectStoreUserProps, ObjectStoreUserQuotasProps, ObjectZoneGroupProps, ObjectZoneProps, RadosNamespaceMirroringProps, RadosNamespaceOptions, RadosNamespaceProps, RadosNamespaceSnapshotScheduleProps, RbdMirrorOptions, RbdMirrorPeersProps, RbdMirrorProps, SubVolumeGroupCsiDefaultProps, SubVolumeGroupOptions, SubVolumeGroupPinningProps, SubVolumeGroupProps, TopolvmContext, TopolvmControllerProps, TopolvmDeviceClassProps, TopolvmDomain, TopolvmHelmInstallProps, TopolvmLineVersion, TopolvmManifestsInstallProps, TopolvmMetricsProps, TopolvmPlatform, TopolvmPriorityClassProps, TopolvmProps, TopolvmSchedulingProps, TopolvmSnapshotClassOptions, TopolvmSnapshotClassProps, TopolvmStorageClassOptions, TopolvmStorageClassProps, TopolvmThinPoolProps, TopolvmVersion,
} from './deprecated-names';
