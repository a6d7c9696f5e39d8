import { ApiObject } from 'cdk8s';
import { CephFilesystemSpecDataPoolsCompressionMode, CephFilesystemSpecMetadataPoolCompressionMode } from '../../imports/ceph.rook.io';
import { CephFilesystem as CephFilesystemL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephFsSnapshotClass, CephFsSnapshotClassOptions } from './ceph-fs-snapshot-class';
import { CephFsStorageClass, CephFsStorageClassOptions } from './ceph-fs-storage-class';
import { CephFilesystemSubVolumeGroup, CephFilesystemSubVolumeGroupOptions } from './ceph-filesystem-sub-volume-group';
import { ConfigError, parseProps } from '../foundation/errors';
import { nameOrId, requireSameSite } from '../site/guards';
import { dnsLabel, dnsName, k8sObject, labels, placement, resourceRequirements } from '../foundation/props';
import { Site } from '../site/site';
import { hasFeature, requireFeature, requireFieldFeature } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { brandCephFilesystem, ICephFilesystem } from './filesystem-ref';
import { PodPlacementProps, ResourceRequirementsProps } from '../site/common-props';
import { checkErasureCodedMsr, checkErasureCodedMsrForVersion, CrushFailureDomain, erasureCodedMsrFields, renderErasureCoded } from './ceph-block-pool';
import { probeSchema } from './cluster/health';
import { PropsMatch } from '../foundation/props-check';
import { stringMap } from '../foundation/unique';
import { RookResource } from './rook-resource';

const FAILURE_DOMAINS = ['osd', 'host', 'chassis', 'rack', 'row', 'pdu', 'pod', 'room', 'datacenter', 'zone', 'region', 'root'] as const;

/**
 * Fields of a filesystem pool (same as a CephBlockPool spec). Replicated XOR erasure-coded. `safeSize`: the default of
 * requireSafeReplicaSize on the site's line — true, or false on Rook v1.2.7, whose CRD has no such field (Ceph 14
 * accepts size 1, so the size-1 rule, whose fix is that field, does not apply there). The default is applied here, once.
 */
const poolFieldsFor = (safeSize: boolean) => ({
  failureDomain: z.enum(FAILURE_DOMAINS).default('host'),
  replicated: z.strictObject({ size: z.number().int().min(1).max(9), requireSafeReplicaSize: z.boolean().default(safeSize) }).optional(),
  erasureCoded: z.strictObject({ dataChunks: z.number().int().min(2), codingChunks: z.number().int().min(1), ...erasureCodedMsrFields }).optional(),
  deviceClass: z.string().min(1).optional(),
  compressionMode: z.enum(['none', 'passive', 'aggressive', 'force']).optional(),
  parameters: stringMap.optional(),
});

/** The checks every filesystem pool gets; `at` is the path of the pool in the props. */
function checkPool(p: { replicated?: { size: number; requireSafeReplicaSize: boolean }; erasureCoded?: { dataChunks: number; codingChunks: number; crushNumFailureDomains?: number; crushOSDsPerFailureDomain?: number } }, ctx: z.RefinementCtx, at: (string | number)[]): void {
  if (p.erasureCoded) checkErasureCodedMsr(p.erasureCoded, ctx, [...at, 'erasureCoded']);
  if (!!p.replicated === !!p.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: [...at, 'replicated'], message: p.replicated ? 'a pool is either replicated or erasure-coded, not both' : 'a pool needs replicated or erasureCoded', params: { allowed: 'exactly one of replicated / erasureCoded', fix: 'e.g. replicated: { size: 3 }' } });
  }
  if (p.replicated?.size === 1 && p.replicated.requireSafeReplicaSize) {
    ctx.addIssue({ code: 'custom', path: [...at, 'replicated', 'size'], message: 'size 1 keeps a single copy; Ceph refuses it while requireSafeReplicaSize is true', params: { allowed: 'size >= 2, or requireSafeReplicaSize: false (test clusters only)', fix: 'use size: 3' } });
  }
}

const fsPoolFor = (safeSize: boolean) => z.strictObject(poolFieldsFor(safeSize)).superRefine((p, ctx) => checkPool(p, ctx, []));
const fsPool = fsPoolFor(true);

