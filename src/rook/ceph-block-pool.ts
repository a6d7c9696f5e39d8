import { ApiObject } from 'cdk8s';
import { CephBlockPoolSpecCompressionMode, CephBlockPoolSpecErasureCoded, CephBlockPoolSpecErasureCodedStripeUnit, CephBlockPoolSpecName } from '../../imports/ceph.rook.io';
import { CephBlockPool as CephBlockPoolL1 } from './bindings';
import { Construct } from 'constructs';
import { z } from 'zod';
import { CephRbdStorageClass, CephRbdStorageClassOptions } from './ceph-rbd-storage-class';
import { CephBlockPoolRadosNamespace, CephBlockPoolRadosNamespaceOptions } from './ceph-block-pool-rados-namespace';
import { checkPropsShape, ConfigError, parseProps } from '../foundation/errors';
import { nameOrId, requireSameSite } from '../site/guards';
import { dnsName } from '../foundation/props';
import { Site } from '../site/site';
import { Feature, hasFeature, requireFeature, requireFieldFeature, VersionSet } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';
import { brandCephBlockPool, ICephBlockPool } from './pool-ref';
import { PropsMatch } from '../foundation/props-check';
import { stringMap } from '../foundation/unique';
import { RookResource } from './rook-resource';

const BUILTIN_POOL_NAMES = ['.rgw.root', '.nfs', '.mgr'] as const;

/**
 * Replication of a pool. `safeSize`: the default of requireSafeReplicaSize on the site's line — true, or false on Rook
 * v1.2.7, whose CephBlockPool has no such field (Ceph 14 accepts size 1, so the size-1 rule, whose fix is that field,
 * does not apply there). The default is applied here, once.
 */
const replicatedSchemaFor = (safeSize: boolean) => z.strictObject({
  size: z.number().int().min(1).max(9),
  requireSafeReplicaSize: z.boolean().default(safeSize),
  replicasPerFailureDomain: z.number().int().min(1).optional(),
  subFailureDomain: z.string().min(1).optional(),
  targetSizeRatio: z.number().min(0).optional(),
  hybridStorage: z.strictObject({ primaryDeviceClass: z.string().min(1), secondaryDeviceClass: z.string().min(1) }).optional(),
});
const replicatedSchema = replicatedSchemaFor(true);

/** Stripe units of an erasure-coded pool (the enum of erasureCoded.stripeUnit in rook-lines/v1.20.6/crds.yaml). */
export const EC_STRIPE_UNITS = ['4Ki', '16Ki', '64Ki', '256Ki', '1Mi'] as const;

/** The v1.20 erasure-code fields every pool kind shares (CephBlockPool, filesystem and object store pools). */
export const erasureCodedMsrFields = {
  crushNumFailureDomains: z.number().int().min(1).max(2147483647).optional(),
  crushOSDsPerFailureDomain: z.number().int().min(1).max(2147483647).optional(),
  stripeUnit: z.enum(EC_STRIPE_UNITS).optional(),
};

const erasureCodedSchema = z.strictObject({
  dataChunks: z.number().int(),
  codingChunks: z.number().int(),
  algorithm: z.enum(['isa', 'jerasure']).optional(),
  ...erasureCodedMsrFields,
});

/**
 * The rule the v1.20.6 CRD carries on every `erasureCoded` (x-kubernetes-validations: crushNumFailureDomains and
 * crushOSDsPerFailureDomain set together), and Ceph's: an MSR rule places at most numFailureDomains ×
 * osdsPerFailureDomain chunks, so fewer than dataChunks + codingChunks leaves PGs undersized forever.
 */
