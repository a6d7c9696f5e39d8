import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../foundation/errors';
import { requireSameSite } from '../site/guards';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { cephCsiClassShape, cephCsiSecretParameters, checkClusterId, csiOptionList, StorageClassConstruct, storageClassShape, SnapshotClassConstruct, snapshotClassShape } from '../site/storage-class';
import { hasFeature, requireFeature, requireFieldFeature } from '../versions';
import { ICephBlockPool, ICephBlockPoolRadosNamespace, isCephBlockPool, isCephBlockPoolRadosNamespace } from './pool-ref';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { CephCsiStorageClassBaseProps, StorageClassBaseProps, SnapshotClassBaseProps } from '../site/common-props';
import { PropsMatch } from '../foundation/props-check';
import { zBranded } from '../foundation/brand';

export const RBD_IMAGE_FEATURES = ['layering', 'exclusive-lock', 'object-map', 'fast-diff', 'deep-flatten', 'journaling'] as const;

/**
 * A CephBlockPool, or a pool by its Ceph name. Ceph pool names may contain "_" and "." (external clusters often
 * have e.g. "rbd_ssd"); names of local pools are checked against the site's BlockPools at synth.
 */
const poolRef = z.union([zBranded('CephBlockPool', isCephBlockPool), z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'not a Ceph pool name (letters, digits, ".", "_", "-")' })]);

const schema = z.strictObject({
  ...storageClassShape,
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }).optional(),
  pool: poolRef.optional(),
  radosNamespace: zBranded('CephBlockPoolRadosNamespace', isCephBlockPoolRadosNamespace).optional(),
  dataPool: poolRef.optional(),
  imageFeatures: z.array(z.enum(RBD_IMAGE_FEATURES)).min(1).default(['layering']),
  fsType: z.enum(['ext4', 'xfs']).default('ext4'),
  mounter: z.enum(['krbd', 'rbd-nbd']).optional(),
  mapOptions: csiOptionList.optional(),
  unmapOptions: csiOptionList.optional(),
  encrypted: z.boolean().optional(),
  encryptionKMSID: z.string().min(1).optional(),
  ...cephCsiClassShape('rbd'),
}).superRefine((p, ctx) => {
  if (p.encryptionKMSID !== undefined && p.encrypted !== true) {
    ctx.addIssue({ code: 'custom', path: ['encryptionKMSID'], message: 'encryptionKMSID names the KMS of encrypted volumes, but encrypted is not true; ceph-csi would ignore it and write the images unencrypted', params: { allowed: 'encryptionKMSID together with encrypted: true', fix: 'set encrypted: true, or remove encryptionKMSID' } });
  }
  if (p.pool === undefined && p.radosNamespace === undefined) {
    ctx.addIssue({ code: 'custom', path: ['pool'], message: 'an RBD class needs a pool (or a radosNamespace, whose pool it then uses)', params: { allowed: 'pool: <CephBlockPool|name>, or radosNamespace: <CephBlockPoolRadosNamespace>', fix: 'set pool, e.g. pool: cluster.addPool(\'replicapool\', { replicated: { size: 3 } })' } });
  }
});

/** An RBD image feature. */
export type RbdImageFeature = (typeof RBD_IMAGE_FEATURES)[number];