const fsMirroringSchema = z.strictObject({
  enabled: z.boolean().default(true),
  peers: z.strictObject({ secretNames: z.array(dnsName).min(1) }).optional(),
  snapshotSchedules: z.array(z.strictObject({ path: z.string().startsWith('/'), interval: z.string().regex(/^[0-9]+[mhdwMy]$/, { message: 'not an interval like "24h"' }), startTime: z.string().min(1).optional() })).optional(),
  snapshotRetention: z.array(z.strictObject({ path: z.string().startsWith('/'), duration: z.string().regex(/^[0-9]+ ?[hdwmy]$/, { message: 'not a retention like "7d"' }) })).optional(),
});

/** The handle of a data pool: its name, or `data<i>` for an unnamed one (Rook names that Ceph pool `<fs>-data<i>`). */
export function dataPoolHandle(pool: { name?: string }, index: number): string {
  return pool.name ?? `data${index}`;
}

/** The props of a CephFilesystem on a line whose requireSafeReplicaSize default is `safeSize` (see poolFieldsFor). */
const filesystemSchemaFor = (safeSize: boolean) => z.strictObject({
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  name: dnsLabel.optional(),
  metadataPool: fsPoolFor(safeSize).default({ failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: safeSize } }),
  dataPools: z.array(z.strictObject({
    name: dnsLabel.optional(),
    ...poolFieldsFor(safeSize),
  })).min(1).default([{ name: 'replicated', failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: safeSize } }]),
  activeCount: z.number().int().min(1).max(50).default(1),
  activeStandby: z.boolean().default(true),
  preserveFilesystemOnDelete: z.boolean().default(true),
  preservePoolsOnDelete: z.boolean().optional(),
  mdsPlacement: placement.optional(),
  mdsResources: resourceRequirements.optional(),
  mdsPriorityClassName: dnsName.optional(),
  mdsAnnotations: k8sObject.optional(),
  mdsLabels: labels.optional(),
  mdsLivenessProbe: probeSchema.optional(),
  mdsStartupProbe: probeSchema.optional(),
  mdsCacheMemoryLimitFactor: z.number().min(0).max(1).optional(),
  mdsCacheMemoryRequestFactor: z.number().min(0).max(1).optional(),
  mirroring: fsMirroringSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.metadataPool.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: ['metadataPool', 'erasureCoded'], message: 'the CephFS metadata pool must be replicated (Ceph refuses erasure-coded metadata pools)', params: { allowed: 'metadataPool: { replicated: { size: 3 } }', fix: 'make the metadata pool replicated; put erasure coding in a data pool after the first' } });
  }
  const seen = new Set<string>();
  p.dataPools.forEach((d, i) => {
    checkPool(d, ctx, ['dataPools', i]);
    const handle = dataPoolHandle(d, i);
    if (seen.has(handle)) {
      ctx.addIssue({ code: 'custom', path: ['dataPools', i, 'name'], message: `data pool name "${handle}" is used twice (an unnamed pool i is "data<i>"); both would be the Ceph pool "<fs>-${handle}"`, params: { allowed: 'unique names', fix: 'rename one of them' } });
    }
    seen.add(handle);
  });
  if (p.dataPools[0]?.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: ['dataPools', 0, 'erasureCoded'], message: 'the first (default) data pool of a filesystem must be replicated; CephFS keeps backtrace metadata there and Ceph refuses an erasure-coded default data pool', params: { allowed: 'a replicated first data pool, erasure-coded pools after it', fix: 'insert { name: "replicated", replicated: { size: 3 } } before the erasure-coded pool (filesystem-ec.yaml\'s layout), and point StorageClasses at the erasure-coded pool with dataPool' } });
  }
});

export const cephFilesystemSchema = filesystemSchemaFor(true);
/** Rook v1.2.7 (no requireSafeReplicaSize in the CRD): the same props with that field's default false. */
const legacyFilesystemSchema = filesystemSchemaFor(false);

/** Replication of a filesystem pool. */
export interface CephFilesystemPoolReplicatedProps {
  /** Number of copies of every object, 1..9 (3 for production). */
  readonly size: number;
  /** Refuse sizes that cannot survive a failure (size 1); set false only for test clusters. @default true */
  readonly requireSafeReplicaSize?: boolean;
}