export function checkErasureCodedMsr(ec: { dataChunks: number; codingChunks: number; crushNumFailureDomains?: number; crushOSDsPerFailureDomain?: number }, ctx: z.RefinementCtx, at: (string | number)[]): void {
  const n = ec.crushNumFailureDomains;
  const o = ec.crushOSDsPerFailureDomain;
  if ((n === undefined) !== (o === undefined)) {
    const missing = n === undefined ? 'crushNumFailureDomains' : 'crushOSDsPerFailureDomain';
    ctx.addIssue({
      code: 'custom', path: [...at, missing],
      message: 'crushNumFailureDomains and crushOSDsPerFailureDomain go together; the API server refuses one without the other (CRD rule)',
      params: { allowed: 'both or neither', fix: `set ${missing} too (e.g. crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2 spreads 6 chunks over 3 hosts), or remove ${n === undefined ? 'crushOSDsPerFailureDomain' : 'crushNumFailureDomains'}` },
    });
  } else if (n !== undefined && o !== undefined && n * o < ec.dataChunks + ec.codingChunks) {
    ctx.addIssue({
      code: 'custom', path: [...at, 'crushOSDsPerFailureDomain'],
      message: `${n} failure domains × ${o} OSDs each place ${n * o} chunks, fewer than the ${ec.dataChunks + ec.codingChunks} (dataChunks + codingChunks) of every object: the placement groups stay undersized`,
      params: { allowed: `crushNumFailureDomains × crushOSDsPerFailureDomain >= ${ec.dataChunks + ec.codingChunks}`, fix: `raise crushOSDsPerFailureDomain to ${Math.ceil((ec.dataChunks + ec.codingChunks) / n)}, or crushNumFailureDomains` },
    });
  }
}

/** Version gates of the v1.20 erasure-code fields; `at` is the prop path of the erasureCoded object. */
export function checkErasureCodedMsrForVersion(v: VersionSet, path: string, at: string, raw: { crushNumFailureDomains?: number; crushOSDsPerFailureDomain?: number; stripeUnit?: string } | undefined): void {
  if (!raw) return;
  for (const f of ['crushNumFailureDomains', 'crushOSDsPerFailureDomain', 'stripeUnit'] as const) requireFieldFeature(v, 'poolErasureCodedMsr', path, `${at}.${f}`, raw[f]);
}

const poolMirroringSchema = z.strictObject({
  enabled: z.boolean().default(true),
  mode: z.enum(['pool', 'image', 'init-only']).optional(),
  peers: z.strictObject({ secretNames: z.array(dnsName).min(1) }).optional(),
  snapshotSchedules: z.array(z.strictObject({ interval: z.string().regex(/^[0-9]+[mhd]$/, { message: 'not an interval like "24h"' }), startTime: z.string().min(1).optional() })).optional(),
});

/** A Go duration such as "60s", "5m" or "1h30m" (the operator parses it with time.ParseDuration). */
const goDuration = z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/, { message: 'not a duration like "60s" or "5m"' });

const poolStatusCheckSchema = z.strictObject({
  mirror: z.strictObject({
    disabled: z.boolean().optional(),
    interval: goDuration.optional(),
    timeout: goDuration.optional(),
  }).optional(),
});

const blockPoolOptionsObject = z.strictObject({
  name: dnsName.optional(),
  cephName: z.enum(BUILTIN_POOL_NAMES).optional(),
  failureDomain: z.enum(['osd', 'host', 'chassis', 'rack', 'row', 'pdu', 'pod', 'room', 'datacenter', 'zone', 'region', 'root']).default('host'),
  replicated: replicatedSchema.optional(),
  erasureCoded: erasureCodedSchema.optional(),
  deviceClass: z.string().min(1).optional(),
  crushRoot: z.string().min(1).optional(),
  compressionMode: z.enum(['none', 'passive', 'aggressive', 'force']).optional(),
  quotas: z.strictObject({
    maxSize: z.string().regex(/^[0-9]+[.]?[0-9]*([KMGTPE]i|[kMGTPE])?$/, { message: 'not a size like "10Gi"' }).optional(),
    maxObjects: z.number().int().min(0).optional(),
  }).optional(),
  parameters: stringMap.optional(),
  enableRBDStats: z.boolean().optional(),
  application: z.string().min(1).optional(),
  mirroring: poolMirroringSchema.optional(),
  statusCheck: poolStatusCheckSchema.optional(),
  enableCrushUpdates: z.boolean().optional(),
});

/** The fields of a Ceph pool spec without the CephBlockPool-only name and application (object store and zone pools). */
const poolSpecObject = blockPoolOptionsObject.omit({ name: true, cephName: true, application: true, mirroring: true, statusCheck: true, enableCrushUpdates: true });

