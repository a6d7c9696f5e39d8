import { ApiObject } from 'cdk8s';
import { CephFilesystemSubVolumeGroupSpecQuota } from '../../imports/ceph.rook.io';
import { CephFilesystemSubVolumeGroup as CephFilesystemSubVolumeGroupL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephFsSnapshotClass, CephFsSnapshotClassOptions } from './ceph-fs-snapshot-class';
import { CephFsStorageClass, CephFsStorageClassOptions } from './ceph-fs-storage-class';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel, quantity } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { brandCephFilesystemSubVolumeGroup, ICephFilesystem, isCephFilesystem, ICephFilesystemSubVolumeGroup } from './filesystem-ref';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { ITenantClusterId, markTenant, rookDerivedClusterId, tenantClusterIdProblems, tenantClusterIdSchema } from './csi-cluster-id';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { RookResource } from './rook-resource';

const pinningSchema = z.strictObject({
  distributed: z.union([z.literal(0), z.literal(1)]).optional(),
  export: z.number().int().min(-1).max(256).optional(),
  random: z.number().min(0).max(1).optional(),
}).superRefine((p, ctx) => {
  const set = (['distributed', 'export', 'random'] as const).filter((k) => p[k] !== undefined);
  if (set.length !== 1) {
    ctx.addIssue({
      code: 'custom', path: set.length ? [set[1]] : [],
      message: set.length ? `only one pinning type may be set; got ${set.join(' and ')} (the CRD rejects the object)` : 'pinning needs one of distributed, export or random',
      params: { allowed: 'exactly one of distributed (0 or 1), export (-1..256), random (0.0..1.0)', fix: 'keep one of them; distributed: 0 turns pinning off' },
    });
  }
});

const schema = z.strictObject({
  filesystem: z.union([zBranded('CephFilesystem', isCephFilesystem), dnsLabel]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsLabel.optional(),
  groupName: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/, { message: 'not a CephFS subvolume group name (letters, digits, ".", "_", "-")' }).optional(),
  clusterID: tenantClusterIdSchema.optional(),
  quota: quantity.optional(),
  dataPool: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/, { message: 'not a pool name' }).optional(),
  pinning: pinningSchema.default({ distributed: 1 }),
});

/** How the MDS ranks are pinned to the subvolumes of a group; exactly one of the three. */
export interface CephFilesystemSubVolumeGroupPinningProps {
  /** 1 spreads the group's subvolumes over the active MDS ranks; 0 turns pinning off. @default - not set */
  readonly distributed?: 0 | 1;
  /** Pin the whole group to this MDS rank, 0..256; -1 turns it off. @default - not set */
  readonly export?: number;
  /** Probability (0.0..1.0) that a subvolume is pinned to a random rank. @default - not set */
  readonly random?: number;
}

/** Props of {@link CephFilesystemSubVolumeGroup}. */
export interface CephFilesystemSubVolumeGroupProps {
  /** The filesystem: a CephFilesystem of this site, or a filesystem name together with `cluster` (an ExternalCluster's filesystems too). */
  readonly filesystem: ICephFilesystem | string;
  /** The cluster of the filesystem. Required when `filesystem` is a name. @default - the cluster of `filesystem` */
  readonly cluster?: ICephCluster;
  /** Name of the CephFilesystemSubVolumeGroup object (DNS-1123 label). @default - the construct id */
  readonly name?: string;
  /** Name of the subvolume group in CephFS (`spec.name`). @default - the object name */
  readonly groupName?: string;
  /**
   * CSI clusterID of the group (`spec.clusterID`, at most 36 of letters, digits, "_", "-"); its StorageClasses carry
   * it. Must be unique among the site's groups and RADOS namespaces and no CephCluster namespace.
   * @default - the value the operator would derive itself: sha256 of `<namespace>-<filesystem>-file-<group>`, first 32 hex digits
   */
  readonly clusterID?: string;
  /** Quota of the whole group, a quantity such as "10Gi". @default - no quota */
  readonly quota?: string;
  /**
   * Data pool of the group's layout: for a CephFilesystem its short name in `dataPools` (the Ceph pool is
   * `<fs>-<name>`); for an external filesystem one of its listed data pools. @default - the filesystem's default data pool
   */
  readonly dataPool?: string;
  /** MDS pinning of the group. @default { distributed: 1 } */
  readonly pinning?: CephFilesystemSubVolumeGroupPinningProps;
}
const _subVolumeGroupProps: PropsMatch<CephFilesystemSubVolumeGroupProps, z.input<typeof schema>> = true;
/** Props of {@link CephFilesystem.addSubVolumeGroup}: those of {@link CephFilesystemSubVolumeGroupProps} but the filesystem and the cluster, which the parent supplies. */
export interface CephFilesystemSubVolumeGroupOptions extends Omit<CephFilesystemSubVolumeGroupProps, 'filesystem' | 'cluster'> {}
/** Props of {@link CephFilesystemSubVolumeGroup.csiDefault}: those of {@link CephFilesystemSubVolumeGroupProps} but the filesystem, cluster and names. */
export interface CephFilesystemSubVolumeGroupCsiDefaultProps {
  /** CSI clusterID of the group. @default - the value the operator would derive itself (see {@link CephFilesystemSubVolumeGroupProps.clusterID}) */
  readonly clusterID?: string;
  /** Quota of the whole group, a quantity such as "10Gi". @default - no quota */
  readonly quota?: string;
  /** Data pool of the group's layout, by its short name in the filesystem's `dataPools`. @default - the filesystem's default data pool */
  readonly dataPool?: string;
  /** MDS pinning of the group. @default { distributed: 1 } */
  readonly pinning?: CephFilesystemSubVolumeGroupPinningProps;
}
const csiDefaultSchema = schema.omit({ filesystem: true, cluster: true, name: true, groupName: true });
const _subVolumeGroupCsiDefaultProps: PropsMatch<CephFilesystemSubVolumeGroupCsiDefaultProps, z.input<typeof csiDefaultSchema>> = true;
const _subVolumeGroupPinningProps: PropsMatch<CephFilesystemSubVolumeGroupPinningProps, z.input<typeof pinningSchema>> = true;

