/**
 * The public names before the naming rule of docs/ARCHITECTURE.md ("Names"): each is the renamed construct or
 * props type under its old name, so code written against 0.1 keeps compiling; editors show them struck through.
 * Kept by hand until 1.0; `test/naming.test.ts` checks each is the same value as its new name.
 */
import { TopoLVMMetrics, TopoLVMMetricsProps } from './monitoring/topolvm-metrics';
import { CephBlockPool, CephBlockPoolErasureCodedProps, CephBlockPoolHybridStorageProps, CephBlockPoolMirrorStatusCheckProps, CephBlockPoolMirroringPeersProps, CephBlockPoolMirroringProps, CephBlockPoolOptions, CephBlockPoolProps, CephBlockPoolQuotasProps, CephBlockPoolReplicatedProps, CephBlockPoolSnapshotScheduleProps, CephBlockPoolStatusCheckProps } from './rook/ceph-block-pool';
import { CephBlockPoolRadosNamespace, CephBlockPoolRadosNamespaceMirroringProps, CephBlockPoolRadosNamespaceOptions, CephBlockPoolRadosNamespaceProps, CephBlockPoolRadosNamespaceSnapshotScheduleProps } from './rook/ceph-block-pool-rados-namespace';
import { CephBucketNotification, CephBucketNotificationEvent, CephBucketNotificationFilterProps, CephBucketNotificationKeyFilterProps, CephBucketNotificationNameValueProps, CephBucketNotificationProps } from './rook/ceph-bucket-notification';
import { CephBucketTopic, CephBucketTopicAmqpProps, CephBucketTopicEndpointProps, CephBucketTopicHttpProps, CephBucketTopicKafkaCredentialsProps, CephBucketTopicKafkaProps, CephBucketTopicProps } from './rook/ceph-bucket-topic';
import { CephCosiDriver, CephCosiDriverProps } from './rook/ceph-cosi-driver';
import { CephFilesystemMirror, CephFilesystemMirrorOptions, CephFilesystemMirrorProps } from './rook/ceph-filesystem-mirror';
import { CephFilesystemSubVolumeGroup, CephFilesystemSubVolumeGroupCsiDefaultProps, CephFilesystemSubVolumeGroupOptions, CephFilesystemSubVolumeGroupPinningProps, CephFilesystemSubVolumeGroupProps } from './rook/ceph-filesystem-sub-volume-group';
import { CephNfs, CephNfsOptions, CephNfsProps } from './rook/ceph-nfs';
import { CephNfsSnapshotClass, CephNfsSnapshotClassProps, CephNfsStorageClass, CephNfsStorageClassProps } from './rook/ceph-nfs-storage-class';
import { CephNvmeofGateway, CephNvmeofGatewayPortsProps, CephNvmeofGatewayProps } from './rook/ceph-nvmeof-gateway';
import { CephObjectRealm, CephObjectRealmProps } from './rook/ceph-object-realm';
import { CephObjectStore, CephObjectStoreCertificateIssuerProps, CephObjectStoreCertificateProps, CephObjectStoreExternalEndpointProps, CephObjectStoreGatewayProps, CephObjectStoreHealthCheckProps, CephObjectStoreOptions, CephObjectStoreProbeProps, CephObjectStoreProps, CephObjectStoreSecurityProps, CephObjectStoreSslOptionsProps } from './rook/ceph-object-store';
import { CephObjectStoreAccount, CephObjectStoreAccountProps, CephObjectStoreAccountRootUserProps } from './rook/ceph-object-store-account';
import { CephObjectStoreUser, CephObjectStoreUserOptions, CephObjectStoreUserProps, CephObjectStoreUserQuotasProps } from './rook/ceph-object-store-user';
import { CephObjectZone, CephObjectZoneProps } from './rook/ceph-object-zone';
import { CephObjectZoneGroup, CephObjectZoneGroupProps } from './rook/ceph-object-zone-group';
import { CephRbdMirror, CephRbdMirrorOptions, CephRbdMirrorPeersProps, CephRbdMirrorProps } from './rook/ceph-rbd-mirror';
import { TopoLVMContext, TopoLVMDomain } from './topolvm/context';
import { TopoLVMDeviceClassProps, TopoLVMThinPoolProps } from './topolvm/device-class';
import { TopoLVMControllerProps, TopoLVMPlatform, TopoLVMPriorityClassProps, TopoLVMProps, TopoLVMSchedulingProps } from './topolvm/topolvm';
import { TopoLVMHelmInstallProps, TopoLVMManifestsInstallProps } from './topolvm/topolvm-helm';
import { TopoLVMScheduler } from './topolvm/topolvm-scheduler';
import { TopoLVMSnapshotClass, TopoLVMSnapshotClassOptions, TopoLVMSnapshotClassProps } from './topolvm/topolvm-snapshot-class';
import { TopoLVMStorageClass, TopoLVMStorageClassOptions, TopoLVMStorageClassProps } from './topolvm/topolvm-storage-class';
import { TopoLVMWebhook } from './topolvm/topolvm-webhook';
import { TopoLVMVersion } from './versions/index';
import { TopoLVMLineVersion } from './versions/topolvm-lines.generated';