/** The rules every Ceph pool spec obeys (replicated xor erasure-coded, safe sizes, chunk counts). */
export function checkPoolSpec(p: z.output<typeof poolSpecObject>, ctx: z.RefinementCtx): void {
  if (p.replicated && p.erasureCoded) {
    ctx.addIssue({
      code: 'custom', path: ['erasureCoded'],
      message: 'a pool is either replicated or erasure-coded; with both set the Rook operator rejects the CephBlockPool and never creates the pool',
      params: { allowed: 'exactly one of replicated / erasureCoded', fix: 'for erasure-coded RBD, make two pools: a replicated metadata pool and an erasureCoded data pool, and name both in the StorageClass (pool + dataPool)' },
    });
  }
  if (!p.replicated && !p.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: ['replicated'], message: 'a pool needs replicated or erasureCoded', params: { allowed: 'replicated: { size: 3 } or erasureCoded: { dataChunks: 2, codingChunks: 1 }', fix: 'add replicated: { size: 3 }' } });
  }
  if (p.replicated) {
    const r = p.replicated;
    if (r.size === 1 && r.requireSafeReplicaSize !== false) {
      ctx.addIssue({ code: 'custom', path: ['replicated', 'size'], message: 'size 1 keeps a single copy of every object; Ceph refuses it while requireSafeReplicaSize is true', params: { allowed: 'size >= 2, or size 1 with requireSafeReplicaSize: false (test clusters only)', fix: 'use size: 3, or set requireSafeReplicaSize: false if you accept data loss on any disk failure' } });
    }
    if (r.replicasPerFailureDomain !== undefined && (r.size <= r.replicasPerFailureDomain || r.size % r.replicasPerFailureDomain !== 0)) {
      ctx.addIssue({ code: 'custom', path: ['replicated', 'replicasPerFailureDomain'], message: `size ${r.size} must be greater than and divisible by replicasPerFailureDomain ${r.replicasPerFailureDomain}`, params: { allowed: 'a divisor of size smaller than size', fix: 'adjust size or replicasPerFailureDomain' } });
    }
    if (r.hybridStorage && r.hybridStorage.primaryDeviceClass === r.hybridStorage.secondaryDeviceClass) {
      ctx.addIssue({ code: 'custom', path: ['replicated', 'hybridStorage', 'secondaryDeviceClass'], message: `primary and secondary device class are both "${r.hybridStorage.primaryDeviceClass}"; a hybrid pool puts its copies on two different classes`, params: { allowed: 'two different device classes, e.g. ssd and hdd', fix: 'drop hybridStorage and set deviceClass, or name two classes' } });
    }
    if (r.subFailureDomain && r.subFailureDomain === p.failureDomain) {
      ctx.addIssue({ code: 'custom', path: ['replicated', 'subFailureDomain'], message: 'subFailureDomain must differ from failureDomain', params: { fix: 'pick a lower CRUSH level, e.g. host under rack' } });
    }
  }
  if (p.erasureCoded) {
    if (p.erasureCoded.dataChunks < 2) {
      ctx.addIssue({ code: 'custom', path: ['erasureCoded', 'dataChunks'], message: 'the Rook operator needs at least 2 data chunks', params: { allowed: '>= 2', fix: 'use dataChunks: 2 (or more)' } });
    }
    if (p.erasureCoded.codingChunks < 1) {
      ctx.addIssue({ code: 'custom', path: ['erasureCoded', 'codingChunks'], message: 'the Rook operator needs at least 1 coding chunk (0 means no redundancy)', params: { allowed: '>= 1', fix: 'use codingChunks: 1 (or more)' } });
    }
    checkErasureCodedMsr(p.erasureCoded, ctx, ['erasureCoded']);
  }
}

function checkBlockPool(p: z.output<typeof blockPoolOptionsObject>, ctx: z.RefinementCtx): void {
  checkPoolSpec(p, ctx);
  if (p.mirroring?.enabled && p.mirroring.mode === undefined) {
    ctx.addIssue({ code: 'custom', path: ['mirroring', 'mode'], message: 'mirroring is enabled but has no mode; the rbd-mirror daemon would not know which images to mirror', params: { allowed: "'image' (images enabled one by one) or 'pool' (every image)", fix: "add mode: 'image'" } });
  }
}

export const blockPoolOptionsSchema = blockPoolOptionsObject.superRefine(checkBlockPool);
/** Rook v1.2.7 (no requireSafeReplicaSize in the CRD): the same options with that field's default false. */
const legacyBlockPoolOptionsSchema = blockPoolOptionsObject.extend({ replicated: replicatedSchemaFor(false).optional() }).superRefine(checkBlockPool);
/** A pool spec of an object store or zone: the CephBlockPool rules, without name and application. */
export const poolSpecSchema = poolSpecObject.superRefine(checkPoolSpec);

