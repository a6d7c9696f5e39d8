/**
 * `BlockStorageClass`: a StorageClass of a block provisioner this library does not install itself — a cloud or SAN
 * CSI driver (EBS, GCE PD, Azure Disk, Cinder, vSphere) or local static volumes (`kubernetes.io/no-provisioner`) —
 * and `BlockStorageClass.fromExisting`, a reference to such a class the cluster already has. Both say where the
 * volumes live (node-local or network-attached), which decides what OSDs and mons on PVCs may do with them.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsName, hostPath, nodeName, quantity, visibleString } from '../foundation/props';
import { KubePersistentVolume, Quantity } from '../../imports/k8s';
import { refineUnique } from '../foundation/unique';
import { Site } from '../site/site';
import { PropsMatch } from '../foundation/props-check';
import { StorageClassConstruct } from '../site/storage-class';
import { place } from '../site/layers';
import { stringMap } from '../foundation/unique';
import { StorageConstruct } from '../site/storage-construct';

/** Where the volumes of a class live: on one node's disks, or on network storage any node of the zone can attach. */
export type BlockClassAttachment = 'node-local' | 'network-attached';

/** What a provisioner is, as far as OSDs and mons on its PVCs are concerned. */
export type ProvisionerKind =
  /** TopoLVM logical volumes: node-local, dynamic. */
  | 'topolvm'
  /** statically created local PersistentVolumes (`kubernetes.io/no-provisioner`): node-local. */
  | 'local-static'
  /** cloud / SAN block volumes attached over the network. */
  | 'network-block'
  /** Ceph itself (RBD, CephFS, NFS, FlexVolume, buckets): never the disks of a Ceph cluster. */
  | 'ceph'
  /** shared-file storage without raw block volumes (EFS, Azure Files, Filestore, NFS CSI). */
  | 'file-only'
  /** node-local directories without raw block volumes (local-path, hostpath provisioners). */
  | 'local-file'
  /** a provisioner this library does not know. */
  | 'unknown';

/** The TopoLVM plugin names. */
export const TOPOLVM_PROVISIONERS: readonly string[] = ['topolvm.io', 'topolvm.cybozu.com'];
/** The provisioner of local static PersistentVolumes. */
export const LOCAL_STATIC_PROVISIONER = 'kubernetes.io/no-provisioner';
/** Network-attached block provisioners (CSI drivers and the in-tree names they replaced). */
export const NETWORK_BLOCK_PROVISIONERS: readonly string[] = [
  'ebs.csi.aws.com', 'kubernetes.io/aws-ebs',
  'pd.csi.storage.gke.io', 'kubernetes.io/gce-pd',
  'disk.csi.azure.com', 'kubernetes.io/azure-disk',
  'cinder.csi.openstack.org', 'kubernetes.io/cinder',
  'csi.vsphere.vmware.com', 'kubernetes.io/vsphere-volume',
  'diskplugin.csi.alibabacloud.com', 'blockvolume.csi.oraclecloud.com', 'dobs.csi.digitalocean.com',
  'csi.hetzner.cloud', 'linodebs.csi.linode.com', 'csi.scaleway.com', 'vpc.block.csi.ibm.io',
  'pxd.portworx.com', 'csi.trident.netapp.io', 'powerstore.dellemc.com', 'csi-powerstore.dellemc.com',
];
/** Shared-file provisioners: no volumeMode Block. */
export const FILE_ONLY_PROVISIONERS: readonly string[] = [
  'efs.csi.aws.com', 'file.csi.azure.com', 'kubernetes.io/azure-file', 'filestore.csi.storage.gke.io', 'nfs.csi.k8s.io',
];

/** Node-local directory provisioners: no volumeMode Block. */
export const LOCAL_FILE_PROVISIONERS: readonly string[] = ['rancher.io/local-path', 'microk8s.io/hostpath', 'k8s.io/minikube-hostpath', 'kubevirt.io.hostpath-provisioner'];