/** Erasure coding of a filesystem data pool. */
export interface CephFilesystemPoolErasureCodedProps {
  /** Data chunks per object; at least 2. */
  readonly dataChunks: number;
  /** Coding chunks per object (the number of failures survived); at least 1. */
  readonly codingChunks: number;
  /** Failure domains the chunks are spread over (an MSR CRUSH rule); set with crushOSDsPerFailureDomain. Rook v1.20. @default - one chunk per failure domain */
  readonly crushNumFailureDomains?: number;
  /** Most chunks (OSDs) per failure domain; set with crushNumFailureDomains. Rook v1.20. @default - one chunk per failure domain */
  readonly crushOSDsPerFailureDomain?: number;
  /** Stripe unit of the erasure-code profile: '4Ki', '16Ki', '64Ki', '256Ki' or '1Mi'. Rook v1.20. @default - Ceph's default */
  readonly stripeUnit?: '4Ki' | '16Ki' | '64Ki' | '256Ki' | '1Mi';
}

/** A pool of a CephFilesystem: exactly one of `replicated` and `erasureCoded`. */
export interface CephFilesystemPoolProps {
  /** CRUSH failure domain the copies or chunks are spread across. @default 'host' */
  readonly failureDomain?: CrushFailureDomain;
  /** Replicated pool. Required unless `erasureCoded` is set. @default - none */
  readonly replicated?: CephFilesystemPoolReplicatedProps;
  /** Erasure-coded pool; data pools after the first only. @default - none */
  readonly erasureCoded?: CephFilesystemPoolErasureCodedProps;
  /** OSD device class the pool is limited to ('hdd', 'ssd', 'nvme' or a custom class). @default - every class */
  readonly deviceClass?: string;
  /** Inline compression of the BlueStore OSDs. @default - none (Ceph's default) */
  readonly compressionMode?: 'none' | 'passive' | 'aggressive' | 'force';
  /** Ceph pool parameters (`ceph osd pool set`), as strings. @default {} */
  readonly parameters?: Record<string, string>;
}

/** A data pool of a CephFilesystem; the Ceph pool is named `<fs>-<name>`. */
export interface CephFilesystemDataPoolProps extends CephFilesystemPoolProps {
  /**
   * Name of the pool within the filesystem (DNS-1123 label), e.g. 'replicated' or 'ec'. Rook 1.8+ writes it; before,
   * and for an unnamed pool, Rook names the Ceph pool `<fs>-data<i>` and StorageClasses refer to it as `data<i>`.
   * @default - unnamed: `data<i>` (i = position in dataPools)
   */
  readonly name?: string;
}

/** An MDS health probe (`metadataServer.livenessProbe` / `startupProbe`). */
export interface CephFilesystemMdsProbeProps {
  /** Turn the probe off. @default - on (the operator's default) */
  readonly disabled?: boolean;
  /** Probe settings that replace the operator's (a Kubernetes Probe: initialDelaySeconds, periodSeconds, ...). @default - the operator's probe */
  readonly probe?: Record<string, unknown>;
}

/** Bootstrap peers of a mirrored filesystem. */
export interface CephFilesystemMirroringPeersProps {
  /** Secrets (in the cluster namespace) holding the peer clusters' bootstrap tokens; references only, never the token. */
  readonly secretNames: string[];
}

/** A snapshot schedule of a mirrored filesystem path. */
export interface CephFilesystemSnapshotScheduleProps {
  /** Absolute path in the filesystem, e.g. "/". */
  readonly path: string;
  /** Interval such as "24h". */
  readonly interval: string;
  /** ISO 8601 start time. @default - now */
  readonly startTime?: string;
}

/** How long the snapshots of a path are kept. */
export interface CephFilesystemSnapshotRetentionProps {
  /** Absolute path in the filesystem, e.g. "/". */
  readonly path: string;
  /** Retention such as "7d" (h, d, w, m, y). */
  readonly duration: string;
}

/** CephFS snapshot mirroring (`filesystem-mirror.yaml`); needs a `CephFilesystemMirror` daemon in the cluster. */
export interface CephFilesystemMirroringProps {
  /** Turn mirroring on. @default true */
  readonly enabled?: boolean;
  /** Peer clusters. @default - none (add peers later) */
  readonly peers?: CephFilesystemMirroringPeersProps;
  /** Snapshot schedules. @default - none */
  readonly snapshotSchedules?: CephFilesystemSnapshotScheduleProps[];
  /** Snapshot retention. @default - none */
  readonly snapshotRetention?: CephFilesystemSnapshotRetentionProps[];
}