/** @deprecated Renamed CephBlockPool (construct names follow their CRD kind); this name is removed in 1.0. */
export const BlockPool = CephBlockPool;
/** @deprecated Renamed CephBlockPool. */
export type BlockPool = CephBlockPool;

/** @deprecated Renamed CephBlockPoolErasureCodedProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolErasureCodedProps = CephBlockPoolErasureCodedProps;

/** @deprecated Renamed CephBlockPoolHybridStorageProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolHybridStorageProps = CephBlockPoolHybridStorageProps;

/** @deprecated Renamed CephBlockPoolMirrorStatusCheckProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolMirrorStatusCheckProps = CephBlockPoolMirrorStatusCheckProps;

/** @deprecated Renamed CephBlockPoolMirroringPeersProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolMirroringPeersProps = CephBlockPoolMirroringPeersProps;

/** @deprecated Renamed CephBlockPoolMirroringProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolMirroringProps = CephBlockPoolMirroringProps;

/** @deprecated Renamed CephBlockPoolOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolOptions = CephBlockPoolOptions;

/** @deprecated Renamed CephBlockPoolProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolProps = CephBlockPoolProps;

/** @deprecated Renamed CephBlockPoolQuotasProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolQuotasProps = CephBlockPoolQuotasProps;

/** @deprecated Renamed CephBlockPoolReplicatedProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolReplicatedProps = CephBlockPoolReplicatedProps;

/** @deprecated Renamed CephBlockPoolSnapshotScheduleProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolSnapshotScheduleProps = CephBlockPoolSnapshotScheduleProps;

/** @deprecated Renamed CephBlockPoolStatusCheckProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BlockPoolStatusCheckProps = CephBlockPoolStatusCheckProps;

/** @deprecated Renamed CephBucketNotification (construct names follow their CRD kind); this name is removed in 1.0. */
export const BucketNotification = CephBucketNotification;
/** @deprecated Renamed CephBucketNotification. */
export type BucketNotification = CephBucketNotification;

/** @deprecated Renamed CephBucketNotificationEvent (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketNotificationEvent = CephBucketNotificationEvent;

/** @deprecated Renamed CephBucketNotificationFilterProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketNotificationFilterProps = CephBucketNotificationFilterProps;

/** @deprecated Renamed CephBucketNotificationKeyFilterProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketNotificationKeyFilterProps = CephBucketNotificationKeyFilterProps;

/** @deprecated Renamed CephBucketNotificationNameValueProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketNotificationNameValueProps = CephBucketNotificationNameValueProps;

/** @deprecated Renamed CephBucketNotificationProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketNotificationProps = CephBucketNotificationProps;

/** @deprecated Renamed CephBucketTopic (construct names follow their CRD kind); this name is removed in 1.0. */
export const BucketTopic = CephBucketTopic;
/** @deprecated Renamed CephBucketTopic. */
export type BucketTopic = CephBucketTopic;

/** @deprecated Renamed CephBucketTopicAmqpProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicAmqpProps = CephBucketTopicAmqpProps;

/** @deprecated Renamed CephBucketTopicEndpointProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicEndpointProps = CephBucketTopicEndpointProps;

/** @deprecated Renamed CephBucketTopicHttpProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicHttpProps = CephBucketTopicHttpProps;

/** @deprecated Renamed CephBucketTopicKafkaCredentialsProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicKafkaCredentialsProps = CephBucketTopicKafkaCredentialsProps;

/** @deprecated Renamed CephBucketTopicKafkaProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicKafkaProps = CephBucketTopicKafkaProps;

/** @deprecated Renamed CephBucketTopicProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type BucketTopicProps = CephBucketTopicProps;

/** @deprecated Renamed CephCosiDriver (construct names follow their CRD kind); this name is removed in 1.0. */
export const CosiDriver = CephCosiDriver;
/** @deprecated Renamed CephCosiDriver. */
export type CosiDriver = CephCosiDriver;