/** Ceph pools whose names are not Kubernetes names; a CephBlockPool creates them through `spec.name`. */
export type BuiltinPoolName = '.rgw.root' | '.nfs' | '.mgr';

/** CRUSH levels a pool can spread its copies across. */
export type CrushFailureDomain = 'osd' | 'host' | 'chassis' | 'rack' | 'row' | 'pdu' | 'pod' | 'room' | 'datacenter' | 'zone' | 'region' | 'root';

/** Replication of a pool: `size` full copies, one per failure domain. */
export interface CephBlockPoolReplicatedProps {
  /** Number of copies of every object, 1..9 (3 for production). */
  readonly size: number;
  /** Refuse sizes that cannot survive a failure (size 1); set false only for test clusters. @default true */
  readonly requireSafeReplicaSize?: boolean;
  /** Copies put in each failure domain; must divide `size` and be smaller than it. @default - one per failure domain */
  readonly replicasPerFailureDomain?: number;
  /** CRUSH level below `failureDomain` that the copies inside one domain are spread across. @default - none */
  readonly subFailureDomain?: string;
  /** Share of the cluster's capacity this pool is expected to use, for the PG autoscaler. @default - none */
  readonly targetSizeRatio?: number;
  /** Primary copy on one device class, the other copies on another (e.g. ssd + hdd). Rook 1.7+. @default - every copy on the pool's device class */
  readonly hybridStorage?: CephBlockPoolHybridStorageProps;
}

/** Device classes of a hybrid pool: the primary copy (read from) on one, the others on the second. */
export interface CephBlockPoolHybridStorageProps {
  /** Device class of the primary copy, e.g. 'ssd'. */
  readonly primaryDeviceClass: string;
  /** Device class of the other copies, e.g. 'hdd'. */
  readonly secondaryDeviceClass: string;
}

/** Erasure coding of a pool: objects split into data chunks plus coding chunks. */
export interface CephBlockPoolErasureCodedProps {
  /** Data chunks per object; at least 2. */
  readonly dataChunks: number;
  /** Coding chunks per object (the number of failures survived); at least 1. */
  readonly codingChunks: number;
  /** Erasure code plugin. @default - Ceph's default plugin */
  readonly algorithm?: 'isa' | 'jerasure';
  /** Failure domains the chunks are spread over (an MSR CRUSH rule); set with crushOSDsPerFailureDomain. Rook v1.20. @default - one chunk per failure domain */
  readonly crushNumFailureDomains?: number;
  /** Most chunks (OSDs) per failure domain; set with crushNumFailureDomains. Rook v1.20. @default - one chunk per failure domain */
  readonly crushOSDsPerFailureDomain?: number;
  /** Stripe unit of the erasure-code profile: '4Ki', '16Ki', '64Ki', '256Ki' or '1Mi'. Rook v1.20. @default - Ceph's default */
  readonly stripeUnit?: '4Ki' | '16Ki' | '64Ki' | '256Ki' | '1Mi';
}

/** Pool quotas. */
export interface CephBlockPoolQuotasProps {
  /** Largest amount of data, e.g. "10Gi". @default - no limit */
  readonly maxSize?: string;
  /** Largest number of objects. @default - no limit */
  readonly maxObjects?: number;
}

/** Bootstrap peers of a mirrored pool. */
export interface CephBlockPoolMirroringPeersProps {
  /** Secrets (in the cluster namespace) holding the peer clusters' bootstrap tokens; references only, never the token. */
  readonly secretNames: string[];
}

/** A snapshot schedule of a mirrored pool (snapshot-based mirroring). */
export interface CephBlockPoolSnapshotScheduleProps {
  /** Interval such as "24h", "30m" or "1d". */
  readonly interval: string;
  /** ISO 8601 start time. @default - now */
  readonly startTime?: string;
}

