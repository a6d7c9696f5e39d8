/**
 * OSDs and mons on PVCs of any block class: the class reference, the extra device-set and storage fields, the
 * volume claim templates of a device set (data, metadata, wal), the version gates of the storage fields, and the
 * checks that fit each kind of class (TopoLVM, local static, network-attached, Ceph itself, unknown).
 */
import { ApiObject } from 'cdk8s';
import { z } from 'zod';
import { ConfigError } from '../../foundation/errors';
import { dnsName, quantity } from '../../foundation/props';
import { Site } from '../../site/site';
import {
  attachmentOf, BlockClassAttachment, BlockStorageClass, classifyProvisioner, ExistingBlockStorageClass, IBlockStorageClass, isBlockStorageClass, LOCAL_STATIC_PROVISIONER, ProvisionerKind,
} from '../../kubernetes/block-storage-class';
import { PropsMatch } from '../../foundation/props-check';
import { requireFieldFeature, VersionSet } from '../../versions';
import type { StorageClassLike } from '../../site/storage-class';

function isStorageClassLike(x: unknown): x is StorageClassLike {
  return typeof x === 'object' && x !== null && typeof (x as any).storageClassName === 'string' && (x as any).resource instanceof ApiObject;
}

/** The class of OSD / mon PVCs: a StorageClass construct of the site (also `BlockStorageClass.fromExisting`), or the name of one. */
export const storageClassRef = z.union([
  z.custom<IBlockStorageClass>(isBlockStorageClass, { message: 'not a BlockStorageClass' }),
  z.custom<StorageClassLike>(isStorageClassLike, { message: 'not a StorageClass construct' }),
  dnsName,
]);

/** A class reference as the props take it. */
export type OsdStorageClassRef = StorageClassLike | IBlockStorageClass | string;

const claimTemplateSchema = z.strictObject({
  size: quantity,
  storageClass: storageClassRef.optional(),
});

/** A metadata (RocksDB) or WAL device of every OSD of a set: one more Block PVC per OSD. */
export interface RookClusterDeviceSetVolumeProps {
  /** Size of the PVC, e.g. "50Gi". */
  readonly size: string;
  /** Its class (often a faster one than the data PVCs'). @default - the set's storageClass */
  readonly storageClass?: OsdStorageClassRef;
}
const _volumeProps: PropsMatch<RookClusterDeviceSetVolumeProps, z.input<typeof claimTemplateSchema>> = true;

/** Device-set fields added for OSDs on any class, spread into the device-set schema. */
export const deviceSetExtraShape = {
  tuneDeviceClass: z.boolean().optional(),
  metadata: claimTemplateSchema.optional(),
  wal: claimTemplateSchema.optional(),
};

/** CephCluster `storage` fields about OSD updates and placement, spread into the storage schema. */
export const storageExtraShape = {
  allowDeviceClassUpdate: z.boolean().optional(),
  allowOsdCrushWeightUpdate: z.boolean().optional(),
  scheduleAlways: z.boolean().optional(),
  onlyApplyOSDPlacement: z.boolean().optional(),
  topologyAware: z.boolean().optional(),
};

/** Refuses the storage fields the pinned Rook version's CephCluster CRD does not declare. */
export function checkStorageFieldsForVersion(v: VersionSet, path: string, storage: Record<string, unknown> | undefined): void {
  if (!storage || typeof storage !== 'object') return;
  const gates = [
    ['allowDeviceClassUpdate', 'cephClusterAllowDeviceClassUpdate'],
    ['allowOsdCrushWeightUpdate', 'cephClusterAllowOsdCrushWeightUpdate'],
    ['scheduleAlways', 'cephClusterScheduleAlways'],
    ['onlyApplyOSDPlacement', 'cephClusterOnlyApplyOsdPlacement'],
    ['topologyAware', 'cephClusterTopologyAware'],
  ] as const;
  for (const [field, feature] of gates) {
    requireFieldFeature(v, feature, path, `storage.${field}`, storage[field]);
  }
}

type ClaimTemplate = z.output<typeof claimTemplateSchema>;

/** What a device set needs to render its claim templates. */
export interface DeviceSetVolumes {
  readonly size: string;
  readonly storageClass: OsdStorageClassRef;
  readonly metadata?: ClaimTemplate;
  readonly wal?: ClaimTemplate;
}

export function classNameOf(ref: OsdStorageClassRef): string {
  return typeof ref === 'string' ? ref : ref.storageClassName;
}

