/**
 * What every StorageClass construct shares: the common props, the StorageClass object itself, the Ceph CSI
 * secret parameters and the clusterID rule.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { KubeStorageClass } from '../../imports/k8s';
import { VolumeSnapshotClass, VolumeSnapshotClassDeletionPolicy } from '../../imports/snapshot.storage.k8s.io';
import { ConfigError } from './errors';
import { place } from '../gitops/layers';
import { dnsLabel, dnsName } from './props';
import { stringMap } from './unique';
import { Site } from './site';

/** Parser of {@link StorageClassBaseProps} (spread into each class's strict schema; a construct may override defaults). */
export const storageClassShape = {
  name: dnsName.optional(),
  reclaimPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  allowVolumeExpansion: z.boolean().default(true),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).default('Immediate'),
  isDefault: z.boolean().default(false),
  mountOptions: z.array(z.string().min(1)).optional(),
};

/**
 * Comma-separated mount/map options as ceph-csi passes them on ("lock_on_read,queue_depth=1024", or per mounter
 * "krbd:lock_on_read;nbd:try-netlink"): no spaces, no empty entries.
 */
export const csiOptionList = z.string().regex(/^[^\s,;]+([,;][^\s,;]+)*$/, { message: 'not a list of options like "lock_on_read,queue_depth=1024" (no spaces, no empty entries)' });

/** Parser of {@link CephCsiStorageClassBaseProps}: clusterID, CSI secret names, operator namespace, extra parameters. */
export function cephCsiClassShape(driver: 'rbd' | 'cephfs') {
  return {
    clusterID: z.string().optional(),
    provisionerSecretName: dnsName.default(`rook-csi-${driver}-provisioner`),
    nodeSecretName: dnsName.default(`rook-csi-${driver}-node`),
    operatorNamespace: dnsLabel.optional(),
    parameters: stringMap.optional(),
  };
}

export interface StorageClassSpec {
  readonly name: string;
  readonly provisioner: string;
  readonly parameters?: Record<string, string | undefined>;
  readonly isDefault: boolean;
  /** undefined: not written (Kubernetes' default, Delete) */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  readonly allowVolumeExpansion?: boolean;
  readonly volumeBindingMode: 'Immediate' | 'WaitForFirstConsumer';
  readonly mountOptions?: string[];
}

/** Creates the StorageClass (id `Resource`) in the classes layer. */
export function newStorageClass(scope: Construct, s: StorageClassSpec): ApiObject {
  const ok = dnsName.safeParse(s.name);
  if (!ok.success) {
    throw new ConfigError({
      path: `${scope.node.path}: name`,
      problem: `StorageClass name "${s.name}" is not a DNS-1123 name (from the construct id when no name is given)`,
      value: s.name,
      allowed: 'lower-case letters, digits, "-" and ".", at most 63 characters',
      fix: 'set name, or use such an id',
    });
  }
  return place(new KubeStorageClass(scope, 'Resource', {
    metadata: {
      name: s.name,
      annotations: s.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
    },
    provisioner: s.provisioner,
    parameters: s.parameters as Record<string, string> | undefined,
    reclaimPolicy: s.reclaimPolicy,
    allowVolumeExpansion: s.allowVolumeExpansion,
    volumeBindingMode: s.volumeBindingMode,
    mountOptions: s.mountOptions,
  }), 'classes');
}

/** Parser of {@link SnapshotClassBaseProps}, spread into each snapshot class's strict schema. */
export const snapshotClassShape = {
  name: dnsName.optional(),
  deletionPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  isDefault: z.boolean().default(false),
};

/** What a VolumeSnapshotClass construct states (name resolved, driver derived). */
export interface SnapshotClassSpec {
  readonly name: string;
  readonly driver: string;
  readonly isDefault?: boolean;
  readonly deletionPolicy: 'Delete' | 'Retain';
  readonly parameters?: Record<string, string | undefined>;
}

/**
 * The VolumeSnapshotClass (snapshot.storage.k8s.io/v1) of every snapshot class construct, placed in the classes
 * layer; the site validates it against the pinned snapshot CRDs. Callers check the `volumeSnapshotV1` gate first.
 */
export function newSnapshotClass(scope: Construct, s: SnapshotClassSpec): VolumeSnapshotClass {
  Site.of(scope).useCrdSource('external-snapshotter@v8.6.0');
  return place(new VolumeSnapshotClass(scope, 'Resource', {
    metadata: {
      name: s.name,
      annotations: s.isDefault ? { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } : undefined,
    },
    driver: s.driver,
    parameters: s.parameters as Record<string, string> | undefined,
    deletionPolicy: s.deletionPolicy as VolumeSnapshotClassDeletionPolicy,
  }), 'classes');
}

/** The `csi.storage.k8s.io/*-secret-*` parameters Ceph CSI reads (secrets in the cluster namespace). */
export function cephCsiSecretParameters(o: { provisionerSecret: string; nodeSecret: string; namespace: string; controllerPublish: boolean; controllerExpand?: boolean }): Record<string, string | undefined> {
  const expand = o.controllerExpand ?? true;
  return {
    'csi.storage.k8s.io/provisioner-secret-name': o.provisionerSecret,
    'csi.storage.k8s.io/provisioner-secret-namespace': o.namespace,
    'csi.storage.k8s.io/controller-expand-secret-name': expand ? o.provisionerSecret : undefined,
    'csi.storage.k8s.io/controller-expand-secret-namespace': expand ? o.namespace : undefined,
    'csi.storage.k8s.io/controller-publish-secret-name': o.controllerPublish ? o.provisionerSecret : undefined,
    'csi.storage.k8s.io/controller-publish-secret-namespace': o.controllerPublish ? o.namespace : undefined,
    'csi.storage.k8s.io/node-stage-secret-name': o.nodeSecret,
    'csi.storage.k8s.io/node-stage-secret-namespace': o.namespace,
  };
}

/** Rook keys its CSI configuration by the CephCluster namespace: a StorageClass's clusterID must be it. */
export function checkClusterId(path: string, clusterID: string | undefined, cluster: { namespace: string; external?: boolean }): string {
  const id = clusterID ?? cluster.namespace;
  if (id !== cluster.namespace) {
    throw new ConfigError({
      path: `${path}: clusterID`,
      problem: `clusterID must be the namespace of the ${cluster.external ? 'external ' : ''}CephCluster ("${cluster.namespace}"); Rook keys its CSI configuration by it and the PVC would stay Pending with "clusterID not found"`,
      value: id,
      allowed: `"${cluster.namespace}"`,
      fix: 'remove clusterID (it defaults to the cluster namespace)',
    });
  }
  return id;
}