/** Props of {@link CephRbdStorageClass}. */
export interface CephRbdStorageClassProps extends StorageClassBaseProps, CephCsiStorageClassBaseProps {
  /** The cluster of the pools. Required when `pool` is a name. @default - the cluster of `pool` when that is a CephBlockPool */
  readonly cluster?: ICephCluster;
  /**
   * Replicated pool holding the images (with `dataPool`: only their metadata): a CephBlockPool, or a Ceph pool name.
   * Required unless `radosNamespace` is set. @default - the pool of `radosNamespace`
   */
  readonly pool?: ICephBlockPool | string;
  /**
   * Provision the images in this RADOS namespace (Rook 1.20): the class then carries the namespace's `clusterID`
   * (an explicit `clusterID` must equal it) and its pool. @default - none, the pool's default namespace
   */
  readonly radosNamespace?: ICephBlockPoolRadosNamespace;
  /** Erasure-coded pool holding the image data; `pool` must then be replicated. @default - none, data in `pool` */
  readonly dataPool?: ICephBlockPool | string;
  /** RBD image features, at least one. @default ['layering'] */
  readonly imageFeatures?: RbdImageFeature[];
  /** Filesystem of Filesystem-mode volumes. @default 'ext4' */
  readonly fsType?: 'ext4' | 'xfs';
  /** How nodes map the images: the kernel client ('krbd') or 'rbd-nbd' (userspace). @default - krbd (ceph-csi's default) */
  readonly mounter?: 'krbd' | 'rbd-nbd';
  /** Options of the map step, e.g. "lock_on_read,queue_depth=1024". Rook 1.7+. @default - none */
  readonly mapOptions?: string;
  /** Options of the unmap step, e.g. "force". Rook 1.7+. @default - none */
  readonly unmapOptions?: string;
  /** Encrypt the volumes with LUKS on the node. Rook 1.7+. @default - not encrypted */
  readonly encrypted?: boolean;
  /** ID of the KMS (in the CSI KMS config) that keeps the encryption keys; needs `encrypted: true`. Rook 1.7+. @default - keys in the image metadata */
  readonly encryptionKMSID?: string;
}
const _cephRbdStorageClassProps: PropsMatch<CephRbdStorageClassProps, z.input<typeof schema>> = true;
/** Props of {@link CephBlockPool.addStorageClass} and {@link CephBlockPoolRadosNamespace.addStorageClass}: those of {@link CephRbdStorageClassProps} but the cluster, the pool and the RADOS namespace, which the parent supplies. */
export interface CephRbdStorageClassOptions extends Omit<CephRbdStorageClassProps, 'cluster' | 'pool' | 'radosNamespace'> {}

/**
 * The clusterID of a class in a RADOS namespace is the namespace's (the ClientProfile the operator writes for it);
 * the class's pool and cluster must be the namespace's.
 */
function checkRadosNamespaceClass(path: string, p: { clusterID?: string; pool?: ICephBlockPool | string }, rns: ICephBlockPoolRadosNamespace, cluster: ICephCluster): string {
  if (p.clusterID !== undefined && p.clusterID !== rns.clusterID) {
    throw new ConfigError({
      path: `${path}: clusterID`,
      problem: `clusterID "${p.clusterID}" is not the clusterID of RADOS namespace "${rns.objectName}"; ceph-csi would look up the wrong ClientProfile and create the images outside the namespace (or fail with "clusterID not found")`,
      value: p.clusterID,
      allowed: `"${rns.clusterID}" (spec.clusterID of ${rns.description})`,
      fix: 'remove clusterID: a class with radosNamespace carries the namespace\'s clusterID',
    });
  }
  if (cluster !== rns.cluster) {
    throw new ConfigError({ path: `${path}: cluster`, problem: `RADOS namespace "${rns.objectName}" belongs to cluster "${rns.cluster.clusterName}", not to "${cluster.clusterName}"`, value: cluster.clusterName, allowed: `"${rns.cluster.clusterName}"`, fix: 'drop cluster (it is taken from the namespace)' });
  }
  const poolName = p.pool === undefined ? undefined : isCephBlockPool(p.pool) ? p.pool.poolName : p.pool;
  if (poolName !== undefined && poolName !== rns.blockPoolName) {
    throw new ConfigError({ path: `${path}: pool`, problem: `pool "${poolName}" is not the pool of RADOS namespace "${rns.objectName}" ("${rns.blockPoolName}"); the images would go to a namespace that pool does not have`, value: poolName, allowed: `"${rns.blockPoolName}"`, fix: 'drop pool (it is taken from the namespace)' });
  }
  return rns.clusterID;
}

/** A Ceph RBD (CSI) StorageClass, checked against the pools and cluster of the site. */
export class CephRbdStorageClass extends StorageClassConstruct {
  public readonly provisioner: string;
  public readonly cluster: ICephCluster;
  /** The RADOS namespace the images go to, when one is set. */
  public readonly radosNamespace?: ICephBlockPoolRadosNamespace;
  private readonly config: z.output<typeof schema>;

