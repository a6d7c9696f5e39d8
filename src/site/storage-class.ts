/**
 * What every StorageClass and VolumeSnapshotClass construct shares: the common props, the family bases
 * (`StorageClassConstruct`, `SnapshotClassConstruct`: the id guard, the name, the one object and its placing), the
 * Ceph CSI secret parameters and the clusterID rule.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { KubeStorageClass } from '../../imports/k8s';
import { VolumeSnapshotClass, VolumeSnapshotClassDeletionPolicy } from '../../imports/snapshot.storage.k8s.io';
import { ConfigError } from '../foundation/errors';
import { nameOrId } from './guards';
import { LayerId, place } from './layers';
import { dnsLabel, dnsName } from '../foundation/props';
import { stringMap } from '../foundation/unique';
import { Site } from './site';
import { StorageConstruct } from './storage-construct';

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

/** What a StorageClass construct states besides its name (resolved by {@link StorageClassConstruct.nameClass}). */
export interface StorageClassSpec {
  readonly provisioner: string;
  readonly parameters?: Record<string, string | undefined>;
  readonly isDefault: boolean;
  /** undefined: not written (Kubernetes' default, Delete) */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  readonly allowVolumeExpansion?: boolean;
  readonly volumeBindingMode: 'Immediate' | 'WaitForFirstConsumer';
  readonly mountOptions?: string[];
}

/** The object of a class construct, or an Error (a construct that never created it: a bug, not a user's input). */
function created<T>(obj: T | undefined, path: string, what: string): T {
  if (obj === undefined) throw new Error(`${path}: the ${what} is read before the constructor created it`);
  return obj;
}

/**
 * The base of every StorageClass construct: the construct-id guard (through `StorageConstruct`), the class name (the
 * `name` prop, else the construct id), and the one `storage.k8s.io/v1` StorageClass (id `Resource`, the default-class
 * annotation, placed in its layer). A subclass parses its props, calls `nameClass` and then `createStorageClass` once.
 */
export abstract class StorageClassConstruct extends StorageConstruct {
  private _name?: string;
  private _resource?: ApiObject;
  private _isDefault = false;

  protected constructor(scope: Construct, id: string, kind?: string) {
    super(scope, id, kind);
  }

  /** The provisioner the class names. */
  public abstract readonly provisioner: string;

  /** metadata.name of the StorageClass. */
  public get storageClassName(): string {
    return created(this._name, this.node.path, 'StorageClass name');
  }

  /** The StorageClass object. */
  public get resource(): ApiObject {
    return created(this._resource, this.node.path, 'StorageClass');
  }

  /** Whether the class is the cluster's default (`storageclass.kubernetes.io/is-default-class`). */
  public get isDefault(): boolean {
    return this._isDefault;
  }

  /** Sets the class name: `name`, else the construct id (a ConfigError when the id is no DNS-1123 name). */
  protected nameClass(name: string | undefined): string {
    this._name = nameOrId(this.node.path, name, this.node.id, dnsName, 'StorageClass');
    return this._name;
  }

  /** Creates the StorageClass (id `Resource`) and places it in `layer`. */
  protected createStorageClass(s: StorageClassSpec, layer: LayerId = 'classes'): void {
    const name = this.storageClassName;
    const ok = dnsName.safeParse(name);
    if (!ok.success) {
      throw new ConfigError({
        path: `${this.node.path}: name`,
        problem: `StorageClass name "${name}" is not a DNS-1123 name`,
        value: name,
        allowed: 'lower-case letters, digits, "-" and ".", at most 63 characters',
        fix: 'set name, or use such an id',
      });
    }
    const sc = new KubeStorageClass(this, 'Resource', {
      metadata: {
        name,
        annotations: s.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
      },
      provisioner: s.provisioner,
      parameters: s.parameters as Record<string, string> | undefined,
      reclaimPolicy: s.reclaimPolicy,
      allowVolumeExpansion: s.allowVolumeExpansion,
      volumeBindingMode: s.volumeBindingMode,
      mountOptions: s.mountOptions,
    });
    this._resource = sc;
    this._isDefault = s.isDefault;
    place(sc, layer);
  }
}

/** Parser of {@link SnapshotClassBaseProps}, spread into each snapshot class's strict schema. */
export const snapshotClassShape = {
  name: dnsName.optional(),
  deletionPolicy: z.enum(['Delete', 'Retain']).default('Delete'),
  isDefault: z.boolean().default(false),
};

/** What a VolumeSnapshotClass construct states besides its name and driver. */
export interface SnapshotClassSpec {
  readonly isDefault: boolean;
  readonly deletionPolicy: 'Delete' | 'Retain';
  readonly parameters?: Record<string, string | undefined>;
}

/**
 * The base of every VolumeSnapshotClass construct: the construct-id guard (through `StorageConstruct`), the class
 * name (the `name` prop, else the construct id), and the one `snapshot.storage.k8s.io/v1` VolumeSnapshotClass of its
 * `driver` (id `Resource`, the default-class annotation, in the classes layer; the site validates it against the
 * pinned snapshot CRDs). A subclass checks the `volumeSnapshotV1` gate, sets `driver`, calls `nameClass` and then
 * `createSnapshotClass` once.
 */
export abstract class SnapshotClassConstruct extends StorageConstruct {
  private _name?: string;
  private _resource?: ApiObject;
  private _isDefault = false;

  protected constructor(scope: Construct, id: string, kind?: string) {
    super(scope, id, kind);
  }

  /** The CSI driver whose snapshots the class takes. */
  public abstract readonly driver: string;

  /** metadata.name of the VolumeSnapshotClass. */
  public get snapshotClassName(): string {
    return created(this._name, this.node.path, 'VolumeSnapshotClass name');
  }

  /** The VolumeSnapshotClass object. */
  public get resource(): ApiObject {
    return created(this._resource, this.node.path, 'VolumeSnapshotClass');
  }

  /** Whether the class is the default of its driver (`snapshot.storage.kubernetes.io/is-default-class`). */
  public get isDefault(): boolean {
    return this._isDefault;
  }

  /** Sets the class name: `name`, else the construct id (a ConfigError when the id is no DNS-1123 name). */
  protected nameClass(name: string | undefined): string {
    this._name = nameOrId(this.node.path, name, this.node.id, dnsName, 'VolumeSnapshotClass');
    return this._name;
  }

  /** Creates the VolumeSnapshotClass of `driver` (id `Resource`) in the classes layer. */
  protected createSnapshotClass(s: SnapshotClassSpec): void {
    Site.of(this).useCrdSource('external-snapshotter@v8.6.0');
    const vsc = new VolumeSnapshotClass(this, 'Resource', {
      metadata: {
        name: this.snapshotClassName,
        annotations: s.isDefault ? { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } : undefined,
      },
      driver: this.driver,
      parameters: s.parameters as Record<string, string> | undefined,
      deletionPolicy: s.deletionPolicy as VolumeSnapshotClassDeletionPolicy,
    });
    this._resource = vsc;
    this._isDefault = s.isDefault;
    place(vsc, 'classes');
  }
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

/** A StorageClass construct (anything with `storageClassName` and its `resource`), e.g. a TopoLVMStorageClass. */
export interface StorageClassLike {
  readonly storageClassName: string;
  readonly resource: ApiObject;
  readonly node: Construct['node'];
}