/** @deprecated Renamed CephCosiDriverProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type CosiDriverProps = CephCosiDriverProps;

/** @deprecated Renamed CephFilesystemMirror (construct names follow their CRD kind); this name is removed in 1.0. */
export const FilesystemMirror = CephFilesystemMirror;
/** @deprecated Renamed CephFilesystemMirror. */
export type FilesystemMirror = CephFilesystemMirror;

/** @deprecated Renamed CephFilesystemMirrorOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type FilesystemMirrorOptions = CephFilesystemMirrorOptions;

/** @deprecated Renamed CephFilesystemMirrorProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type FilesystemMirrorProps = CephFilesystemMirrorProps;

/** @deprecated Renamed CephNfs (construct names follow their CRD kind); this name is removed in 1.0. */
export const NfsServer = CephNfs;
/** @deprecated Renamed CephNfs. */
export type NfsServer = CephNfs;

/** @deprecated Renamed CephNfsOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type NfsServerOptions = CephNfsOptions;

/** @deprecated Renamed CephNfsProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type NfsServerProps = CephNfsProps;

/** @deprecated Renamed CephNfsSnapshotClass (construct names follow their CRD kind); this name is removed in 1.0. */
export const NfsSnapshotClass = CephNfsSnapshotClass;
/** @deprecated Renamed CephNfsSnapshotClass. */
export type NfsSnapshotClass = CephNfsSnapshotClass;

/** @deprecated Renamed CephNfsSnapshotClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type NfsSnapshotClassProps = CephNfsSnapshotClassProps;

/** @deprecated Renamed CephNfsStorageClass (construct names follow their CRD kind); this name is removed in 1.0. */
export const NfsStorageClass = CephNfsStorageClass;
/** @deprecated Renamed CephNfsStorageClass. */
export type NfsStorageClass = CephNfsStorageClass;

/** @deprecated Renamed CephNfsStorageClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type NfsStorageClassProps = CephNfsStorageClassProps;

/** @deprecated Renamed CephNvmeofGateway (construct names follow their CRD kind); this name is removed in 1.0. */
export const NvmeofGateway = CephNvmeofGateway;
/** @deprecated Renamed CephNvmeofGateway. */
export type NvmeofGateway = CephNvmeofGateway;

/** @deprecated Renamed CephNvmeofGatewayPortsProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type NvmeofGatewayPortsProps = CephNvmeofGatewayPortsProps;

/** @deprecated Renamed CephNvmeofGatewayProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type NvmeofGatewayProps = CephNvmeofGatewayProps;

/** @deprecated Renamed CephObjectRealm (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectRealm = CephObjectRealm;
/** @deprecated Renamed CephObjectRealm. */
export type ObjectRealm = CephObjectRealm;

/** @deprecated Renamed CephObjectRealmProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectRealmProps = CephObjectRealmProps;

/** @deprecated Renamed CephObjectStore (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectStore = CephObjectStore;
/** @deprecated Renamed CephObjectStore. */
export type ObjectStore = CephObjectStore;

/** @deprecated Renamed CephObjectStoreAccount (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectStoreAccount = CephObjectStoreAccount;
/** @deprecated Renamed CephObjectStoreAccount. */
export type ObjectStoreAccount = CephObjectStoreAccount;

