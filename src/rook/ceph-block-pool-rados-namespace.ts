import { ApiObject } from 'cdk8s';
import { CephBlockPoolRadosNamespaceSpecMirroringMode } from '../../imports/ceph.rook.io';
import { CephBlockPoolRadosNamespace as CephBlockPoolRadosNamespaceL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephRbdSnapshotClass, CephRbdSnapshotClassOptions, CephRbdStorageClass, CephRbdStorageClassOptions } from './ceph-rbd-storage-class';
import { ConfigError, parseProps } from '../foundation/errors';
import { dnsLabel } from '../foundation/props';
import { Site } from '../site/site';
import { nameOrId } from '../site/guards';
import { requireFeature } from '../versions';
import { brandCephBlockPoolRadosNamespace, ICephBlockPool, ICephBlockPoolRadosNamespace, isCephBlockPool } from './pool-ref';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { ITenantClusterId, markTenant, rookDerivedClusterId, tenantClusterIdProblems, tenantClusterIdSchema } from './csi-cluster-id';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';
import { RookResource } from './rook-resource';

const mirroringSchema = z.strictObject({
  mode: z.enum(['pool', 'image']),
  remoteNamespace: z.string().min(1).optional(),
  snapshotSchedules: z.array(z.strictObject({ interval: z.string().regex(/^[0-9]+[mhd]$/, { message: 'not an interval like "24h"' }), startTime: z.string().min(1).optional() })).optional(),
});

const schema = z.strictObject({
  blockPool: z.union([zBranded('CephBlockPool', isCephBlockPool), z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'not a Ceph pool name' })]),
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  name: dnsLabel.optional(),
  namespaceName: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/, { message: 'not a RADOS namespace name' }).optional(),
  clusterID: tenantClusterIdSchema.optional(),
  mirroring: mirroringSchema.optional(),
});

/** A snapshot schedule of a mirrored RADOS namespace. */
export interface CephBlockPoolRadosNamespaceSnapshotScheduleProps {
  /** Interval such as "24h", "30m" or "1d". */
  readonly interval: string;
  /** ISO 8601 start time. @default - now */
  readonly startTime?: string;
}

/** RBD mirroring of the namespace; its block pool must be mirrored too. */
export interface CephBlockPoolRadosNamespaceMirroringProps {
  /** 'image' mirrors the images chosen one by one, 'pool' every image of the namespace. */
  readonly mode: 'pool' | 'image';
  /** Namespace on the peer cluster. @default - the same name */
  readonly remoteNamespace?: string;
  /** Snapshot schedules (snapshot-based mirroring). @default - none */
  readonly snapshotSchedules?: CephBlockPoolRadosNamespaceSnapshotScheduleProps[];
}

/** Props of {@link CephBlockPoolRadosNamespace}. */
export interface CephBlockPoolRadosNamespaceProps {
  /** The pool: a CephBlockPool of this site, or a CephBlockPool name together with `cluster` (an ExternalCluster's `rbdPools` too). */
  readonly blockPool: ICephBlockPool | string;
  /** The cluster of the pool. Required when `blockPool` is a name. @default - the cluster of `blockPool` */
  readonly cluster?: ICephCluster;
  /** Name of the CephBlockPoolRadosNamespace object (DNS-1123 label). @default - the construct id */
  readonly name?: string;
  /** Name of the RADOS namespace in the pool (`spec.name`). @default - the object name */
  readonly namespaceName?: string;
  /**
   * CSI clusterID of the namespace (`spec.clusterID`, at most 36 of letters, digits, "_", "-"); its RBD classes carry
   * it. Must be unique among the site's RADOS namespaces and subvolume groups and no CephCluster namespace.
   * @default - the value the operator would derive itself: sha256 of `<namespace>-<pool>-block-<radosNamespace>`, first 32 hex digits
   */
  readonly clusterID?: string;
  /** RBD mirroring of the namespace. @default - not mirrored */
  readonly mirroring?: CephBlockPoolRadosNamespaceMirroringProps;
}
const _radosNamespaceProps: PropsMatch<CephBlockPoolRadosNamespaceProps, z.input<typeof schema>> = true;
/** Props of {@link CephBlockPool.addRadosNamespace}: those of {@link CephBlockPoolRadosNamespaceProps} but the pool and the cluster, which the parent supplies. */
export interface CephBlockPoolRadosNamespaceOptions extends Omit<CephBlockPoolRadosNamespaceProps, 'blockPool' | 'cluster'> {}
const _radosNamespaceMirroringProps: PropsMatch<CephBlockPoolRadosNamespaceMirroringProps, z.input<typeof mirroringSchema>> = true;

/**
 * A `CephBlockPoolRadosNamespace` (Rook 1.20): a RADOS namespace in a block pool with its own CSI `clusterID`. A
 * `CephRbdStorageClass` with `radosNamespace` provisions its images there. Data-bearing: deleting the object deletes
 * the namespace, so the GitOps engine never prunes it.
 */
export class CephBlockPoolRadosNamespace extends RookResource<InstanceType<typeof CephBlockPoolRadosNamespaceL1>> implements ITenantClusterId, ICephBlockPoolRadosNamespace {
  static { brandCephBlockPoolRadosNamespace(this); }

