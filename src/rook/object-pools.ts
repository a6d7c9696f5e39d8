/**
 * The pools of an object store or zone: a replicated metadata pool and a data pool (replicated or erasure-coded,
 * the CephBlockPool rules), or pools shared by several stores (`sharedPools`, RADOS namespaces per store).
 */
import { z } from 'zod';
import { ConfigError } from '../foundation/errors';
import { hasFeature, requireFeature, VersionSet } from '../versions';
import { CephBlockPool, checkPoolFieldsForVersion, PoolSpecOptions, poolSpecSchema, renderPoolSpec } from './ceph-block-pool';
import { PropsMatch } from '../foundation/props-check';

/** A pool spec of an object store or zone: everything a CephBlockPool takes but its name and application. */
export interface ObjectPoolProps extends PoolSpecOptions {}
const _objectPoolProps: PropsMatch<ObjectPoolProps, z.input<typeof poolSpecSchema>> = true;

const sharedPoolRef = z.union([z.lazy(() => z.instanceof(CephBlockPool)), z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'not a Ceph pool name (letters, digits, ".", "_", "-")' })]);

export const sharedPoolsSchema = z.strictObject({
  metadataPool: sharedPoolRef,
  dataPool: sharedPoolRef,
  preserveRadosNamespaceDataOnDelete: z.boolean().optional(),
});

/** Pools shared by several object stores; each store keeps its data in RADOS namespaces of them (Rook 1.15+). */
export interface ObjectSharedPoolsProps {
  /** The shared replicated metadata pool: a CephBlockPool (with `application: 'rgw'`) or a Ceph pool name. */
  readonly metadataPool: CephBlockPool | string;
  /** The shared data pool: a CephBlockPool (with `application: 'rgw'`) or a Ceph pool name. */
  readonly dataPool: CephBlockPool | string;
  /** Keep the store's RADOS namespaces (its objects) in the shared pools when the store is deleted. @default - Rook's default (false) */
  readonly preserveRadosNamespaceDataOnDelete?: boolean;
}
const _objectSharedPoolsProps: PropsMatch<ObjectSharedPoolsProps, z.input<typeof sharedPoolsSchema>> = true;

export const objectPoolsShape = {
  metadataPool: poolSpecSchema.optional(),
  dataPool: poolSpecSchema.optional(),
  sharedPools: sharedPoolsSchema.optional(),
};

type PoolsInput = { metadataPool?: z.output<typeof poolSpecSchema>; dataPool?: z.output<typeof poolSpecSchema>; sharedPools?: z.output<typeof sharedPoolsSchema> };

/** The metadata pool is replicated; own pools and shared pools exclude each other. */
export function checkObjectPools(p: PoolsInput, ctx: z.RefinementCtx, what: string): void {
  if (p.metadataPool?.erasureCoded) {
    ctx.addIssue({
      code: 'custom', path: ['metadataPool', 'erasureCoded'],
      message: `the metadata pool of ${what} must be replicated: RGW keeps bucket indexes and other omap data in the metadata pools, which erasure-coded pools cannot hold`,
      params: { allowed: 'metadataPool: { replicated: { size: 3 } }', fix: 'make the metadata pool replicated and put the erasure coding in dataPool' },
    });
  }
  if (p.sharedPools && (p.metadataPool || p.dataPool)) {
    ctx.addIssue({
      code: 'custom', path: ['sharedPools'],
      message: `${what} uses either pools of its own (metadataPool, dataPool) or sharedPools, not both; the Rook operator refuses the two together`,
      params: { allowed: 'metadataPool + dataPool, or sharedPools', fix: 'remove metadataPool and dataPool to use the shared pools, or remove sharedPools' },
    });
  }
  if (!!p.metadataPool !== !!p.dataPool) {
    ctx.addIssue({
      code: 'custom', path: [p.metadataPool ? 'dataPool' : 'metadataPool'],
      message: `${what} needs both a metadata pool and a data pool, or neither (shared pools, a zone, or an external gateway)`,
      params: { allowed: 'metadataPool and dataPool together', fix: `add ${p.metadataPool ? 'dataPool: { replicated: { size: 3 } }' : 'metadataPool: { replicated: { size: 3 } }'}` },
    });
  }
}