/** `volumeClaimTemplates` of a device set: `data`, then `metadata` and `wal` when set; all Block, ReadWriteOnce. */
export function renderClaimTemplates(d: DeviceSetVolumes): any[] {
  const one = (name: string, size: string, cls: OsdStorageClassRef) => ({
    metadata: { name },
    spec: {
      resources: { requests: { storage: size } },
      storageClassName: classNameOf(cls),
      volumeMode: 'Block',
      accessModes: ['ReadWriteOnce'],
    },
  });
  return [
    one('data', d.size, d.storageClass),
    ...(d.metadata ? [one('metadata', d.metadata.size, d.metadata.storageClass ?? d.storageClass)] : []),
    ...(d.wal ? [one('wal', d.wal.size, d.wal.storageClass ?? d.storageClass)] : []),
  ];
}

/** One PVC class use of a cluster: an OSD data / metadata / wal template or the mon claim. */
export interface PvcClassUse {
  /** Field path of the class, e.g. `storage.storageClassDeviceSets[0].storageClass`. */
  readonly field: string;
  readonly ref: OsdStorageClassRef;
  readonly role: 'osd' | 'mon';
  /** The set's `portable` (OSD uses only), and the field path of it. */
  readonly portable?: { value: boolean; field: string };
}

/** The device-set uses of a cluster's storage props. */
export function deviceSetUses(sets: readonly (DeviceSetVolumes & { portable: boolean })[]): PvcClassUse[] {
  return sets.flatMap((d, i) => {
    const at = `storage.storageClassDeviceSets[${i}]`;
    const portable = { value: d.portable, field: `${at}.portable` };
    return [
      { field: `${at}.storageClass`, ref: d.storageClass, role: 'osd' as const, portable },
      ...(d.metadata ? [{ field: `${at}.metadata.storageClass`, ref: d.metadata.storageClass ?? d.storageClass, role: 'osd' as const, portable }] : []),
      ...(d.wal ? [{ field: `${at}.wal.storageClass`, ref: d.wal.storageClass ?? d.storageClass, role: 'osd' as const, portable }] : []),
    ];
  });
}

interface ClassInfo {
  readonly name: string;
  readonly provisioner: string;
  readonly kind: ProvisionerKind;
  readonly attachment?: BlockClassAttachment;
  readonly bindingMode?: string;
  readonly blockCapable?: boolean;
}

const NETWORK_EXAMPLES = '"ebs.csi.aws.com", "pd.csi.storage.gke.io", "disk.csi.azure.com", "cinder.csi.openstack.org", "csi.vsphere.vmware.com"';
const ANY_BLOCK = `a TopoLVM class (${['topolvm.io', 'topolvm.cybozu.com'].map((x) => `"${x}"`).join(', ')}), a local static class ("${LOCAL_STATIC_PROVISIONER}") or a network block class (${NETWORK_EXAMPLES}, ...)`;

function resolveClass(site: Site, ref: OsdStorageClassRef): ClassInfo | undefined {
  let provisioner: string | undefined;
  let bindingMode: string | undefined;
  let attachment: BlockClassAttachment | undefined;
  let blockCapable: boolean | undefined;
  const name = classNameOf(ref);
  const block = typeof ref === 'string'
    ? [...site.findAll(BlockStorageClass), ...site.findAll(ExistingBlockStorageClass)].find((b) => b.storageClassName === name)
    : isBlockStorageClass(ref) ? ref : undefined;
  if (block) {
    provisioner = block.provisioner;
    bindingMode = block.volumeBindingMode;
    attachment = block.attachment;
  } else {
    const obj = typeof ref === 'string' ? site.allApiObjects().find((o) => o.kind === 'StorageClass' && o.name === name) : ref.resource;
    if (!obj) return undefined;
    const json = obj.toJson();
    provisioner = String(json.provisioner);
    bindingMode = json.volumeBindingMode ?? 'Immediate';
    if (typeof ref !== 'string' && typeof (ref as any).blockCapable === 'boolean') blockCapable = (ref as any).blockCapable;
  }
  const kind = classifyProvisioner(provisioner);
  return { name, provisioner, kind, attachment: attachment ?? attachmentOf(kind), bindingMode, blockCapable };
}

/**
 * The checks of the classes of a cluster's OSD and mon PVCs. Errors are returned (ConfigError messages), warnings
 * go to the site. Every class: declared in the site, not Ceph's own; OSD classes Block-capable; node-local classes
 * WaitForFirstConsumer and never under `portable: true`; unknown provisioners are written with a warning.
 */