/** Classifies a StorageClass provisioner. */
export function classifyProvisioner(provisioner: string): ProvisionerKind {
  if (TOPOLVM_PROVISIONERS.includes(provisioner)) return 'topolvm';
  if (provisioner === LOCAL_STATIC_PROVISIONER) return 'local-static';
  if (NETWORK_BLOCK_PROVISIONERS.includes(provisioner)) return 'network-block';
  if (/(^|\.)(rbd|cephfs|nfs)\.csi\.ceph\.com$/.test(provisioner) || /^ceph\.rook\.io\//.test(provisioner) || /\.ceph\.rook\.io\/bucket$/.test(provisioner)
    || provisioner === 'kubernetes.io/rbd' || provisioner === 'kubernetes.io/cephfs') return 'ceph';
  if (FILE_ONLY_PROVISIONERS.includes(provisioner)) return 'file-only';
  if (LOCAL_FILE_PROVISIONERS.includes(provisioner)) return 'local-file';
  return 'unknown';
}

/** The attachment a provisioner implies, if known. */
export function attachmentOf(kind: ProvisionerKind): BlockClassAttachment | undefined {
  return kind === 'topolvm' || kind === 'local-static' || kind === 'local-file' ? 'node-local' : kind === 'network-block' || kind === 'file-only' ? 'network-attached' : undefined;
}

const provisionerName = visibleString('the provisioner', 'a CSI driver name such as "ebs.csi.aws.com", or "kubernetes.io/no-provisioner"')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,252}$/, { message: 'not a provisioner name (letters, digits, ".", "-", "_" and "/")' });

const attachmentSchema = z.enum(['node-local', 'network-attached']);

/** Refuses a declared attachment that contradicts what the provisioner is, and Ceph or TopoLVM provisioners. */
function refineProvisioner(p: { provisioner: string; attachment?: BlockClassAttachment }, ctx: z.RefinementCtx, existing: boolean): void {
  const kind = classifyProvisioner(p.provisioner);
  const known = attachmentOf(kind);
  if (kind === 'ceph') {
    ctx.addIssue({
      code: 'custom', path: ['provisioner'], message: `"${p.provisioner}" is a Ceph provisioner; a BlockStorageClass declares the non-Ceph block storage a cluster's OSDs and mons can sit on`,
      params: { allowed: 'a cloud / SAN block CSI driver (e.g. "ebs.csi.aws.com") or "kubernetes.io/no-provisioner"', fix: 'use CephRbdStorageClass / CephFsStorageClass for Ceph classes' },
    });
  } else if (kind === 'topolvm' && !existing) {
    ctx.addIssue({
      code: 'custom', path: ['provisioner'], message: `"${p.provisioner}" is TopoLVM's; its classes carry a device class the TopoLVM construct checks`,
      params: { allowed: 'a provisioner other than TopoLVM', fix: 'use TopoLVMStorageClass (or BlockStorageClass.fromExisting for a TopoLVM class installed elsewhere)' },
    });
  }
  if (known && p.attachment !== undefined && p.attachment !== known) {
    ctx.addIssue({
      code: 'custom', path: ['attachment'], message: `"${p.provisioner}" volumes are ${known}, not ${p.attachment}`,
      params: { allowed: `"${known}" (or leave attachment out)`, fix: 'remove attachment: it is known from the provisioner' },
    });
  }
}

const localVolumeSchema = z.strictObject({
  name: dnsName,
  node: nodeName,
  path: hostPath.regex(/^\/\S+$/, { message: 'must be an absolute path, e.g. "/dev/sdb"' }),
  size: quantity,
  volumeMode: z.enum(['Block', 'Filesystem']).default('Block'),
});