/** Version gates of the pool fields (the v1.2.7 CRD has few of them; sharedPools needs Rook 1.15+). */
export function checkObjectPoolsForVersion(v: VersionSet, path: string, raw: { metadataPool?: ObjectPoolProps; dataPool?: ObjectPoolProps; sharedPools?: ObjectSharedPoolsProps }): void {
  if (raw.metadataPool) checkPoolFieldsForVersion(v, `${path}: metadataPool`, raw.metadataPool);
  if (raw.dataPool) checkPoolFieldsForVersion(v, `${path}: dataPool`, raw.dataPool);
  if (raw.sharedPools) requireFeature(v, 'objectStoreSharedPools', `${path}: sharedPools`, 'give the store pools of its own (metadataPool, dataPool) on this Rook version');
}

function poolJson<C>(p: z.output<typeof poolSpecSchema> | undefined, extended: boolean) {
  return p && renderPoolSpec<C>(p, extended);
}

/** The CRD fields metadataPool, dataPool and sharedPools. */
export function renderObjectPools<MC, DC>(v: VersionSet, p: PoolsInput) {
  const extended = hasFeature(v, 'blockPoolExtendedSpec');
  const name = (x: CephBlockPool | string) => (x instanceof CephBlockPool ? x.config.cephName ?? x.poolName : x);
  return {
    metadataPool: poolJson<MC>(p.metadataPool, extended),
    dataPool: poolJson<DC>(p.dataPool, extended),
    sharedPools: p.sharedPools && {
      metadataPoolName: name(p.sharedPools.metadataPool),
      dataPoolName: name(p.sharedPools.dataPool),
      preserveRadosNamespaceDataOnDelete: p.sharedPools.preserveRadosNamespaceDataOnDelete,
    },
  };
}

/** Shared pools given as BlockPools must be of the store's cluster, the metadata one replicated. */
export function checkSharedPoolRefs(path: string, namespace: string, sp: z.output<typeof sharedPoolsSchema> | undefined): string[] {
  if (!sp) return [];
  const out: string[] = [];
  for (const [field, ref] of [['metadataPool', sp.metadataPool], ['dataPool', sp.dataPool]] as const) {
    if (!(ref instanceof CephBlockPool)) continue;
    if (ref.namespace !== namespace) {
      out.push(new ConfigError({ path: `${path}: sharedPools.${field}`, problem: `CephBlockPool "${ref.poolName}" is in namespace "${ref.namespace}", the store in "${namespace}"; a store can only use pools of its own cluster`, value: ref.poolName, allowed: `a CephBlockPool of the cluster in "${namespace}"`, fix: 'create the shared pool with cluster.addPool on the store\'s cluster' }).message);
    }
    if (field === 'metadataPool' && ref.isErasureCoded) {
      out.push(new ConfigError({ path: `${path}: sharedPools.metadataPool`, problem: `CephBlockPool "${ref.poolName}" is erasure-coded; the shared metadata pool must be replicated`, value: ref.poolName, allowed: 'a replicated CephBlockPool', fix: 'pass a replicated pool as metadataPool' }).message);
    }
  }
  return out;
}

/**
 * The CephBlockPool host rule for the pools of a store or zone: with failureDomain "host", every copy / chunk needs a
 * host of its own among the hosts the cluster knows (the Site's node inventory or its storage nodes).
 */
export function checkObjectPoolHosts(path: string, cluster: unknown, p: PoolsInput): string[] {
  const hosts: string[] | undefined = typeof (cluster as any)?.knownHosts === 'function' ? (cluster as any).knownHosts() : undefined;
  if (!hosts) return [];
  const out: string[] = [];
  for (const [field, pool] of [['metadataPool', p.metadataPool], ['dataPool', p.dataPool]] as const) {
    if (!pool || pool.failureDomain !== 'host') continue;
    const need = pool.replicated
      ? (pool.replicated.replicasPerFailureDomain ? pool.replicated.size / pool.replicated.replicasPerFailureDomain : pool.replicated.size)
      : pool.erasureCoded!.dataChunks + pool.erasureCoded!.codingChunks;
    if (need > hosts.length) {
      out.push(new ConfigError({
        path: `${path}: ${field}`,
        problem: `the pool needs ${need} hosts with failureDomain "host", but the site declares ${hosts.length} (${hosts.join(', ')}); placement groups would stay undersized and the gateway would not start`,
        value: pool.replicated ? pool.replicated.size : pool.erasureCoded,
        allowed: `at most ${hosts.length} hosts' worth`,
        fix: 'declare more nodes, lower the size or chunk counts, or use a smaller failureDomain',
      }).message);
    }
  }
  return out;
}