/** @deprecated Renamed CephObjectStoreAccountProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreAccountProps = CephObjectStoreAccountProps;

/** @deprecated Renamed CephObjectStoreAccountRootUserProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreAccountRootUserProps = CephObjectStoreAccountRootUserProps;

/** @deprecated Renamed CephObjectStoreCertificateIssuerProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreCertificateIssuerProps = CephObjectStoreCertificateIssuerProps;

/** @deprecated Renamed CephObjectStoreCertificateProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreCertificateProps = CephObjectStoreCertificateProps;

/** @deprecated Renamed CephObjectStoreExternalEndpointProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreExternalEndpointProps = CephObjectStoreExternalEndpointProps;

/** @deprecated Renamed CephObjectStoreGatewayProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreGatewayProps = CephObjectStoreGatewayProps;

/** @deprecated Renamed CephObjectStoreHealthCheckProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreHealthCheckProps = CephObjectStoreHealthCheckProps;

/** @deprecated Renamed CephObjectStoreOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreOptions = CephObjectStoreOptions;

/** @deprecated Renamed CephObjectStoreProbeProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreProbeProps = CephObjectStoreProbeProps;

/** @deprecated Renamed CephObjectStoreProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreProps = CephObjectStoreProps;

/** @deprecated Renamed CephObjectStoreSecurityProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreSecurityProps = CephObjectStoreSecurityProps;

/** @deprecated Renamed CephObjectStoreSslOptionsProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreSslOptionsProps = CephObjectStoreSslOptionsProps;

/** @deprecated Renamed CephObjectStoreUser (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectStoreUser = CephObjectStoreUser;
/** @deprecated Renamed CephObjectStoreUser. */
export type ObjectStoreUser = CephObjectStoreUser;

/** @deprecated Renamed CephObjectStoreUserOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreUserOptions = CephObjectStoreUserOptions;

/** @deprecated Renamed CephObjectStoreUserProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreUserProps = CephObjectStoreUserProps;

/** @deprecated Renamed CephObjectStoreUserQuotasProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectStoreUserQuotasProps = CephObjectStoreUserQuotasProps;

/** @deprecated Renamed CephObjectZone (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectZone = CephObjectZone;
/** @deprecated Renamed CephObjectZone. */
export type ObjectZone = CephObjectZone;

/** @deprecated Renamed CephObjectZoneGroup (construct names follow their CRD kind); this name is removed in 1.0. */
export const ObjectZoneGroup = CephObjectZoneGroup;
/** @deprecated Renamed CephObjectZoneGroup. */
export type ObjectZoneGroup = CephObjectZoneGroup;

/** @deprecated Renamed CephObjectZoneGroupProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectZoneGroupProps = CephObjectZoneGroupProps;

/** @deprecated Renamed CephObjectZoneProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type ObjectZoneProps = CephObjectZoneProps;

/** @deprecated Renamed CephBlockPoolRadosNamespace (construct names follow their CRD kind); this name is removed in 1.0. */
export const RadosNamespace = CephBlockPoolRadosNamespace;
/** @deprecated Renamed CephBlockPoolRadosNamespace. */
export type RadosNamespace = CephBlockPoolRadosNamespace;

/** @deprecated Renamed CephBlockPoolRadosNamespaceMirroringProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type RadosNamespaceMirroringProps = CephBlockPoolRadosNamespaceMirroringProps;

/** @deprecated Renamed CephBlockPoolRadosNamespaceOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type RadosNamespaceOptions = CephBlockPoolRadosNamespaceOptions;

/** @deprecated Renamed CephBlockPoolRadosNamespaceProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type RadosNamespaceProps = CephBlockPoolRadosNamespaceProps;

/** @deprecated Renamed CephBlockPoolRadosNamespaceSnapshotScheduleProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type RadosNamespaceSnapshotScheduleProps = CephBlockPoolRadosNamespaceSnapshotScheduleProps;

/** @deprecated Renamed CephRbdMirror (construct names follow their CRD kind); this name is removed in 1.0. */
export const RbdMirror = CephRbdMirror;
/** @deprecated Renamed CephRbdMirror. */
export type RbdMirror = CephRbdMirror;

/** @deprecated Renamed CephRbdMirrorOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type RbdMirrorOptions = CephRbdMirrorOptions;

/** @deprecated Renamed CephRbdMirrorPeersProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type RbdMirrorPeersProps = CephRbdMirrorPeersProps;

/** @deprecated Renamed CephRbdMirrorProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type RbdMirrorProps = CephRbdMirrorProps;

/** @deprecated Renamed CephFilesystemSubVolumeGroup (construct names follow their CRD kind); this name is removed in 1.0. */
export const SubVolumeGroup = CephFilesystemSubVolumeGroup;
/** @deprecated Renamed CephFilesystemSubVolumeGroup. */
export type SubVolumeGroup = CephFilesystemSubVolumeGroup;