/** RBD mirroring of a pool (`pool-mirrored.yaml`); needs a `CephRbdMirror` daemon in the cluster. */
export interface CephBlockPoolMirroringProps {
  /** Turn mirroring on. @default true */
  readonly enabled?: boolean;
  /**
   * 'image' mirrors the images chosen one by one, 'pool' every image of the pool, 'init-only' (Rook 1.20) only sets
   * the pool up for mirroring (peers, no images). Required when `enabled`. @default - none (only with enabled: false)
   */
  readonly mode?: 'pool' | 'image' | 'init-only';
  /** Peer clusters. @default - none (add peers later) */
  readonly peers?: CephBlockPoolMirroringPeersProps;
  /** Snapshot schedules. @default - none */
  readonly snapshotSchedules?: CephBlockPoolSnapshotScheduleProps[];
}

/** The mirroring health check of a pool (`statusCheck.mirror`). */
export interface CephBlockPoolMirrorStatusCheckProps {
  /** Turn the check off. @default - on (the operator's default) */
  readonly disabled?: boolean;
  /** How often the operator reads the mirroring status, a duration like "60s". @default - the operator's default (60s) */
  readonly interval?: string;
  /** How long one status read may take, a duration like "10s". @default - the operator's default */
  readonly timeout?: string;
}

/** Health checks the operator runs on a pool. */
export interface CephBlockPoolStatusCheckProps {
  /** The mirroring status check. @default - the operator's defaults */
  readonly mirror?: CephBlockPoolMirrorStatusCheckProps;
}

/** Settings of a CephBlockPool (everything but the cluster); exactly one of `replicated` and `erasureCoded`. */
export interface CephBlockPoolOptions {
  /** Ceph pool name, also the CephBlockPool name. @default - the construct id */
  readonly name?: string;
  /**
   * A built-in Ceph pool the CephBlockPool manages under another name (`spec.name`): '.rgw.root' (object stores'
   * realm data, e.g. for shared pools), '.nfs', '.mgr'. Rook 1.8+. @default - the pool is named `name`
   */
  readonly cephName?: BuiltinPoolName;
  /** CRUSH failure domain the copies or chunks are spread across. @default 'host' */
  readonly failureDomain?: CrushFailureDomain;
  /** Replicated pool. Required unless `erasureCoded` is set. @default - none */
  readonly replicated?: CephBlockPoolReplicatedProps;
  /** Erasure-coded pool (for RBD: a data pool next to a replicated metadata pool). Not with `replicated`. @default - none */
  readonly erasureCoded?: CephBlockPoolErasureCodedProps;
  /** OSD device class the pool is limited to ('hdd', 'ssd', 'nvme' or a custom class). @default - every class */
  readonly deviceClass?: string;
  /** CRUSH root the pool uses. @default - Ceph's default root */
  readonly crushRoot?: string;
  /** Inline compression of the BlueStore OSDs. @default - none (Ceph's default) */
  readonly compressionMode?: 'none' | 'passive' | 'aggressive' | 'force';
  /** Pool quotas. @default - none */
  readonly quotas?: CephBlockPoolQuotasProps;
  /** Ceph pool parameters (`ceph osd pool set <pool> <key> <value>`), as strings. @default {} */
  readonly parameters?: Record<string, string>;
  /** Collect per-image RBD statistics. @default - Ceph's default (off) */
  readonly enableRBDStats?: boolean;
  /** Ceph application of the pool. @default - 'rbd', set by the operator */
  readonly application?: string;
  /** RBD mirroring of the pool to peer clusters. @default - not mirrored */
  readonly mirroring?: CephBlockPoolMirroringProps;
  /** Health checks of the pool (the mirroring status check). Rook 1.7+. @default - the operator's defaults */
  readonly statusCheck?: CephBlockPoolStatusCheckProps;
  /** Let the operator update the pool's CRUSH rule when the spec changes (failureDomain, deviceClass). Rook 1.20. @default - the operator's default */
  readonly enableCrushUpdates?: boolean;
}
const _blockPoolOptions: PropsMatch<CephBlockPoolOptions, z.input<typeof blockPoolOptionsSchema>> = true;
const _blockPoolReplicated: PropsMatch<CephBlockPoolReplicatedProps, z.input<typeof replicatedSchema>> = true;
const _blockPoolErasureCoded: PropsMatch<CephBlockPoolErasureCodedProps, z.input<typeof erasureCodedSchema>> = true;
const _blockPoolMirroring: PropsMatch<CephBlockPoolMirroringProps, z.input<typeof poolMirroringSchema>> = true;
const _blockPoolStatusCheck: PropsMatch<CephBlockPoolStatusCheckProps, z.input<typeof poolStatusCheckSchema>> = true;

