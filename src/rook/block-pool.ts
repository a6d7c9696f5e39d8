import { ApiObject } from 'cdk8s';
import { CephBlockPool as CephBlockPoolL1, CephBlockPoolSpecCompressionMode, CephBlockPoolSpecErasureCodedAlgorithm } from '../../imports/ceph.rook.io';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../core/errors';
import { place } from '../gitops/layers';
import { dnsName } from '../core/props';
import { Site } from '../core/site';
import { hasFeature, requireFeature, VersionSet } from '../versions';
import { ICephCluster, isCephCluster } from './cluster-ref';

const replicatedSchema = z.strictObject({
  size: z.number().int().min(1).max(9),
  requireSafeReplicaSize: z.boolean().default(true),
  replicasPerFailureDomain: z.number().int().min(1).optional(),
  subFailureDomain: z.string().min(1).optional(),
  targetSizeRatio: z.number().min(0).optional(),
});

const erasureCodedSchema = z.strictObject({
  dataChunks: z.number().int(),
  codingChunks: z.number().int(),
  algorithm: z.enum(['isa', 'jerasure']).optional(),
});

export const blockPoolOptionsSchema = z.strictObject({
  /** Pool (and CephBlockPool) name. @default - the construct id */
  name: dnsName.optional(),
  /** CRUSH failure domain. @default 'host' */
  failureDomain: z.enum(['osd', 'host', 'chassis', 'rack', 'row', 'pdu', 'pod', 'room', 'datacenter', 'zone', 'region', 'root']).default('host'),
  replicated: replicatedSchema.optional(),
  erasureCoded: erasureCodedSchema.optional(),
  /** OSD device class the pool is restricted to (hdd, ssd, nvme or a custom class). @default - all */
  deviceClass: z.string().min(1).optional(),
  crushRoot: z.string().min(1).optional(),
  compressionMode: z.enum(['none', 'passive', 'aggressive', 'force']).optional(),
  quotas: z.strictObject({
    maxSize: z.string().regex(/^[0-9]+[.]?[0-9]*([KMGTPE]i|[kMGTPE])?$/, { message: 'not a size like "10Gi"' }).optional(),
    maxObjects: z.number().int().min(0).optional(),
  }).optional(),
  /** Ceph pool parameters (`ceph osd pool set`), string values. @default {} */
  parameters: z.record(z.string(), z.string()).optional(),
  enableRBDStats: z.boolean().optional(),
  /** Ceph application. @default 'rbd' for pools used by RBD */
  application: z.string().optional(),
}).superRefine((p, ctx) => {
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
  }
});

export type BlockPoolOptions = z.input<typeof blockPoolOptionsSchema>;

/** Explicit settings the pinned Rook version's CephBlockPool CRD does not declare are errors. */
function checkPoolFieldsForVersion(v: VersionSet, path: string, raw: BlockPoolOptions): void {
  const extended: [unknown, string][] = [
    [raw.deviceClass, 'deviceClass'], [raw.crushRoot, 'crushRoot'], [raw.compressionMode, 'compressionMode'],
    [raw.quotas, 'quotas'], [raw.parameters, 'parameters'], [raw.enableRBDStats, 'enableRBDStats'],
    [raw.replicated?.requireSafeReplicaSize, 'replicated.requireSafeReplicaSize'],
    [raw.replicated?.replicasPerFailureDomain, 'replicated.replicasPerFailureDomain'],
    [raw.replicated?.subFailureDomain, 'replicated.subFailureDomain'],
    [raw.erasureCoded?.algorithm, 'erasureCoded.algorithm'],
  ];
  for (const [value, field] of extended) {
    if (value !== undefined) requireFeature(v, 'blockPoolExtendedSpec', `${path}: ${field}`, `remove ${field} for this Rook version, or pin a version that has it`);
  }
  if (raw.application !== undefined) requireFeature(v, 'blockPoolApplication', `${path}: application`, 'remove application: on this Rook version the operator sets the pool application itself');
}

export interface BlockPoolProps extends BlockPoolOptions {
  /** The cluster the pool lives in; the pool inherits its namespace. */
  readonly cluster: ICephCluster;
}

/** A CephBlockPool: replicated or erasure-coded (never both). */
export class BlockPool extends Construct {
  public readonly poolName: string;
  public readonly namespace: string;
  public readonly cluster: ICephCluster;
  public readonly resource: ApiObject;
  public readonly config: z.output<typeof blockPoolOptionsSchema>;

  constructor(scope: Construct, id: string, props: BlockPoolProps) {
    super(scope, id);
    const { cluster, ...options } = props ?? ({} as BlockPoolProps);
    if (!isCephCluster(cluster)) {
      throw new ConfigError({ path: `${this.node.path}: cluster`, problem: 'a BlockPool needs the cluster it belongs to', fix: 'create it with cluster.addPool(id, options) or pass cluster: <RookCluster>' });
    }
    const p = parseProps(this.node.path, blockPoolOptionsSchema, options);
    this.config = p;
    this.cluster = cluster;
    this.poolName = p.name ?? id;
    dnsName.parse(this.poolName);
    this.namespace = cluster.namespace;
    const site = Site.of(this);
    site.requireRook(this.node.path);
    const v = site.versions;
    const extended = hasFeature(v, 'blockPoolExtendedSpec');
    checkPoolFieldsForVersion(v, this.node.path, options);
    // L1 binding generated from the pinned CRD (imports/); version-gated fields are checked above.
    this.resource = new CephBlockPoolL1(this, 'Resource', {
      metadata: { name: this.poolName, namespace: this.namespace },
      spec: {
        failureDomain: p.failureDomain,
        // v1.2.7 declares only size and targetSizeRatio: the requireSafeReplicaSize default is left out there
        replicated: p.replicated && !extended ? { size: p.replicated.size, targetSizeRatio: p.replicated.targetSizeRatio } : p.replicated,
        erasureCoded: p.erasureCoded && { ...p.erasureCoded, algorithm: p.erasureCoded.algorithm as CephBlockPoolSpecErasureCodedAlgorithm | undefined },
        deviceClass: p.deviceClass,
        crushRoot: p.crushRoot,
        compressionMode: p.compressionMode as CephBlockPoolSpecCompressionMode | undefined,
        quotas: p.quotas,
        parameters: p.parameters,
        enableRbdStats: p.enableRBDStats,
        application: p.application,
      },
    });
    place(this.resource, 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => this.checkFailureDomains() });
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
}