/**
 * A `CephFilesystemSubVolumeGroup` (Rook 1.20): a CephFS subvolume group with its own CSI `clusterID`, quota, data
 * pool and MDS pinning. A `CephFsStorageClass` with `subVolumeGroup` provisions its volumes in the group.
 * Data-bearing: deleting the object deletes the group, so the GitOps engine never prunes it.
 */
export class CephFilesystemSubVolumeGroup extends RookResource<InstanceType<typeof CephFilesystemSubVolumeGroupL1>> implements ITenantClusterId, ICephFilesystemSubVolumeGroup {
  static { brandCephFilesystemSubVolumeGroup(this); }

  /**
   * The group `csi` that ceph-csi uses when a class names no group, as the rook-ceph-cluster chart creates it for
   * every filesystem: object `<fs>-csi`, group name `csi`, pinning `distributed: 1`.
   */
  public static csiDefault(scope: Construct, id: string, filesystem: ICephFilesystem, props: CephFilesystemSubVolumeGroupCsiDefaultProps = {}): CephFilesystemSubVolumeGroup {
    return new CephFilesystemSubVolumeGroup(scope, id, { ...props, filesystem, name: `${filesystem.filesystemName}-csi`, groupName: 'csi' });
  }

  /** metadata.name of the CephFilesystemSubVolumeGroup. */
  public readonly objectName: string;
  /** The subvolume group's name in CephFS. */
  public readonly groupName: string;
  public readonly filesystemName: string;
  /** The CephFilesystem construct, when the filesystem was given as one. */
  public readonly filesystem?: ICephFilesystem;
  public readonly cluster: ICephCluster;
  public declare readonly namespace: string;
  /** CSI clusterID (`spec.clusterID`); StorageClasses of the group carry it. */
  public readonly clusterID: string;
  /** Ceph name of the group's data pool, when one is set. */
  public readonly dataPoolName?: string;
  /** Short name of the data pool as given (`dataPool`). */
  public readonly dataPool?: string;
  public readonly description: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephFilesystemSubVolumeGroupProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephSubVolumeGroup', this.node.path, 'pin Rook 1.20.6 on the Site, or give tenants their own CephFilesystem on this version');
    const p = parseProps(this.node.path, schema, props);
    const fs = isCephFilesystem(p.filesystem) ? p.filesystem : undefined;
    const cluster = p.cluster ?? fs?.cluster;
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: filesystem is given by name', value: p.filesystem, allowed: 'a CephFilesystem, or a filesystem name with cluster', fix: 'pass cluster: <RookCluster|ExternalCluster>, or pass the CephFilesystem object as filesystem' });
    }
    if (fs && p.cluster && p.cluster !== fs.cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: `filesystem "${fs.filesystemName}" belongs to cluster "${fs.cluster.clusterName}" (namespace "${fs.namespace}"), not to "${p.cluster.clusterName}"`, value: p.cluster.clusterName, allowed: `"${fs.cluster.clusterName}"`, fix: 'drop cluster (it is taken from the filesystem)' });
    }
    this.filesystem = fs;
    this.cluster = cluster;
    const namespace = cluster.namespace;
    this.filesystemName = fs ? fs.filesystemName : (p.filesystem as string);
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephFilesystemSubVolumeGroup');
    this.groupName = p.groupName ?? this.objectName;
    this.clusterID = p.clusterID ?? rookDerivedClusterId(`${namespace}-${this.filesystemName}-file-${this.groupName}`);
    this.dataPool = p.dataPool;
    this.dataPoolName = p.dataPool === undefined ? undefined : cluster.external ? p.dataPool : `${this.filesystemName}-${p.dataPool}`;
    this.description = `CephFilesystemSubVolumeGroup "${this.objectName}"`;
    markTenant(this);
    this.createResource(CephFilesystemSubVolumeGroupL1, { name: this.objectName, namespace }, {
      spec: {
        name: p.groupName,
        filesystemName: this.filesystemName,
        clusterId: this.clusterID,
        quota: p.quota === undefined ? undefined : CephFilesystemSubVolumeGroupSpecQuota.fromString(p.quota),
        dataPoolName: this.dataPoolName,
        pinning: p.pinning,
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => [...this.checkFilesystem(site), ...tenantClusterIdProblems(this, site)] });
  }

  private checkFilesystem(site: Site): string[] {
    const path = `${this.node.path}: filesystem`;
    if (this.filesystem && Site.of(this.filesystem) !== site) {
      return [new ConfigError({
        path,
        problem: `filesystem "${this.filesystemName}" is a CephFilesystem of site "${Site.of(this.filesystem).siteName}", not of this site "${site.siteName}"; the operator of this site would never find it and the group would stay in "ReconcileFailed"`,
        value: this.filesystem.node.path,
        allowed: this.localNames(site),
        fix: 'create the CephFilesystem in this site (or the group in the other site)',
      }).message];
    }
    const extFs: readonly { name: string; dataPools: readonly string[] }[] | undefined = this.cluster.external ? (this.cluster as any).filesystems : undefined;
    if (this.cluster.external) {
      const f = extFs?.find((x) => x.name === this.filesystemName);
      if (!f) {
        return [new ConfigError({ path, problem: `filesystem "${this.filesystemName}" is not listed in filesystems of external cluster "${this.cluster.clusterName}"`, value: this.filesystemName, allowed: extFs?.length ? extFs.map((x) => `"${x.name}"`).join(', ') : '(the external cluster lists no filesystems)', fix: 'add it to the ExternalCluster\'s filesystems (see `ceph fs ls`), or name a listed one' }).message];
      }
      if (this.dataPool !== undefined && !f.dataPools.includes(this.dataPool)) {
        return [new ConfigError({ path: `${this.node.path}: dataPool`, problem: `filesystem "${f.name}" lists no data pool "${this.dataPool}"`, value: this.dataPool, allowed: f.dataPools.map((d) => `"${d}"`).join(', '), fix: 'name one of its data pools' }).message];
      }
      return [];
    }
    const fs = site.node.findAll().filter(isCephFilesystem).find((f) => f.namespace === this.namespace && f.filesystemName === this.filesystemName);
    if (!fs) {
      return [new ConfigError({
        path,
        problem: `filesystem "${this.filesystemName}" does not exist in cluster namespace "${this.namespace}" of this site; the group would never be created and its PVCs would stay Pending`,
        value: this.filesystemName,
        allowed: this.localNames(site),
        fix: 'add the CephFilesystem to this site, or name an existing one',
      }).message];
    }
    if (this.dataPool !== undefined && !fs.dataPoolNames.includes(this.dataPool)) {
      return [new ConfigError({ path: `${this.node.path}: dataPool`, problem: `filesystem "${fs.filesystemName}" has no data pool "${this.dataPool}"`, value: this.dataPool, allowed: fs.dataPoolNames.map((d) => `"${d}"`).join(', '), fix: 'name one of the filesystem\'s data pools by its short name (without the filesystem prefix)' }).message];
    }
    return [];
  }

  private localNames(site: Site): string {
    const all = site.node.findAll().filter(isCephFilesystem).filter((f) => f.namespace === this.namespace);
    return all.length ? all.map((f) => `"${f.filesystemName}"`).join(', ') : `(this site has no CephFilesystem in namespace "${this.namespace}")`;
  }

  /** Adds a CephFS StorageClass whose volumes are provisioned in this group (its clusterID, filesystem and data pool). */
  public addStorageClass(id: string, options: CephFsStorageClassOptions = {}): CephFsStorageClass {
    return new CephFsStorageClass(this, id, { ...options, subVolumeGroup: this });
  }

  /** Adds a VolumeSnapshotClass for the volumes of this group (its clusterID). */
  public addSnapshotClass(id: string, options: CephFsSnapshotClassOptions = {}): CephFsSnapshotClass {
    return new CephFsSnapshotClass(this, id, { ...options, subVolumeGroup: this });
  }
}