/** A disk (or directory) of one node, offered as a static local PersistentVolume of the class. */
export interface LocalVolumeProps {
  /** PersistentVolume name, e.g. "local0-1". */
  readonly name: string;
  /** Node the disk is in (`kubernetes.io/hostname`). */
  readonly node: string;
  /** Device or directory on the node: "/dev/sdb", or better a stable "/dev/disk/by-id/..." path. */
  readonly path: string;
  /** Capacity of the volume, e.g. "100Gi" (a claim binds a volume at least this large). */
  readonly size: string;
  /** 'Block' (raw device, for OSDs) or 'Filesystem' (formatted by the kubelet, for mons). @default 'Block' */
  readonly volumeMode?: 'Block' | 'Filesystem';
}
const _localVolumeProps: PropsMatch<LocalVolumeProps, z.input<typeof localVolumeSchema>> = true;

const blockStorageClassSchema = z.strictObject({
  name: dnsName.optional(),
  provisioner: provisionerName,
  attachment: attachmentSchema.optional(),
  // pinned: OSD and mon volumes on local or zonal disks must be made where the pod is scheduled (see the prop doc)
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).default('WaitForFirstConsumer'),
  reclaimPolicy: z.enum(['Delete', 'Retain']).optional(),
  allowVolumeExpansion: z.boolean().optional(),
  isDefault: z.boolean().default(false),
  mountOptions: z.array(z.string().min(1)).optional(),
  parameters: stringMap.optional(),
  localVolumes: z.array(localVolumeSchema).optional(),
}).superRefine((p, ctx) => {
  refineProvisioner(p, ctx, false);
  refineUnique(ctx, p.localVolumes, (v) => v.name, ['localVolumes'], ['name'], 'PersistentVolume name', 'a PersistentVolume name is cluster-wide, so the second volume would replace the first');
  refineUnique(ctx, p.localVolumes, (v) => `${v.node}:${v.path}`, ['localVolumes'], ['path'], 'node and path', 'two volumes on one disk would be claimed by two OSDs or mons, which would overwrite each other');
  if (p.localVolumes && p.localVolumes.length > 0 && p.provisioner !== LOCAL_STATIC_PROVISIONER) {
    ctx.addIssue({
      code: 'custom', path: ['localVolumes'], message: `static local volumes belong to a "${LOCAL_STATIC_PROVISIONER}" class; "${p.provisioner}" makes its own volumes`,
      params: { allowed: `localVolumes only with provisioner "${LOCAL_STATIC_PROVISIONER}"`, fix: `remove localVolumes, or set provisioner: "${LOCAL_STATIC_PROVISIONER}"` },
    });
  }
  if (p.provisioner === LOCAL_STATIC_PROVISIONER && p.allowVolumeExpansion === true) {
    ctx.addIssue({
      code: 'custom', path: ['allowVolumeExpansion'], message: 'local static volumes cannot grow: no provisioner resizes them',
      params: { allowed: 'false or unset for "kubernetes.io/no-provisioner"', fix: 'remove allowVolumeExpansion' },
    });
  }
  if (p.provisioner === LOCAL_STATIC_PROVISIONER && p.parameters && Object.keys(p.parameters).length > 0) {
    ctx.addIssue({
      code: 'custom', path: ['parameters'], message: '"kubernetes.io/no-provisioner" reads no parameters',
      params: { allowed: 'no parameters for local static volumes', fix: 'remove parameters' },
    });
  }
});