/** Props of {@link CephFilesystem}. */
export interface CephFilesystemProps {
  /** The cluster; the filesystem goes into its namespace. */
  readonly cluster: ICephCluster;
  /** Filesystem name, also the CephFilesystem name. @default - the construct id */
  readonly name?: string;
  /** Metadata pool; must be replicated. @default { replicated: { size: 3 } } */
  readonly metadataPool?: CephFilesystemPoolProps;
  /**
   * Data pools, at least one. The first is the default data pool and must be replicated; erasure-coded
   * pools come after it. @default [{ name: 'replicated', replicated: { size: 3 } }]
   */
  readonly dataPools?: CephFilesystemDataPoolProps[];
  /** Active MDS daemons, one per rank, 1..50. @default 1 */
  readonly activeCount?: number;
  /** Run a hot standby MDS for every active one. @default true */
  readonly activeStandby?: boolean;
  /** Keep the Ceph filesystem and its data when the CephFilesystem object is deleted. @default true */
  readonly preserveFilesystemOnDelete?: boolean;
  /**
   * Keep the pools when the CephFilesystem object is deleted (Rook 1.7+ also has preserveFilesystemOnDelete, which
   * keeps the filesystem; on Rook 1.2 this is the only one). @default - not written (on Rook 1.2: preserveFilesystemOnDelete)
   */
  readonly preservePoolsOnDelete?: boolean;
  /** Placement of the MDS pods. @default - none */
  readonly mdsPlacement?: PodPlacementProps;
  /** Resources of the MDS pods. @default - none */
  readonly mdsResources?: ResourceRequirementsProps;
  /** PriorityClass of the MDS pods. @default - none */
  readonly mdsPriorityClassName?: string;
  /** Annotations of the MDS pods. @default - none */
  readonly mdsAnnotations?: Record<string, unknown>;
  /** Labels of the MDS pods. Rook 1.7+. @default - none */
  readonly mdsLabels?: Record<string, string>;
  /** Liveness probe of the MDS pods. Rook 1.8+. @default - the operator's probe */
  readonly mdsLivenessProbe?: CephFilesystemMdsProbeProps;
  /** Startup probe of the MDS pods. Rook 1.8+. @default - the operator's probe */
  readonly mdsStartupProbe?: CephFilesystemMdsProbeProps;
  /** Share (0..1) of the MDS memory limit (`mdsResources.limits.memory`) given to its cache. Rook 1.20. @default - the operator's default */
  readonly mdsCacheMemoryLimitFactor?: number;
  /** Share (0..1) of the MDS memory request given to its cache when no limit is set. Rook 1.20. @default - the operator's default */
  readonly mdsCacheMemoryRequestFactor?: number;
  /** Snapshot mirroring of the filesystem to peer clusters. @default - not mirrored */
  readonly mirroring?: CephFilesystemMirroringProps;
}
const _cephFilesystemProps: PropsMatch<CephFilesystemProps, z.input<typeof cephFilesystemSchema>> = true;
/** Props of {@link RookCluster.addFilesystem}: those of {@link CephFilesystemProps} but the cluster, which is the parent. */
export interface CephFilesystemOptions extends Omit<CephFilesystemProps, 'cluster'> {}
const _cephFilesystemPoolProps: PropsMatch<CephFilesystemPoolProps, z.input<typeof fsPool>> = true;
const _cephFilesystemMdsProbeProps: PropsMatch<CephFilesystemMdsProbeProps, z.input<typeof probeSchema>> = true;
const _cephFilesystemMirroringProps: PropsMatch<CephFilesystemMirroringProps, z.input<typeof fsMirroringSchema>> = true;

/** A CephFilesystem: metadata pool, data pools, MDS count and standby. */
export class CephFilesystem extends RookResource<InstanceType<typeof CephFilesystemL1>> implements ICephFilesystem {
  static { brandCephFilesystem(this); }

  public readonly filesystemName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;
  public readonly config: z.output<typeof cephFilesystemSchema>;
  private readonly legacy: boolean;
  private readonly namedPools: boolean;