/** Explicit settings the pinned Rook version's CephBlockPool CRD does not declare are errors. */
export function checkPoolFieldsForVersion(v: VersionSet, path: string, raw: PoolSpecOptions & { application?: string; mirroring?: unknown; statusCheck?: unknown; enableCrushUpdates?: boolean }, blockPool = false): void {
  // a CephBlockPool's CRD declares four of them before the rest (v1.3.11, v1.4.9); the object store pools keep the one gate
  const early: Partial<Record<string, Feature>> = blockPool
    ? { 'crushRoot': 'blockPoolCrushRoot', 'compressionMode': 'blockPoolCompressionMode', 'parameters': 'blockPoolParameters', 'replicated.requireSafeReplicaSize': 'blockPoolSafeReplicaSize' }
    : {};
  const extended: [unknown, string][] = [
    [raw.deviceClass, 'deviceClass'], [raw.crushRoot, 'crushRoot'], [raw.compressionMode, 'compressionMode'],
    [raw.quotas, 'quotas'], [raw.parameters, 'parameters'], [raw.enableRBDStats, 'enableRBDStats'],
    [raw.replicated?.requireSafeReplicaSize, 'replicated.requireSafeReplicaSize'],
    [raw.replicated?.replicasPerFailureDomain, 'replicated.replicasPerFailureDomain'],
    [raw.replicated?.subFailureDomain, 'replicated.subFailureDomain'],
    [raw.replicated?.hybridStorage, 'replicated.hybridStorage'],
    [raw.erasureCoded?.algorithm, 'erasureCoded.algorithm'],
  ];
  for (const [value, field] of extended) {
    requireFieldFeature(v, early[field] ?? 'blockPoolExtendedSpec', path, field, value);
  }
  checkErasureCodedMsrForVersion(v, path, 'erasureCoded', raw.erasureCoded);
  requireFieldFeature(v, 'cephMirroring', path, 'mirroring', raw.mirroring);
  if ((raw.mirroring as { mode?: string } | undefined)?.mode === 'init-only') requireFeature(v, 'blockPoolMirrorInitOnly', `${path}: mirroring.mode`, "use mode 'image' on this Rook version, or pin a version that has 'init-only'");
  requireFieldFeature(v, 'blockPoolStatusCheck', path, 'statusCheck', raw.statusCheck);
  if (raw.enableCrushUpdates !== undefined) requireFeature(v, 'blockPoolCrushUpdates', `${path}: enableCrushUpdates`, 'remove enableCrushUpdates for this Rook version (change the CRUSH rule with the ceph CLI), or pin a version that has it');
  if (raw.application !== undefined) requireFeature(v, 'blockPoolApplication', `${path}: application`, 'remove application: on this Rook version the operator sets the pool application itself');
}

/** Pool spec settings shared by CephBlockPool, object store and zone pools: CephBlockPoolOptions without name and application. */
export type PoolSpecOptions = Omit<CephBlockPoolOptions, 'name' | 'cephName' | 'application' | 'mirroring' | 'statusCheck' | 'enableCrushUpdates'>;

/** A parsed erasureCoded object in the typed binding's shape (its toJson writes the CRD keys). */
export function renderErasureCoded(ec: { dataChunks: number; codingChunks: number; algorithm?: string; crushNumFailureDomains?: number; crushOSDsPerFailureDomain?: number; stripeUnit?: string }): CephBlockPoolSpecErasureCoded {
  return {
    dataChunks: ec.dataChunks, codingChunks: ec.codingChunks,
    algorithm: ec.algorithm,
    crushNumFailureDomains: ec.crushNumFailureDomains,
    crushOsDsPerFailureDomain: ec.crushOSDsPerFailureDomain,
    stripeUnit: ec.stripeUnit === undefined ? undefined : CephBlockPoolSpecErasureCodedStripeUnit.fromString(ec.stripeUnit),
  };
}

/**
 * The CRD shape of a parsed pool spec (CephBlockPool spec, CephObjectStore / CephObjectZone metadataPool and
 * dataPool). `extended` false (no requireSafeReplicaSize in the CRD, v1.2.7 and before): replicated carries only size and targetSizeRatio.
 */
