/**
 * Which disks become OSDs (`storage`): storage nodes and their devices, host directories (Rook <= 1.2), device sets on
 * PVCs with their spread across hosts, racks or zones, and the rendering of a device set.
 *
 * Part of the RookCluster room (src/rook/cluster/); `rook-cluster.ts` plugs it in. The class reference, the PVC
 * templates and the per-kind class checks of device sets are in `device-sets.ts`.
 */
import { z } from 'zod';
import { CephClusterSpecStorageStorageClassDeviceSets } from '../../../imports/ceph.rook.io';
import { dnsLabel, goRegex, hostPath, int32, nodeName, placement, quantity, resourceRequirements } from '../../foundation/props';
import { PropsMatch } from '../../foundation/props-check';
import { stringMap } from '../../foundation/unique';
import { PodPlacementProps, ResourceRequirementsProps } from '../../site/common-props';
import { deviceSetExtraShape, OsdStorageClassRef, renderClaimTemplates, RookClusterDeviceSetVolumeProps, storageClassRef } from './device-sets';

const deviceSchema = z.strictObject({
  name: z.string().min(1),
  config: stringMap.optional(),
});

export const osdConfig = stringMap;

export const storageNodeSchema = z.strictObject({
  name: nodeName,
  devices: z.array(deviceSchema).optional(),
  deviceFilter: goRegex.optional(),
  devicePathFilter: goRegex.optional(),
  useAllDevices: z.boolean().optional(),
  config: osdConfig.optional(),
  resources: resourceRequirements.optional(),
});


/** Topology levels OSD pods can be spread across, and the node label each uses. */
export const SPREAD_LEVELS = { host: 'kubernetes.io/hostname', rack: 'topology.rook.io/rack', zone: 'topology.kubernetes.io/zone' } as const;

const spreadSchema = z.strictObject({
  level: z.enum(Object.keys(SPREAD_LEVELS) as ['host', 'rack', 'zone']),
  maxSkew: int32.min(1).default(1),
  required: z.boolean().default(false),
});

/** OSDs on PVCs of any block class: `count` raw block PVCs of `size` from `storageClass` (plus metadata / wal). */
export const deviceSetSchema = z.strictObject({
  name: dnsLabel,
  count: int32.min(1),
  size: quantity,
  storageClass: storageClassRef,
  encrypted: z.boolean().optional(),
  portable: z.boolean().default(false),
  spreadAcross: z.array(spreadSchema).optional(),
  placement: placement.optional(),
  preparePlacement: placement.optional(),
  resources: resourceRequirements.optional(),
  tuneFastDeviceClass: z.boolean().optional(),
  ...deviceSetExtraShape,
});