  /** metadata.name of the CephBlockPoolRadosNamespace. */
  public readonly objectName: string;
  /** The RADOS namespace's name in the pool. */
  public readonly namespaceName: string;
  /** Name of the CephBlockPool (= Ceph pool) the namespace is in. */
  public readonly blockPoolName: string;
  /** The CephBlockPool construct, when the pool was given as one. */
  public readonly blockPool?: ICephBlockPool;
  public readonly cluster: ICephCluster;
  public declare readonly namespace: string;
  /** CSI clusterID (`spec.clusterID`); RBD classes of the namespace carry it. */
  public readonly clusterID: string;
  public readonly mirrored: boolean;
  public readonly description: string;
  public declare readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: CephBlockPoolRadosNamespaceProps) {
    super(scope, id);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireFeature(site.versions, 'cephRadosNamespace', this.node.path, 'pin Rook 1.20.6 on the Site, or give tenants their own pool on this version');
    const p = parseProps(this.node.path, schema, props);
    const pool = isCephBlockPool(p.blockPool) ? p.blockPool : undefined;
    const cluster = p.cluster ?? pool?.cluster;
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: blockPool is given by name', value: p.blockPool, allowed: 'a CephBlockPool, or a pool name with cluster', fix: 'pass cluster: <RookCluster|ExternalCluster>, or pass the CephBlockPool object as blockPool' });
    }
    if (pool && p.cluster && p.cluster !== pool.cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: `pool "${pool.poolName}" belongs to cluster "${pool.cluster.clusterName}", not to "${p.cluster.clusterName}"`, value: p.cluster.clusterName, allowed: `"${pool.cluster.clusterName}"`, fix: 'drop cluster (it is taken from the pool)' });
    }
    this.blockPool = pool;
    this.cluster = cluster;
    const namespace = cluster.namespace;
    this.blockPoolName = pool ? pool.poolName : (p.blockPool as string);
    this.objectName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephBlockPoolRadosNamespace');
    this.namespaceName = p.namespaceName ?? this.objectName;
    this.clusterID = p.clusterID ?? rookDerivedClusterId(`${namespace}-${this.blockPoolName}-block-${this.namespaceName}`);
    this.mirrored = p.mirroring !== undefined;
    this.description = `CephBlockPoolRadosNamespace "${this.objectName}"`;
    markTenant(this);
    this.createResource(CephBlockPoolRadosNamespaceL1, { name: this.objectName, namespace }, {
      spec: {
        name: p.namespaceName,
        blockPoolName: this.blockPoolName,
        clusterId: this.clusterID,
        mirroring: p.mirroring && { ...p.mirroring, mode: p.mirroring.mode as CephBlockPoolRadosNamespaceSpecMirroringMode },
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => [...this.checkPool(site), ...tenantClusterIdProblems(this, site)] });
  }

  private checkPool(site: Site): string[] {
    const path = `${this.node.path}: blockPool`;
    const local = site.node.findAll().filter(isCephBlockPool).filter((b) => b.namespace === this.namespace);
    const allowed = () => {
      const names = [...local.map((b) => `"${b.poolName}"`), ...(this.cluster.knownPools ?? []).map((n) => `"${n}"`)];
      return names.length ? names.join(', ') : `(this site has no pools in namespace "${this.namespace}")`;
    };
    if (this.blockPool && Site.of(this.blockPool) !== site) {
      return [new ConfigError({ path, problem: `pool "${this.blockPoolName}" is a CephBlockPool of site "${Site.of(this.blockPool).siteName}", not of this site "${site.siteName}"`, value: this.blockPool.node.path, allowed: allowed(), fix: 'create the pool in this site (or the namespace in the other site)' }).message];
    }
    const bp = local.find((b) => b.poolName === this.blockPoolName);
    if (!bp && !this.cluster.knownPools?.includes(this.blockPoolName)) {
      return [new ConfigError({
        path,
        problem: `pool "${this.blockPoolName}" does not exist in cluster namespace "${this.namespace}" of this site; the namespace would never be created and its PVCs would stay Pending`,
        value: this.blockPoolName,
        allowed: allowed(),
        fix: this.cluster.external ? 'add the pool to rbdPools of the ExternalCluster, or name a listed one' : `add the pool (cluster.addPool('${this.blockPoolName}', ...)) or name an existing one`,
      }).message];
    }
    if (bp?.isErasureCoded) {
      return [new ConfigError({ path, problem: `pool "${bp.poolName}" is erasure-coded; RBD keeps image metadata (omap) in the namespace's pool, which must be replicated`, value: bp.poolName, allowed: local.filter((b) => !b.isErasureCoded).map((b) => `"${b.poolName}"`).join(', ') || '(no replicated pools)', fix: 'put the namespace in a replicated pool; the class can still name an erasure-coded dataPool' }).message];
    }
    if (this.mirrored && bp && !bp.mirrored) {
      return [new ConfigError({ path: `${this.node.path}: mirroring`, problem: `the namespace is mirrored but its pool "${bp.poolName}" is not; Rook mirrors a namespace only in a mirrored pool`, value: bp.poolName, allowed: local.filter((b) => b.mirrored).map((b) => `"${b.poolName}"`).join(', ') || '(no mirrored pools)', fix: `add mirroring: { mode: 'image' } to pool "${bp.poolName}"` }).message];
    }
    return [];
  }

  /** Adds an RBD StorageClass whose images are provisioned in this RADOS namespace (its clusterID and pool). */
  public addStorageClass(id: string, options: CephRbdStorageClassOptions = {}): CephRbdStorageClass {
    return new CephRbdStorageClass(this, id, { ...options, radosNamespace: this });
  }

  /** Adds a VolumeSnapshotClass for the images of this RADOS namespace (its clusterID). */
  public addSnapshotClass(id: string, options: CephRbdSnapshotClassOptions = {}): CephRbdSnapshotClass {
    return new CephRbdSnapshotClass(this, id, { ...options, cluster: this.cluster, radosNamespace: this });
  }
}