export function renderPoolSpec<C = CephBlockPoolSpecCompressionMode>(p: z.output<typeof poolSpecObject>, extended: boolean) {
  return {
    failureDomain: p.failureDomain,
    // v1.2.7 declares only size and targetSizeRatio: the requireSafeReplicaSize default is left out there
    replicated: p.replicated && !extended ? { size: p.replicated.size, targetSizeRatio: p.replicated.targetSizeRatio } : p.replicated,
    erasureCoded: p.erasureCoded && renderErasureCoded(p.erasureCoded),
    deviceClass: p.deviceClass,
    crushRoot: p.crushRoot,
    // each kind's binding has its own (equal) compressionMode enum: C is the one of the field this spec goes to
    compressionMode: p.compressionMode as C | undefined,
    quotas: p.quotas,
    parameters: p.parameters,
    enableRbdStats: p.enableRBDStats,
  };
}

/**
 * The built-in Ceph pools have names that are no Kubernetes names; a normal pool must not take one (nor a name
 * starting with "."): they are reached only through `cephName` (pool-builtin-mgr.yaml: `builtin-mgr` / `.mgr`).
 */
function checkReservedName(path: string, name: unknown): void {
  if (typeof name !== 'string' || !name.startsWith('.')) return;
  const builtin = (BUILTIN_POOL_NAMES as readonly string[]).includes(name);
  throw new ConfigError({
    path: `${path}: name`,
    problem: builtin
      ? `"${name}" is a built-in Ceph pool; a normal pool cannot take its name (and a CephBlockPool name must be a DNS-1123 name)`
      : `"${name}" starts with "."; Ceph reserves such names for its built-in pools, and a CephBlockPool name must be a DNS-1123 name`,
    value: name,
    allowed: `a DNS-1123 name; ${BUILTIN_POOL_NAMES.join(', ')} only as cephName of the CephBlockPool that manages that built-in pool`,
    fix: builtin ? `name: 'builtin-${name.slice(1).replace(/[^a-z0-9]+/g, '-')}', cephName: '${name}'` : 'use a name without the leading "."',
  });
}

/** Props of {@link CephBlockPool}. */
export interface CephBlockPoolProps extends CephBlockPoolOptions {
  /** The cluster the pool lives in; the pool inherits its namespace. */
  readonly cluster: ICephCluster;
}

/** A CephBlockPool: replicated or erasure-coded (never both). */
export class CephBlockPool extends RookResource<InstanceType<typeof CephBlockPoolL1>> implements ICephBlockPool {
  static { brandCephBlockPool(this); }

  public readonly poolName: string;
  public declare readonly namespace: string;
  public readonly cluster: ICephCluster;
  public declare readonly resource: ApiObject;
  public readonly config: z.output<typeof blockPoolOptionsSchema>;

