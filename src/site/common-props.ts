/**
 * Documented interfaces of the Kubernetes shapes several constructs take (resources, tolerations, pod
 * placement) and of the props every StorageClass construct shares. The zod schemas in ./props and
 * ./storage-class parse them; the guards below keep both in step.
 */
import { z } from 'zod';
import { PropsMatch } from '../foundation/props-check';
import { placement, resourceRequirements, toleration } from '../foundation/props';
import { cephCsiClassShape, storageClassShape } from './storage-class';

/** Container resource requests and limits, as in a Pod spec. */
export interface ResourceRequirementsProps {
  /** Minimum resources per resource name, e.g. `{ cpu: '500m', memory: '1Gi' }`. @default - none */
  readonly requests?: Record<string, string>;
  /** Maximum resources per resource name, e.g. `{ memory: '4Gi' }`. @default - none */
  readonly limits?: Record<string, string>;
}

/** A Pod toleration, as in a Pod spec. */
export interface TolerationProps {
  /** Taint key the toleration matches; empty with operator 'Exists' matches every key. @default - every key */
  readonly key?: string;
  /** 'Exists' (any value) or 'Equal' (the value below). @default 'Equal' (Kubernetes) */
  readonly operator?: 'Exists' | 'Equal';
  /** Taint value to match with operator 'Equal'. @default - none */
  readonly value?: string;
  /** Taint effect to match. @default - every effect */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** For 'NoExecute': seconds the pod stays bound after the taint appears. @default - forever */
  readonly tolerationSeconds?: number;
}

/**
 * Where the pods of a Ceph daemon may run (Rook's placement shape). The affinity and spread objects are
 * passed through as written; strict schema validation of the emitted object checks them.
 */
export interface PodPlacementProps {
  /** A Kubernetes NodeAffinity object. @default - none */
  readonly nodeAffinity?: Record<string, unknown>;
  /** A Kubernetes PodAffinity object. @default - none */
  readonly podAffinity?: Record<string, unknown>;
  /** A Kubernetes PodAntiAffinity object. @default - none */
  readonly podAntiAffinity?: Record<string, unknown>;
  /** Tolerations of the pods. @default - none */
  readonly tolerations?: TolerationProps[];
  /** Kubernetes TopologySpreadConstraint objects. @default - none */
  readonly topologySpreadConstraints?: Record<string, unknown>[];
}

/** Props every StorageClass construct takes. */
export interface StorageClassBaseProps {
  /** StorageClass name, a DNS-1123 name. @default - the construct id */
  readonly name?: string;
  /** What happens to a volume when its claim is deleted: 'Delete' removes it, 'Retain' keeps it. @default 'Delete' */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /** Let claims of this class grow. @default true */
  readonly allowVolumeExpansion?: boolean;
  /** 'Immediate' binds on claim creation; 'WaitForFirstConsumer' waits until a pod is scheduled. @default 'Immediate' */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /** Make this the cluster's default StorageClass; at most one per site. @default false */
  readonly isDefault?: boolean;
  /** Mount options of the volumes. @default - none */
  readonly mountOptions?: string[];
}

/** Props every Ceph CSI StorageClass takes (RBD, CephFS, external CephFS). */
/** What every VolumeSnapshotClass construct takes. */
export interface SnapshotClassBaseProps {
  /** VolumeSnapshotClass name. @default - the construct id */
  readonly name?: string;
  /** What happens to the snapshot when its VolumeSnapshotContent is deleted. @default 'Delete' */
  readonly deletionPolicy?: 'Delete' | 'Retain';
  /** Mark as default VolumeSnapshotClass. @default false */
  readonly isDefault?: boolean;
}

export interface CephCsiStorageClassBaseProps {
  /** CSI `clusterID`; must be the CephCluster's namespace, which Rook keys its CSI config by. @default - the cluster namespace */
  readonly clusterID?: string;
  /**
   * Secret (in the cluster namespace) with the CSI provisioner credentials.
   * @default 'rook-csi-rbd-provisioner' for RBD classes, 'rook-csi-cephfs-provisioner' for CephFS classes
   */
  readonly provisionerSecretName?: string;
  /**
   * Secret (in the cluster namespace) with the CSI node-stage credentials.
   * @default 'rook-csi-rbd-node' for RBD classes, 'rook-csi-cephfs-node' for CephFS classes
   */
  readonly nodeSecretName?: string;
  /** Namespace of the Rook operator; the CSI driver name starts with it. @default - the cluster's operatorNamespace */
  readonly operatorNamespace?: string;
  /** Extra StorageClass parameters (e.g. `mounter: rbd-nbd`), applied after the computed ones. @default {} */
  readonly parameters?: Record<string, string>;
}

const _resources: PropsMatch<ResourceRequirementsProps, z.input<typeof resourceRequirements>> = true;
const _toleration: PropsMatch<TolerationProps, z.input<typeof toleration>> = true;
const _placement: PropsMatch<PodPlacementProps, z.input<typeof placement>> = true;
const _storageClass: PropsMatch<StorageClassBaseProps, z.input<z.ZodObject<typeof storageClassShape>>> = true;
const _cephCsiClass: PropsMatch<CephCsiStorageClassBaseProps, z.input<z.ZodObject<ReturnType<typeof cephCsiClassShape>>>> = true;