/** Props of {@link BlockStorageClass}. */
export interface BlockStorageClassProps {
  /** StorageClass name. @default - the construct id */
  readonly name?: string;
  /** The provisioner: a block CSI driver (e.g. "ebs.csi.aws.com", "pd.csi.storage.gke.io") or "kubernetes.io/no-provisioner" for local static volumes. Not Ceph's or TopoLVM's. */
  readonly provisioner: string;
  /**
   * Where the volumes live. Needed only for a provisioner this library does not know (it then warns at synth and
   * skips the local-volume checks); for a known one it must match. @default - known from the provisioner
   */
  readonly attachment?: BlockClassAttachment;
  /**
   * When a volume is made. Pinned to 'WaitForFirstConsumer' by default: local volumes must be on the node the pod
   * lands on, and zonal cloud disks in its zone. @default 'WaitForFirstConsumer'
   */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /** What happens to a volume when its claim is deleted. @default - Kubernetes' default ('Delete') */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /** Let claims of this class grow (not for local static volumes). @default - Kubernetes' default (false) */
  readonly allowVolumeExpansion?: boolean;
  /** Make this the cluster's default StorageClass; at most one per site. @default false */
  readonly isDefault?: boolean;
  /** Mount options of Filesystem volumes. @default - none */
  readonly mountOptions?: string[];
  /** Provisioner parameters, e.g. `{ type: 'gp3' }` for EBS. @default - none */
  readonly parameters?: Record<string, string>;
  /**
   * "kubernetes.io/no-provisioner" only: the node disks of the class, written as local PersistentVolumes (reclaim
   * policy Retain, bound to their node). @default - none (the volumes are made elsewhere, e.g. by a local volume provisioner)
   */
  readonly localVolumes?: LocalVolumeProps[];
}
const _blockStorageClassProps: PropsMatch<BlockStorageClassProps, z.input<typeof blockStorageClassSchema>> = true;

const existingSchema = z.strictObject({
  name: dnsName,
  provisioner: provisionerName,
  attachment: attachmentSchema.optional(),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
}).superRefine((p, ctx) => refineProvisioner(p, ctx, true));

/** Props of {@link BlockStorageClass.fromExisting}: what the site needs to know of a class it does not create. */
export interface ExistingBlockStorageClassProps {
  /** Name of the StorageClass in the cluster. */
  readonly name: string;
  /** Its provisioner, e.g. "ebs.csi.aws.com". */
  readonly provisioner: string;
  /** Where its volumes live. @default - known from the provisioner (unknown provisioners warn at synth) */
  readonly attachment?: BlockClassAttachment;
  /** Its volumeBindingMode, checked for local classes. @default - unknown (local classes then warn at synth) */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
}
const _existingProps: PropsMatch<ExistingBlockStorageClassProps, z.input<typeof existingSchema>> = true;

const BLOCK_CLASS = Symbol.for('gitops-storage.BlockStorageClass');

/** What OSD and mon PVC checks read of a block class, created ({@link BlockStorageClass}) or existing ({@link ExistingBlockStorageClass}). */
export interface IBlockStorageClass extends IConstruct {
  /** `metadata.name` of the StorageClass. */
  readonly storageClassName: string;
  /** Its provisioner. */
  readonly provisioner: string;
  /** Where the volumes live; undefined for an unknown provisioner without a declared attachment. */
  readonly attachment?: BlockClassAttachment;
  /** The class's binding mode; undefined for an existing class that did not declare it. */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /** The StorageClass object; undefined for an existing class. */
  readonly resource?: ApiObject;
}

/** True for a BlockStorageClass or an ExistingBlockStorageClass. */
export function isBlockStorageClass(x: unknown): x is IBlockStorageClass {
  return typeof x === 'object' && x !== null && (x as any)[BLOCK_CLASS] === true;
}

/** A StorageClass the cluster already has (made elsewhere), declared so OSDs and mons can use it; nothing is written. */
export class ExistingBlockStorageClass extends StorageConstruct implements IBlockStorageClass {
  public readonly storageClassName: string;
  public readonly provisioner: string;
  public readonly attachment?: BlockClassAttachment;
  public readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  public readonly resource?: ApiObject = undefined;