  constructor(scope: Construct, id: string, props: CephRbdStorageClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema, props);
    this.config = p;
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    requireSameSite(this, 'pool', p.pool, 'pool');
    requireSameSite(this, 'dataPool', p.dataPool, 'pool');
    requireSameSite(this, 'radosNamespace', p.radosNamespace, 'CephBlockPoolRadosNamespace');
    const rns = p.radosNamespace;
    const cluster = p.cluster ?? (isCephBlockPool(p.pool) ? p.pool.cluster : undefined) ?? rns?.cluster;
    if (!cluster) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'the cluster is unknown: pool is given by name', fix: 'pass cluster: <RookCluster|ExternalCluster>, or pass the CephBlockPool object as pool' });
    }
    this.cluster = cluster;
    this.nameClass(p.name);
    const clusterID = rns ? checkRadosNamespaceClass(this.node.path, p, rns, cluster) : checkClusterId(this.node.path, p.clusterID, cluster);
    this.radosNamespace = rns;
    this.provisioner = `${p.operatorNamespace ?? cluster.operatorNamespace}.rbd.csi.ceph.com`;
    const ns = cluster.namespace;
    const publishSecret = hasFeature(site.versions, 'rbdControllerPublishSecret');
    // Rook 1.1 (ceph-csi v1.2) runs no csi-resizer: no expand secret, and the class does not claim expansion
    const expand = hasFeature(site.versions, 'csiVolumeExpansion');
    if (props.allowVolumeExpansion === true) requireFieldFeature(site.versions, 'csiVolumeExpansion', this.node.path, 'allowVolumeExpansion', true, 'remove allowVolumeExpansion (Rook 1.1 cannot grow CSI volumes), or pin Rook 1.2 or later');
    for (const field of ['mapOptions', 'unmapOptions', 'encrypted', 'encryptionKMSID'] as const) {
      requireFieldFeature(site.versions, 'rbdClassNodeOptions', this.node.path, field, p[field]);
    }
    const poolName = (x: ICephBlockPool | string) => (isCephBlockPool(x) ? x.poolName : x);
    this.createStorageClass({
      ...p,
      allowVolumeExpansion: expand ? p.allowVolumeExpansion : undefined,
      provisioner: this.provisioner,
      parameters: {
        'clusterID': clusterID,
        'pool': poolName(p.pool ?? rns!.blockPool ?? rns!.blockPoolName),
        'dataPool': p.dataPool ? poolName(p.dataPool) : undefined,
        'imageFormat': '2',
        'imageFeatures': p.imageFeatures.join(','),
        // no controller-publish secret in the RBD examples up to Rook 1.7
        ...cephCsiSecretParameters({ provisionerSecret: p.provisionerSecretName, nodeSecret: p.nodeSecretName, namespace: ns, controllerPublish: publishSecret, controllerExpand: expand }),
        'csi.storage.k8s.io/fstype': p.fsType,
        'mounter': p.mounter,
        'mapOptions': p.mapOptions,
        'unmapOptions': p.unmapOptions,
        'encrypted': p.encrypted === undefined ? undefined : String(p.encrypted),
        'encryptionKMSID': p.encryptionKMSID,
        ...p.parameters,
      },
    });
    this.node.addValidation({ validate: () => this.checkPools(site) });
  }

  /** Names of the pools this class uses. */
  public get poolNames(): { pool: string; dataPool?: string } {
    const n = (x: ICephBlockPool | string) => (isCephBlockPool(x) ? x.poolName : x);
    return { pool: n(this.config.pool ?? this.config.radosNamespace!.blockPool ?? this.config.radosNamespace!.blockPoolName), dataPool: this.config.dataPool ? n(this.config.dataPool) : undefined };
  }

  private checkPools(site: Site): string[] {
    const out: string[] = [];
    const pools = site.node.findAll().filter(isCephBlockPool).filter((b) => b.namespace === this.cluster.namespace);
    const find = (name: string) => pools.find((b) => b.poolName === name);
    const known = [...pools.map((b) => b.poolName), ...(this.cluster.knownPools ?? [])];
    const check = (field: 'pool' | 'dataPool', name: string | undefined, wantEc: boolean) => {
      if (!name) return;
      const bp = find(name);
      if (!bp) {
        if (this.cluster.knownPools?.includes(name)) return;
        out.push(new ConfigError({
          path: `${this.node.path}: ${field}`,
          problem: this.cluster.external
            ? `pool "${name}" is not listed in rbdPools of external cluster "${this.cluster.clusterName}"; PVCs would stay Pending with "pool not found"`
            : `pool "${name}" does not exist in cluster namespace "${this.cluster.namespace}" of this site; PVCs would stay Pending with "pool not found"`,
          value: name,
          allowed: known.length ? known.map((k) => `"${k}"`).join(', ') : this.cluster.external ? '(the external cluster lists no rbdPools)' : '(the site has no pools in that namespace)',
          fix: this.cluster.external
            ? `add "${name}" to rbdPools of the ExternalCluster if the external cluster has it (\`ceph osd pool ls\`), or name a listed pool`
            : `add the pool (cluster.addPool('${name}', ...)) or name an existing one`,
        }).message);
        return;
      }
      if (wantEc && !bp.isErasureCoded) {
        out.push(new ConfigError({ path: `${this.node.path}: dataPool`, problem: `dataPool "${name}" is replicated; dataPool is for the erasure-coded data pool`, value: name, allowed: pools.filter((b) => b.isErasureCoded).map((b) => `"${b.poolName}"`).join(', ') || '(no erasure-coded pools)', fix: 'name an erasureCoded pool as dataPool, or drop dataPool' }).message);
      }
      if (!wantEc && bp.isErasureCoded) {
        out.push(new ConfigError({
          path: `${this.node.path}: pool`,
          problem: `pool "${name}" is erasure-coded; RBD keeps image metadata (omap) in "pool", which must be replicated`,
          value: name,
          allowed: pools.filter((b) => !b.isErasureCoded).map((b) => `"${b.poolName}"`).join(', ') || '(no replicated pools)',
          fix: `set pool to a replicated pool and dataPool: "${name}"`,
        }).message);
      }
    };
    const names = this.poolNames;
    check('pool', names.pool, false);
    check('dataPool', names.dataPool, true);
    return out;
  }
}