  constructor(scope: Construct, id: string, props: CephBlockPoolProps) {
    super(scope, id);
    checkPropsShape(this.node.path, props);
    const { cluster, ...options } = props ?? ({} as CephBlockPoolProps);
    if (!isCephCluster(cluster)) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'a CephBlockPool needs the cluster it belongs to', fix: 'create it with cluster.addPool(id, options) or pass cluster: <RookCluster>' });
    }
    checkReservedName(this.node.path, options.name);
    const site0 = Site.of(this);
    // Rook v1.2.7's CephBlockPool has no requireSafeReplicaSize (Ceph 14 accepts size 1): the size-1 rule, whose fix is
    // that field, does not apply there; a warning says what size 1 means instead
    const legacy = !hasFeature(site0.versions, 'blockPoolSafeReplicaSize');
    const unsafeSizeAllowed = legacy && options.replicated?.size === 1 && options.replicated.requireSafeReplicaSize === undefined;
    const p = parseProps(this.node.path, legacy ? legacyBlockPoolOptionsSchema : blockPoolOptionsSchema, options);
    if (unsafeSizeAllowed) site0.addWarning(`${this.node.path}: replicated.size 1 keeps a single copy of every object; any disk failure loses data (fix: use size 3 outside test clusters)`);
    if (p.cephName !== undefined) requireFeature(site0.versions, 'blockPoolSpecName', `${this.node.path}: cephName`);
    this.config = p;
    this.cluster = cluster;
    requireSameSite(this, 'cluster', cluster, 'cluster');
    this.poolName = nameOrId(this.node.path, p.name, id, dnsName, 'pool');
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const v = site.versions;
    const extended = hasFeature(v, 'blockPoolSafeReplicaSize');
    checkPoolFieldsForVersion(v, this.node.path, options, true);
    // L1 binding generated from the pinned CRD (imports/); version-gated fields are checked above.
    this.createResource(CephBlockPoolL1, { name: this.poolName, namespace: cluster.namespace }, {
      spec: { name: p.cephName as CephBlockPoolSpecName | undefined, ...renderPoolSpec(p, extended), application: p.application,
        mirroring: p.mirroring,
        statusCheck: p.statusCheck, enableCrushUpdates: p.enableCrushUpdates,
      },
    }, 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => this.checkFailureDomains() });
    this.node.addValidation({ validate: () => this.checkCephNameUnique() });
  }

  /** The Ceph pool this CephBlockPool manages: `cephName` for a built-in pool, else the pool name. */
  public get cephPoolName(): string {
    return this.config.cephName ?? this.poolName;
  }

  /** Two CephBlockPools of one cluster namespace managing the same Ceph pool would fight over its settings. */
  private checkCephNameUnique(): string[] {
    const same = Site.of(this).findAll(CephBlockPool).filter((b) => b !== this && b.namespace === this.namespace && b.cephPoolName === this.cephPoolName);
    if (!same.length || this.config.cephName === undefined) return [];
    return [new ConfigError({
      path: `${this.node.path}: cephName`,
      problem: `the built-in pool "${this.cephPoolName}" is already managed by CephBlockPool "${same[0].poolName}" in namespace "${this.namespace}"; two CephBlockPools would overwrite each other's settings of one Ceph pool`,
      value: this.cephPoolName,
      allowed: 'one CephBlockPool per built-in pool and cluster',
      fix: `remove one of them (keep "${same[0].poolName}")`,
    }).message];
  }

  /** RBD mirroring is enabled on the pool. */
  public get mirrored(): boolean {
    return this.config.mirroring?.enabled === true;
  }

  public get isErasureCoded(): boolean {
    return this.config.erasureCoded !== undefined;
  }

  /** Number of failure domains the pool needs to place every copy / chunk on a different one. */
  public get requiredFailureDomains(): number {
    if (this.config.replicated) {
      const r = this.config.replicated;
      return r.replicasPerFailureDomain ? r.size / r.replicasPerFailureDomain : r.size;
    }
    return this.config.erasureCoded!.dataChunks + this.config.erasureCoded!.codingChunks;
  }

  private checkFailureDomains(): string[] {
    const c: any = this.cluster;
    const fd = this.config.failureDomain;
    let known: string[] | undefined;
    if (fd === 'host' && typeof c.knownHosts === 'function') known = c.knownHosts();
    if (fd === 'rack' && typeof c.knownRacks === 'function') known = c.knownRacks();
    if (!known) return [];
    const need = this.requiredFailureDomains;
    if (need > known.length) {
      const field = this.config.replicated ? 'replicated.size' : 'erasureCoded';
      const what = this.config.replicated ? `${this.config.replicated.size} replicas` : `${this.config.erasureCoded!.dataChunks}+${this.config.erasureCoded!.codingChunks} chunks`;
      return [new ConfigError({
        path: `${this.node.path}: ${field}`,
        problem: `${what} with failureDomain "${fd}" need ${need} ${fd}s, but the site declares ${known.length} (${known.join(', ')}); placement groups would stay undersized and PVCs would hang`,
        value: this.config.replicated ? this.config.replicated.size : this.config.erasureCoded,
        allowed: `at most ${known.length} ${fd}s' worth`,
        fix: `declare more ${fd}s on the Site, lower the ${this.config.replicated ? 'size' : 'chunk counts'}, or use a smaller failureDomain`,
      }).message];
    }
    return [];
  }

  /** Adds an RBD StorageClass whose images live in this pool (of this pool's cluster). */
  public addStorageClass(id: string, options: CephRbdStorageClassOptions = {}): CephRbdStorageClass {
    return new CephRbdStorageClass(this, id, { ...options, pool: this });
  }

  /** Adds a CephBlockPoolRadosNamespace in this pool (Rook 1.20). */
  public addRadosNamespace(id: string, options: CephBlockPoolRadosNamespaceOptions = {}): CephBlockPoolRadosNamespace {
    return new CephBlockPoolRadosNamespace(this, id, { ...options, blockPool: this });
  }
}