/** @deprecated Renamed CephFilesystemSubVolumeGroupCsiDefaultProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type SubVolumeGroupCsiDefaultProps = CephFilesystemSubVolumeGroupCsiDefaultProps;

/** @deprecated Renamed CephFilesystemSubVolumeGroupOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type SubVolumeGroupOptions = CephFilesystemSubVolumeGroupOptions;

/** @deprecated Renamed CephFilesystemSubVolumeGroupPinningProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type SubVolumeGroupPinningProps = CephFilesystemSubVolumeGroupPinningProps;

/** @deprecated Renamed CephFilesystemSubVolumeGroupProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type SubVolumeGroupProps = CephFilesystemSubVolumeGroupProps;

/** @deprecated Renamed TopoLVMContext (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmContext = TopoLVMContext;

/** @deprecated Renamed TopoLVMControllerProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmControllerProps = TopoLVMControllerProps;

/** @deprecated Renamed TopoLVMDeviceClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmDeviceClassProps = TopoLVMDeviceClassProps;

/** @deprecated Renamed TopoLVMDomain (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmDomain = TopoLVMDomain;

/** @deprecated Renamed TopoLVMHelmInstallProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmHelmInstallProps = TopoLVMHelmInstallProps;

/** @deprecated Renamed TopoLVMLineVersion (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmLineVersion = TopoLVMLineVersion;

/** @deprecated Renamed TopoLVMManifestsInstallProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmManifestsInstallProps = TopoLVMManifestsInstallProps;

/** @deprecated Renamed TopoLVMMetrics (construct names follow their CRD kind); this name is removed in 1.0. */
export const TopolvmMetrics = TopoLVMMetrics;
/** @deprecated Renamed TopoLVMMetrics. */
export type TopolvmMetrics = TopoLVMMetrics;

/** @deprecated Renamed TopoLVMMetricsProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmMetricsProps = TopoLVMMetricsProps;

/** @deprecated Renamed TopoLVMPlatform (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmPlatform = TopoLVMPlatform;

/** @deprecated Renamed TopoLVMPriorityClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmPriorityClassProps = TopoLVMPriorityClassProps;

/** @deprecated Renamed TopoLVMProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmProps = TopoLVMProps;

/** @deprecated Renamed TopoLVMScheduler (construct names follow their CRD kind); this name is removed in 1.0. */
export const TopolvmScheduler = TopoLVMScheduler;
/** @deprecated Renamed TopoLVMScheduler. */
export type TopolvmScheduler = TopoLVMScheduler;

/** @deprecated Renamed TopoLVMSchedulingProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmSchedulingProps = TopoLVMSchedulingProps;

/** @deprecated Renamed TopoLVMSnapshotClass (construct names follow their CRD kind); this name is removed in 1.0. */
export const TopolvmSnapshotClass = TopoLVMSnapshotClass;
/** @deprecated Renamed TopoLVMSnapshotClass. */
export type TopolvmSnapshotClass = TopoLVMSnapshotClass;

/** @deprecated Renamed TopoLVMSnapshotClassOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmSnapshotClassOptions = TopoLVMSnapshotClassOptions;

/** @deprecated Renamed TopoLVMSnapshotClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmSnapshotClassProps = TopoLVMSnapshotClassProps;

/** @deprecated Renamed TopoLVMStorageClass (construct names follow their CRD kind); this name is removed in 1.0. */
export const TopolvmStorageClass = TopoLVMStorageClass;
/** @deprecated Renamed TopoLVMStorageClass. */
export type TopolvmStorageClass = TopoLVMStorageClass;

/** @deprecated Renamed TopoLVMStorageClassOptions (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmStorageClassOptions = TopoLVMStorageClassOptions;

/** @deprecated Renamed TopoLVMStorageClassProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmStorageClassProps = TopoLVMStorageClassProps;

/** @deprecated Renamed TopoLVMThinPoolProps (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmThinPoolProps = TopoLVMThinPoolProps;

/** @deprecated Renamed TopoLVMVersion (construct names follow their CRD kind); this name is removed in 1.0. */
export type TopolvmVersion = TopoLVMVersion;

/** @deprecated Renamed TopoLVMWebhook (construct names follow their CRD kind); this name is removed in 1.0. */
export const TopolvmWebhook = TopoLVMWebhook;
/** @deprecated Renamed TopoLVMWebhook. */
export type TopolvmWebhook = TopoLVMWebhook;