  constructor(scope: Construct, id: string, props: ExistingBlockStorageClassProps) {
    super(scope, id);
    (this as any)[BLOCK_CLASS] = true;
    const p = parseProps(this.node.path, existingSchema, props);
    this.storageClassName = p.name;
    // the class exists in the cluster already: a declaration for the closure check
    Site.of(this).addProvidedObject({ kind: 'StorageClass', name: p.name }, `the cluster (declared by BlockStorageClass.fromExisting at ${this.node.path})`);
    this.provisioner = p.provisioner;
    this.attachment = p.attachment ?? attachmentOf(classifyProvisioner(p.provisioner));
    this.volumeBindingMode = p.volumeBindingMode;
  }
}

/**
 * A StorageClass of cloud / SAN block volumes or of local static volumes, placed in the `csi` layer: it comes
 * before the cluster layer because a CephCluster's mon and OSD PVCs are claimed from it as soon as Rook starts.
 */
export class BlockStorageClass extends StorageClassConstruct implements IBlockStorageClass {
  /** Declares a class the cluster already has (made elsewhere); nothing is written for it. */
  public static fromExisting(scope: Construct, id: string, props: ExistingBlockStorageClassProps): ExistingBlockStorageClass {
    return new ExistingBlockStorageClass(scope, id, props);
  }

  public readonly provisioner: string;
  /** Where the volumes live; undefined for an unknown provisioner without a declared attachment. */
  public readonly attachment?: BlockClassAttachment;
  public readonly volumeBindingMode: 'Immediate' | 'WaitForFirstConsumer';
  /** The local volumes of the class, as parsed. */
  public readonly localVolumes: readonly LocalVolumeProps[];

  constructor(scope: Construct, id: string, props: BlockStorageClassProps) {
    super(scope, id);
    (this as any)[BLOCK_CLASS] = true;
    const p = parseProps(this.node.path, blockStorageClassSchema, props);
    this.nameClass(p.name);
    this.provisioner = p.provisioner;
    this.attachment = p.attachment ?? attachmentOf(classifyProvisioner(p.provisioner));
    this.volumeBindingMode = p.volumeBindingMode;
    // before the cluster layer: Rook claims the mon and OSD PVCs of this class as soon as the CephCluster exists
    this.createStorageClass({
      provisioner: p.provisioner,
      parameters: p.parameters,
      isDefault: p.isDefault,
      reclaimPolicy: p.reclaimPolicy,
      allowVolumeExpansion: p.allowVolumeExpansion,
      volumeBindingMode: p.volumeBindingMode,
      mountOptions: p.mountOptions,
    }, 'csi');
    const site = Site.of(this);
    for (const v of p.localVolumes ?? []) {
      place(new KubePersistentVolume(this, `PersistentVolume-${v.name}`, {
        metadata: { name: v.name },
        spec: {
          storageClassName: this.storageClassName,
          capacity: { storage: Quantity.fromString(v.size) },
          accessModes: ['ReadWriteOnce'],
          // pinned: Kubernetes never deletes a local disk's data; an OSD's disk is wiped only deliberately
          persistentVolumeReclaimPolicy: 'Retain',
          volumeMode: v.volumeMode,
          local: { path: v.path },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [v.node] }] }] } },
        },
      }), 'csi', { dataBearing: true });
    }
    this.localVolumes = p.localVolumes ?? [];
    this.node.addValidation({ validate: () => this.checkNodes(site) });
  }

  /** Local volumes on nodes the site's inventory does not list would never be usable. */
  private checkNodes(site: Site): string[] {
    if (!site.nodes || site.nodes.length === 0) return [];
    const known = site.nodes.map((n) => n.name);
    return this.localVolumes.flatMap((v, i) => known.includes(v.node) ? [] : [new ConfigError({
      path: `${this.node.path}: localVolumes[${i}].node`,
      problem: `node "${v.node}" is not in the nodes of site "${site.siteName}"; the volume could never be bound`,
      value: v.node, allowed: known.map((k) => `"${k}"`).join(', '), fix: 'name a node of the site, or add it to the Site nodes',
    }).message]);
  }
}