export function checkPvcClasses(site: Site, path: string, uses: readonly PvcClassUse[]): string[] {
  const out: string[] = [];
  const portableDone = new Set<string>();
  for (const u of uses) {
    const where = `${path}: ${u.field}`;
    const daemon = u.role === 'osd' ? 'OSD' : 'mon';
    const name = classNameOf(u.ref);
    const c = resolveClass(site, u.ref);
    if (!c) {
      const classes = [...new Set([...site.allApiObjects().filter((o) => o.kind === 'StorageClass').map((o) => o.name), ...site.findAll(ExistingBlockStorageClass).map((b) => b.storageClassName)])];
      out.push(new ConfigError({
        path: where, problem: `StorageClass "${name}" is not declared in site "${site.siteName}", so it cannot be checked to suit ${daemon} volumes (its provisioner, binding mode, Block support)`,
        value: name, allowed: classes.map((x) => `"${x}"`).join(', ') || '(the site declares no StorageClass)',
        fix: `declare it with BlockStorageClass (or BlockStorageClass.fromExisting(scope, id, { name: '${name}', provisioner: '...' }) for a class the cluster already has) or TopoLVMStorageClass, and pass the construct`,
      }).message);
      continue;
    }
    if (c.kind === 'ceph') {
      out.push(new ConfigError({
        path: where, problem: `StorageClass "${c.name}" is provisioned by Ceph ("${c.provisioner}"): the ${daemon} volumes of a Ceph cluster cannot live in Ceph (the cluster would need itself to start, and one outage takes its own disks away)`,
        value: c.provisioner, allowed: ANY_BLOCK,
        fix: 'put the cluster on disks outside Ceph: declare them with BlockStorageClass (cloud / SAN / local static) or TopoLVMStorageClass',
      }).message);
      continue;
    }
    if ((c.kind === 'file-only' || c.kind === 'local-file') && u.role === 'osd') {
      out.push(new ConfigError({
        path: where, problem: `StorageClass "${c.name}" ("${c.provisioner}") is ${c.kind === 'file-only' ? 'shared-file storage' : 'a node-local directory provisioner'} without raw block volumes; OSD PVCs are volumeMode: Block`,
        value: c.provisioner, allowed: ANY_BLOCK, fix: 'use a block class for the OSDs: a TopoLVMStorageClass or a BlockStorageClass',
      }).message);
      continue;
    }
    if (u.role === 'osd' && c.blockCapable === false) {
      out.push(new ConfigError({
        path: where, problem: `StorageClass "${c.name}" cannot serve volumeMode: Block PVCs on the pinned TopoLVM release; OSDs need raw block devices`,
        value: c.name, allowed: 'a Block-capable class (TopoLVM 0.3.0 or later)', fix: 'pin a TopoLVM release with raw block support',
      }).message);
    }
    if (c.attachment === undefined) {
      site.addWarning(`${where}: StorageClass "${c.name}" has provisioner "${c.provisioner}", which gitops-storage does not know, so it cannot tell whether its volumes are node-local (they then need WaitForFirstConsumer and portable: false); declare the class with BlockStorageClass or BlockStorageClass.fromExisting and attachment: 'node-local' or 'network-attached'`);
      continue;
    }
    if (c.attachment !== 'node-local') continue;
    const what = c.kind === 'topolvm' ? 'TopoLVM volumes' : 'local volumes';
    const byDefault = c.kind === 'topolvm' ? ' (the TopoLVMStorageClass default)' : c.kind === 'local-file' ? '' : ' (the BlockStorageClass default)';
    if (c.bindingMode === undefined) {
      site.addWarning(`${where}: the binding mode of the node-local StorageClass "${c.name}" is not declared, so it cannot be checked to be WaitForFirstConsumer (with Immediate each ${daemon} volume is bound before the pod is scheduled, ignoring its placement); add volumeBindingMode to BlockStorageClass.fromExisting`);
    } else if (c.bindingMode !== 'WaitForFirstConsumer') {
      out.push(new ConfigError({
        path: where, problem: `StorageClass "${c.name}" (${what}) binds volumes Immediately: each local volume would be bound on a node chosen before the ${daemon} pod is scheduled, ignoring its placement and spread`,
        value: c.bindingMode, allowed: '"WaitForFirstConsumer"',
        fix: `set volumeBindingMode: "WaitForFirstConsumer" on "${c.name}"${byDefault}`,
      }).message);
    }
    if (u.portable?.value && !portableDone.has(u.portable.field)) {
      portableDone.add(u.portable.field);
      out.push(new ConfigError({
        path: `${path}: ${u.portable.field}`, problem: `OSDs on "${c.name}" are node-local ${what}; with portable: true Rook would move an OSD to another node, where its volume does not exist`,
        value: true, allowed: 'false for local volumes (portable: true needs a network-attached class such as EBS or GCE PD)', fix: 'remove portable (it defaults to false)',
      }).message);
    }
  }
  return out;
}