/** A VolumeSnapshotClass for Ceph RBD volumes. Needs the snapshot CRDs (external-snapshotter). */
export interface CephRbdSnapshotClassProps extends SnapshotClassBaseProps {
  /** The cluster whose RBD images are snapshotted. */
  readonly cluster: ICephCluster;
  /** Secret (in the cluster namespace) with the credentials the snapshotter uses. @default 'rook-csi-rbd-provisioner' */
  readonly secretName?: string;
  /**
   * Snapshots of the images of this RADOS namespace: ceph-csi places a snapshot by the class's clusterID, so the class
   * carries the namespace's. @default - none, the cluster's clusterID
   */
  readonly radosNamespace?: ICephBlockPoolRadosNamespace;
}

const snapshotSchema = z.strictObject({
  ...snapshotClassShape,
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  secretName: dnsName.default('rook-csi-rbd-provisioner'),
  radosNamespace: zBranded('CephBlockPoolRadosNamespace', isCephBlockPoolRadosNamespace).optional(),
});
const _cephRbdSnapshotClassProps: PropsMatch<CephRbdSnapshotClassProps, z.input<typeof snapshotSchema>> = true;
/** Props of {@link CephBlockPoolRadosNamespace.addSnapshotClass}: those of {@link CephRbdSnapshotClassProps} but the cluster and the RADOS namespace, which the parent supplies. */
export interface CephRbdSnapshotClassOptions extends Omit<CephRbdSnapshotClassProps, 'cluster' | 'radosNamespace'> {}

export class CephRbdSnapshotClass extends SnapshotClassConstruct {
  public readonly driver: string;
  constructor(scope: Construct, id: string, props: CephRbdSnapshotClassProps) {
    super(scope, id);
    const p = parseProps(this.node.path, snapshotSchema, props);
    const site = Site.of(this);
    site.requireRook(this.node.path);
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.nameClass(p.name);
    requireFeature(site.versions, 'volumeSnapshotV1', `${this.node.path}`, 'VolumeSnapshotClass snapshot.storage.k8s.io/v1 needs Kubernetes 1.20 or later');
    if (p.radosNamespace && p.radosNamespace.cluster !== p.cluster) {
      throw new ConfigError({ path: `${this.node.path}: radosNamespace`, problem: `RADOS namespace "${p.radosNamespace.objectName}" belongs to cluster "${p.radosNamespace.cluster.clusterName}", not to "${p.cluster.clusterName}"`, value: p.radosNamespace.objectName, allowed: `a CephBlockPoolRadosNamespace of cluster "${p.cluster.clusterName}"`, fix: 'pass the cluster of the namespace' });
    }
    this.driver = `${p.cluster.operatorNamespace}.rbd.csi.ceph.com`;
    this.createSnapshotClass({
      isDefault: p.isDefault,
      deletionPolicy: p.deletionPolicy,
      parameters: {
        'clusterID': p.radosNamespace?.clusterID ?? p.cluster.namespace,
        'csi.storage.k8s.io/snapshotter-secret-name': p.secretName,
        'csi.storage.k8s.io/snapshotter-secret-namespace': p.cluster.namespace,
      },
    });
  }
}