  constructor(scope: Construct, id: string, props: CephFilesystemProps) {
    super(scope, id);
    Site.of(this).requireRook(this.node.path);
    const site = Site.of(this);
    // Rook v1.2.7's CephFilesystem: data pools without names (Ceph pools "<fs>-data<i>"), preservePoolsOnDelete, and
    // pools of failureDomain + size / chunks only. The size-1 rule (whose fix is requireSafeReplicaSize) does not apply.
    const legacy = !hasFeature(site.versions, 'cephFilesystemExtendedSpec');
    const p = parseProps(this.node.path, legacy ? legacyFilesystemSchema : cephFilesystemSchema, props);
    if (legacy) checkLegacyFilesystem(site, this.node.path, props, p);
    this.legacy = legacy;
    // before Rook 1.8 the CRD has no dataPools[].name: names stay our handles, the Ceph pools are "<fs>-data<i>"
    this.namedPools = hasFeature(site.versions, 'cephFilesystemNamedDataPools');
    if (p.mirroring) requireFeature(site.versions, 'cephMirroring', `${this.node.path}: mirroring`, 'remove mirroring for this Rook version');
    checkErasureCodedMsrForVersion(site.versions, this.node.path, 'metadataPool.erasureCoded', p.metadataPool.erasureCoded);
    p.dataPools.forEach((d, i) => checkErasureCodedMsrForVersion(site.versions, this.node.path, `dataPools[${i}].erasureCoded`, d.erasureCoded));
    requireFieldFeature(site.versions, 'cephFilesystemMdsProbes', this.node.path, 'mdsLivenessProbe', p.mdsLivenessProbe);
    requireFieldFeature(site.versions, 'cephFilesystemMdsProbes', this.node.path, 'mdsStartupProbe', p.mdsStartupProbe);
    for (const field of ['mdsCacheMemoryLimitFactor', 'mdsCacheMemoryRequestFactor'] as const) {
      requireFieldFeature(site.versions, 'cephFilesystemMdsCacheFactors', this.node.path, field, p[field]);
    }
    if (p.mdsLabels) requireFeature(site.versions, 'cephFilesystemMdsLabels', `${this.node.path}: mdsLabels`, 'remove mdsLabels for this Rook version (use mdsAnnotations), or pin a version that has it');
    this.config = p;
    this.cluster = p.cluster;
    requireSameSite(this, 'cluster', p.cluster, 'cluster');
    this.filesystemName = nameOrId(this.node.path, p.name, id, dnsLabel, 'CephFilesystem');
    const namespace = p.cluster.namespace;
    // k8sObject props: the CRD's string map; values pass through the binding unchanged
    const mdsAnnotations = p.mdsAnnotations as Record<string, string> | undefined;
    this.createResource(CephFilesystemL1, { name: this.filesystemName, namespace }, {
      spec: legacy ? {
        metadataPool: legacyPool(p.metadataPool),
        dataPools: p.dataPools.map((d) => legacyPool(d)),
        preservePoolsOnDelete: p.preservePoolsOnDelete ?? p.preserveFilesystemOnDelete,
        metadataServer: { activeCount: p.activeCount, activeStandby: p.activeStandby, placement: p.mdsPlacement, resources: p.mdsResources, annotations: mdsAnnotations },
      } : {
        metadataPool: fsPoolL1<CephFilesystemSpecMetadataPoolCompressionMode>(p.metadataPool),
        dataPools: p.dataPools.map(({ name, ...pool }) => ({ ...fsPoolL1<CephFilesystemSpecDataPoolsCompressionMode>(pool), name: this.namedPools ? name : undefined })),
        preserveFilesystemOnDelete: p.preserveFilesystemOnDelete,
        preservePoolsOnDelete: p.preservePoolsOnDelete,
        mirroring: p.mirroring,
        metadataServer: {
          activeCount: p.activeCount,
          activeStandby: p.activeStandby,
          placement: p.mdsPlacement,
          resources: p.mdsResources,
          priorityClassName: p.mdsPriorityClassName,
          annotations: mdsAnnotations,
          labels: p.mdsLabels,
          livenessProbe: p.mdsLivenessProbe,
          startupProbe: p.mdsStartupProbe,
          cacheMemoryLimitFactor: p.mdsCacheMemoryLimitFactor,
          cacheMemoryRequestFactor: p.mdsCacheMemoryRequestFactor,
        },
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => this.checkHosts() });
  }

  /** Snapshot mirroring is enabled on the filesystem. */
  public get mirrored(): boolean {
    return this.config.mirroring?.enabled === true;
  }

  /** Names of the data pools (without the filesystem prefix); an unnamed pool i is `data<i>`. */
  public get dataPoolNames(): string[] {
    return this.config.dataPools.map((d, i) => dataPoolHandle(d, i));
  }

  /** Ceph pool name of a data pool: `<fs>-<name>` (unnamed pools, and every pool before Rook 1.8: `<fs>-data<index>`). */
  public cephPoolName(dataPool: string): string {
    const i = this.dataPoolNames.indexOf(dataPool);
    return !this.namedPools && i >= 0 ? `${this.filesystemName}-data${i}` : `${this.filesystemName}-${dataPool}`;
  }

  private checkHosts(): string[] {
    const hosts: string[] | undefined = typeof (this.cluster as any).knownHosts === 'function' ? (this.cluster as any).knownHosts() : undefined;
    if (!hosts) return [];
    const out: string[] = [];
    const pools: [string, z.output<typeof fsPool> | z.output<typeof cephFilesystemSchema>['dataPools'][number]][] = [['metadataPool', this.config.metadataPool], ...this.config.dataPools.map((d, i) => [`dataPools[${i}]`, d] as [string, any])];
    for (const [field, pool] of pools) {
      if (pool.failureDomain !== 'host') continue;
      const need = pool.replicated ? pool.replicated.size : pool.erasureCoded!.dataChunks + pool.erasureCoded!.codingChunks;
      if (need > hosts.length) {
        out.push(new ConfigError({
          path: `${this.node.path}: ${field}`,
          problem: `the pool needs ${need} hosts with failureDomain "host", but the site declares ${hosts.length} (${hosts.join(', ')}); placement groups would stay undersized`,
          value: pool.replicated ? pool.replicated.size : pool.erasureCoded,
          allowed: `at most ${hosts.length} hosts' worth`,
          fix: 'declare more nodes, lower the size, or use failureDomain "osd" (test clusters only)',
        }).message);
      }
    }
    return out;
  }

  /** Adds a CephFS StorageClass whose volumes live in this filesystem. */
  public addStorageClass(id: string, options: CephFsStorageClassOptions = {}): CephFsStorageClass {
    return new CephFsStorageClass(this, id, { ...options, filesystem: this });
  }

  /** Adds a CephFilesystemSubVolumeGroup in this filesystem (Rook 1.20). */
  public addSubVolumeGroup(id: string, options: CephFilesystemSubVolumeGroupOptions = {}): CephFilesystemSubVolumeGroup {
    return new CephFilesystemSubVolumeGroup(this, id, { ...options, filesystem: this });
  }

  /** Adds a VolumeSnapshotClass for the CephFS volumes of this filesystem's cluster. */
  public addSnapshotClass(id: string, options: CephFsSnapshotClassOptions = {}): CephFsSnapshotClass {
    return new CephFsSnapshotClass(this, id, { ...options, cluster: this.cluster });
  }
}

type FsPoolConfig = z.output<typeof fsPool>;

/** A filesystem pool as the v1.2.7 CRD declares it: failureDomain, replicated.size, erasureCoded chunks. */
function legacyPool(pool: FsPoolConfig) {
  return { failureDomain: pool.failureDomain, replicated: pool.replicated && { size: pool.replicated.size }, erasureCoded: pool.erasureCoded && renderErasureCoded(pool.erasureCoded) };
}

/** A filesystem pool in the typed binding's shape; `C` is the compressionMode enum of the field it goes to. */
function fsPoolL1<C>(pool: FsPoolConfig) {
  return { ...pool, erasureCoded: pool.erasureCoded && renderErasureCoded(pool.erasureCoded), compressionMode: pool.compressionMode as C | undefined };
}

/** Explicit settings the v1.2.7 CephFilesystem CRD does not declare are errors (defaults are left out). */
function checkLegacyFilesystem(site: Site, path: string, raw: CephFilesystemProps, p: z.output<typeof cephFilesystemSchema>): void {
  const pools: [string, CephFilesystemPoolProps | undefined][] = [['metadataPool', raw.metadataPool], ...(raw.dataPools ?? []).map((d, i) => [`dataPools[${i}]`, d] as [string, CephFilesystemPoolProps])];
  const fields: [unknown, string][] = [[raw.mdsPriorityClassName, 'mdsPriorityClassName'], [p.activeCount > 10 ? p.activeCount : undefined, 'activeCount']];
  for (const [at, pool] of pools) {
    fields.push([pool?.deviceClass, `${at}.deviceClass`], [pool?.compressionMode, `${at}.compressionMode`], [pool?.parameters, `${at}.parameters`], [pool?.replicated?.requireSafeReplicaSize, `${at}.replicated.requireSafeReplicaSize`]);
  }
  for (const [value, field] of fields) {
    requireFieldFeature(site.versions, 'cephFilesystemExtendedSpec', path, field, value, field === 'activeCount' ? 'use at most 10 active MDS on this Rook version' : undefined);
  }
  const single = pools.filter(([, pool]) => pool?.replicated?.size === 1).map(([at]) => at);
  if (single.length) site.addWarning(`${path}: ${single.join(', ')}: replicated.size 1 keeps a single copy of every object; any disk failure loses data (fix: use size 3 outside test clusters)`);
}