export const directorySchema = z.strictObject({ path: hostPath.regex(/^\//, { message: 'must be an absolute path' }) });

/** A disk of a storage node. */
export interface RookClusterDeviceProps {
  /** Kernel name (`sdb`) or path (`/dev/disk/by-id/...`) of the disk. */
  readonly name: string;
  /** OSD settings of this disk (e.g. `osdsPerDevice`), as strings. @default - the node's and cluster's */
  readonly config?: Record<string, string>;
}

/** A node whose disks become OSDs. */
export interface RookClusterStorageNodeProps {
  /** Node name (`kubernetes.io/hostname`). */
  readonly name: string;
  /** Disks to use. @default - as the filters and useAllDevices say */
  readonly devices?: RookClusterDeviceProps[];
  /** Go regular expression on kernel disk names, e.g. "^sd[b-d]$". @default - the cluster's */
  readonly deviceFilter?: string;
  /** Go regular expression on disk paths, e.g. "^/dev/disk/by-path/pci-.*". @default - the cluster's */
  readonly devicePathFilter?: string;
  /** Use every empty disk of the node. @default - the cluster's */
  readonly useAllDevices?: boolean;
  /** OSD settings for this node, as strings. @default - the cluster's */
  readonly config?: Record<string, string>;
  /** Resources of this node's OSDs. @default - the cluster's */
  readonly resources?: ResourceRequirementsProps;
}

/** A host directory holding OSD data (Rook <= 1.2). */
export interface RookClusterDirectoryProps {
  /** Absolute host path. */
  readonly path: string;
}

/** A topology level OSD pods are spread across. */
export interface RookClusterSpreadProps {
  /** 'host', 'rack' or 'zone' (node labels kubernetes.io/hostname, topology.rook.io/rack, topology.kubernetes.io/zone). */
  readonly level: 'host' | 'rack' | 'zone';
  /** Largest allowed difference of OSD counts between two domains. @default 1 */
  readonly maxSkew?: number;
  /** true: never schedule against the spread (DoNotSchedule); false: prefer it (ScheduleAnyway). @default false */
  readonly required?: boolean;
}

/** OSDs on PVCs of any block class (TopoLVM, local static, cloud / SAN): `count` raw block PVCs of `size` from `storageClass`. */
export interface RookClusterDeviceSetProps {
  /** Name of the set (DNS-1123 label). */
  readonly name: string;
  /** Number of OSDs (PVCs) in the set, at least 1. */
  readonly count: number;
  /** Size of each OSD PVC, e.g. "1Ti". */
  readonly size: string;
  /**
   * Class of the PVCs: any Block-capable class but Ceph's own — TopoLVM, local static or network-attached (EBS, GCE
   * PD, Azure Disk, Cinder, vSphere); node-local ones must be WaitForFirstConsumer. A StorageClass construct of the
   * site (BlockStorageClass, TopoLVMStorageClass, BlockStorageClass.fromExisting) or its name. PVCs are always volumeMode Block.
   */
  readonly storageClass: OsdStorageClassRef;
  /** Encrypt the OSDs with dm-crypt. @default false */
  readonly encrypted?: boolean;
  /** Let an OSD move to another node with its PVC: only on network-attached classes (local volumes cannot move). @default false */
  readonly portable?: boolean;
  /** Spread the OSD and prepare pods across hosts, racks or zones. @default - no spread constraints */
  readonly spreadAcross?: RookClusterSpreadProps[];
  /** Extra placement of the OSD pods, merged with spreadAcross. @default - none */
  readonly placement?: PodPlacementProps;
  /** Placement of the OSD prepare pods. @default - the spreadAcross constraints, for the prepare pods */
  readonly preparePlacement?: PodPlacementProps;
  /** Resources of the OSD pods. @default - none */
  readonly resources?: ResourceRequirementsProps;
  /** Tune the OSDs for fast devices (NVMe/SSD). @default - Rook's default */
  readonly tuneFastDeviceClass?: boolean;
  /** Tune the OSDs for slow devices (e.g. cloud HDD-backed volumes Ceph cannot see as rotational). @default - Rook's default */
  readonly tuneDeviceClass?: boolean;
  /** A metadata (RocksDB) PVC per OSD, e.g. on a faster class. @default - metadata on the data PVC */
  readonly metadata?: RookClusterDeviceSetVolumeProps;
  /** A write-ahead-log PVC per OSD. @default - the WAL on the metadata (or data) PVC */
  readonly wal?: RookClusterDeviceSetVolumeProps;
}

/** Which disks become OSDs: by node list, filters, or PVCs (storageClassDeviceSets). */
export interface RookClusterStorageProps {
  /** Put OSDs on every node. @default - true unless nodes or storageClassDeviceSets are listed */
  readonly useAllNodes?: boolean;
  /** Use every empty disk. @default - false when a filter or storageClassDeviceSets is set, else Rook's default */
  readonly useAllDevices?: boolean;
  /** Go regular expression on kernel disk names, e.g. "^sd[b-d]$". Not with devicePathFilter. @default - none */
  readonly deviceFilter?: string;
  /** Go regular expression on disk paths (survives sda/sdb renames). @default - none */
  readonly devicePathFilter?: string;
  /** OSD settings for every OSD (e.g. `osdsPerDevice`), as strings. @default - none */
  readonly config?: Record<string, string>;
  /** Nodes and their disks. @default - none */
  readonly nodes?: RookClusterStorageNodeProps[];
  /** Rook <= 1.2 only: OSDs in host directories. @default - none */
  readonly directories?: RookClusterDirectoryProps[];
  /** OSDs on PVCs. @default - none */
  readonly storageClassDeviceSets?: RookClusterDeviceSetProps[];
  /** Let an OSD's device class change when its config says another one (Rook v1.20.6). @default - Rook's default (false) */
  readonly allowDeviceClassUpdate?: boolean;
  /** Let Rook raise an OSD's CRUSH weight after its PVC grew (Rook v1.20.6). @default - Rook's default (false) */
  readonly allowOsdCrushWeightUpdate?: boolean;
  /** Schedule OSDs even while Ceph is not healthy, e.g. to add capacity to a full cluster (Rook v1.20.6). @default - Rook's default (false) */
  readonly scheduleAlways?: boolean;
  /** Use only the device sets' own placement, not merged with `placement.all` (Rook v1.7.11 and later). @default - Rook's default (false) */
  readonly onlyApplyOSDPlacement?: boolean;
  /** Set each OSD's CRUSH location from its node's topology labels (Rook v1.1 only; later lines always do). @default - Rook's default (false) */
  readonly topologyAware?: boolean;
}
const _rookClusterDeviceSetProps: PropsMatch<RookClusterDeviceSetProps, z.input<typeof deviceSetSchema>> = true;
const _rookClusterStorageNodeProps: PropsMatch<RookClusterStorageNodeProps, z.input<typeof storageNodeSchema>> = true;

export type DeviceSetConfig = z.output<typeof deviceSetSchema>;

/** Spread constraints for pods with label app=<app>. */
function spreadConstraints(spread: DeviceSetConfig['spreadAcross'], app: string): any[] | undefined {
  if (!spread || spread.length === 0) return undefined;
  return spread.map((s) => ({
    maxSkew: s.maxSkew,
    topologyKey: SPREAD_LEVELS[s.level],
    whenUnsatisfiable: s.required ? 'DoNotSchedule' : 'ScheduleAnyway',
    labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [app] }] },
  }));
}

function withSpread(base: z.output<typeof placement> | undefined, extra: any[] | undefined): any {
  if (!extra) return base;
  return { ...base, topologySpreadConstraints: [...(base?.topologySpreadConstraints ?? []), ...extra] };
}

/** CephCluster storageClassDeviceSets entry: Block PVCs, not portable by default, spread as asked. */
export function renderDeviceSet(d: DeviceSetConfig): CephClusterSpecStorageStorageClassDeviceSets {
  return {
    name: d.name,
    count: d.count,
    portable: d.portable,
    encrypted: d.encrypted,
    tuneDeviceClass: d.tuneDeviceClass,
    tuneFastDeviceClass: d.tuneFastDeviceClass,
    resources: d.resources,
    placement: withSpread(d.placement, spreadConstraints(d.spreadAcross, 'rook-ceph-osd')),
    preparePlacement: d.preparePlacement ?? withSpread(undefined, spreadConstraints(d.spreadAcross, 'rook-ceph-osd-prepare')),
    volumeClaimTemplates: renderClaimTemplates(d),
  };
}
