import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import { ConfigError, parseProps } from '../core/errors';
import { place } from '../gitops/layers';
import { dnsLabel, dnsName, k8sObject, placement, resourceRequirements } from '../core/props';
import { Site } from '../core/site';
import { ICephCluster, isCephCluster } from './cluster-ref';

const FAILURE_DOMAINS = ['osd', 'host', 'chassis', 'rack', 'row', 'pdu', 'pod', 'room', 'datacenter', 'zone', 'region', 'root'] as const;

/** Fields of a filesystem pool (same as a CephBlockPool spec). Replicated XOR erasure-coded. */
const poolFields = {
  failureDomain: z.enum(FAILURE_DOMAINS).default('host'),
  replicated: z.strictObject({ size: z.number().int().min(1).max(9), requireSafeReplicaSize: z.boolean().default(true) }).optional(),
  erasureCoded: z.strictObject({ dataChunks: z.number().int().min(2), codingChunks: z.number().int().min(1) }).optional(),
  deviceClass: z.string().min(1).optional(),
  compressionMode: z.enum(['none', 'passive', 'aggressive', 'force']).optional(),
  parameters: z.record(z.string(), z.string()).optional(),
};

/** The checks every filesystem pool gets; `at` is the path of the pool in the props. */
function checkPool(p: { replicated?: { size: number; requireSafeReplicaSize: boolean }; erasureCoded?: unknown }, ctx: z.RefinementCtx, at: (string | number)[]): void {
  if (!!p.replicated === !!p.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: [...at, 'replicated'], message: p.replicated ? 'a pool is either replicated or erasure-coded, not both' : 'a pool needs replicated or erasureCoded', params: { allowed: 'exactly one of replicated / erasureCoded', fix: 'e.g. replicated: { size: 3 }' } });
  }
  if (p.replicated?.size === 1 && p.replicated.requireSafeReplicaSize) {
    ctx.addIssue({ code: 'custom', path: [...at, 'replicated', 'size'], message: 'size 1 keeps a single copy; Ceph refuses it while requireSafeReplicaSize is true', params: { allowed: 'size >= 2, or requireSafeReplicaSize: false (test clusters only)', fix: 'use size: 3' } });
  }
}

const fsPool = z.strictObject(poolFields).superRefine((p, ctx) => checkPool(p, ctx, []));

export const cephFilesystemSchema = z.strictObject({
  /** The cluster; the filesystem inherits its namespace. */
  cluster: z.custom<ICephCluster>(isCephCluster, { message: 'not a RookCluster or ExternalCluster' }),
  /** Filesystem (and CephFilesystem) name. @default - the construct id */
  name: dnsLabel.optional(),
  /** Metadata pool; must be replicated. @default { replicated: { size: 3 } } */
  metadataPool: fsPool.default({ failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true } }),
  /**
   * Data pools, each with a name; Ceph pool `<fs>-<name>`. The first is the default data pool and must be
   * replicated; add erasure-coded pools after it. @default [{ name: 'replicated', replicated: { size: 3 } }]
   */
  dataPools: z.array(z.strictObject({
    name: dnsLabel,
    ...poolFields,
  })).min(1).default([{ name: 'replicated', failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true } }]),
  /** Active MDS daemons (one per rank). @default 1 */
  activeCount: z.number().int().min(1).max(50).default(1),
  /** A hot standby for every active MDS. @default true */
  activeStandby: z.boolean().default(true),
  /** Keep the Ceph filesystem (and its data) when the CephFilesystem is deleted. @default true */
  preserveFilesystemOnDelete: z.boolean().default(true),
  mdsPlacement: placement.optional(),
  mdsResources: resourceRequirements.optional(),
  mdsPriorityClassName: dnsName.optional(),
  mdsAnnotations: k8sObject.optional(),
}).superRefine((p, ctx) => {
  if (p.metadataPool.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: ['metadataPool', 'erasureCoded'], message: 'the CephFS metadata pool must be replicated (Ceph refuses erasure-coded metadata pools)', params: { allowed: 'metadataPool: { replicated: { size: 3 } }', fix: 'make the metadata pool replicated; put erasure coding in a data pool after the first' } });
  }
  const seen = new Set<string>();
  p.dataPools.forEach((d, i) => {
    checkPool(d, ctx, ['dataPools', i]);
    if (seen.has(d.name)) {
      ctx.addIssue({ code: 'custom', path: ['dataPools', i, 'name'], message: `data pool name "${d.name}" is used twice; both would be the Ceph pool "<fs>-${d.name}"`, params: { allowed: 'unique names', fix: 'rename one of them' } });
    }
    seen.add(d.name);
  });
  if (p.dataPools[0]?.erasureCoded) {
    ctx.addIssue({ code: 'custom', path: ['dataPools', 0, 'erasureCoded'], message: 'the first (default) data pool of a filesystem must be replicated; CephFS keeps backtrace metadata there', params: { allowed: 'a replicated first data pool, erasure-coded pools after it', fix: 'insert { name: "replicated", replicated: { size: 3 } } before the erasure-coded pool' } });
  }
});


export type CephFilesystemProps = z.input<typeof cephFilesystemSchema>;

/** A CephFilesystem: metadata pool, data pools, MDS count and standby. */
export class CephFilesystem extends Construct {
  public readonly filesystemName: string;
  public readonly namespace: string;
  public readonly cluster: ICephCluster;
  public readonly resource: ApiObject;
  public readonly config: z.output<typeof cephFilesystemSchema>;

  constructor(scope: Construct, id: string, props: CephFilesystemProps) {
    super(scope, id);
    Site.of(this).requireRook(this.node.path);
    const p = parseProps(this.node.path, cephFilesystemSchema, props);
    this.config = p;
    this.cluster = p.cluster;
    this.filesystemName = p.name ?? id;
    dnsLabel.parse(this.filesystemName);
    this.namespace = p.cluster.namespace;
    this.resource = place(new ApiObject(this, 'Resource', {
      apiVersion: 'ceph.rook.io/v1',
      kind: 'CephFilesystem',
      metadata: { name: this.filesystemName, namespace: this.namespace },
      spec: {
        metadataPool: p.metadataPool,
        dataPools: p.dataPools,
        preserveFilesystemOnDelete: p.preserveFilesystemOnDelete,
        metadataServer: {
          activeCount: p.activeCount,
          activeStandby: p.activeStandby,
          placement: p.mdsPlacement,
          resources: p.mdsResources,
          priorityClassName: p.mdsPriorityClassName,
          annotations: p.mdsAnnotations,
        },
      },
    }), 'pools', { dataBearing: true });
    this.node.addValidation({ validate: () => this.checkHosts() });
  }

  /** Names of the data pools (without the filesystem prefix). */
  public get dataPoolNames(): string[] {
    return this.config.dataPools.map((d) => d.name);
  }

  /** Ceph pool name of a data pool: `<fs>-<name>`. */
  public cephPoolName(dataPool: string): string {
    return `${this.filesystemName}-${dataPool}`;
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
}
